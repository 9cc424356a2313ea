import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, KeyboardInteractiveCallback, ParsedKey, Prompt, utils } from 'ssh2';
import { SshInteraction } from './sshInteraction';

/** OpenSSH's NumberOfPasswordPrompts, used for passphrases too. */
const MAX_ATTEMPTS = 3;

/**
 * Secrets a person gave for one machine, kept in memory only for as long as its connection
 * object lives, so that a reconnect after a drop does not ask again. Never written anywhere.
 * Passwords are kept per hop (`user@host:port`): a jump host's password is never offered to
 * the target, nor the other way round. Decrypted keys are kept per key file.
 */
export class SecretMemory {
  readonly keys = new Map<string, ParsedKey>();
  readonly passwords = new Map<string, string>();

  clear(): void {
    this.keys.clear();
    this.passwords.clear();
  }
}

export interface AuthPlan {
  readonly user: string;
  /** "127.0.0.1:2222", for password prompts. */
  readonly address: string;
  readonly agentSocket: string | false;
  readonly identityFiles: readonly string[];
  /** A key held in memory (from secret storage), offered first. */
  readonly privateKey?: string;
  readonly interaction: SshInteraction;
  readonly secrets: SecretMemory;
  readonly signal: AbortSignal;
  readonly log?: (message: string) => void;
}

type Step = { readonly kind: 'memory' } | { readonly kind: 'agent' } | { readonly kind: 'key'; readonly file: string } | { readonly kind: 'password' };

/**
 * The order OpenSSH uses: agent keys, then key files (asking for a passphrase where one is
 * needed), then a password (password or keyboard-interactive, whichever the server offers).
 * `tried` lists what was offered, for the message when every method failed.
 */
export function createAuthHandler(plan: AuthPlan): { handler: AuthHandlerMiddleware; tried: () => readonly string[] } {
  const steps: Step[] = [
    ...(plan.privateKey !== undefined ? [{ kind: 'memory' } as const] : []),
    ...(plan.agentSocket ? [{ kind: 'agent' } as const] : []),
    ...plan.identityFiles.map((file) => ({ kind: 'key', file }) as const),
    { kind: 'password' },
  ];
  const tried: string[] = [];
  let next = 0;
  let passwordAttempt = 0;
  let lastWasPassword = false;

  const nextMethod = async (methodsLeft: readonly AuthenticationType[] | null): Promise<AnyAuthMethod | false> => {
    const allows = (method: AuthenticationType): boolean => methodsLeft === null || methodsLeft.includes(method);
    if (lastWasPassword) {
      // Called again after a password: this server refused it. Forget it and ask again.
      plan.secrets.passwords.delete(hopKey(plan));
    }
    lastWasPassword = false;
    while (next < steps.length) {
      const step = steps[next] as Step;
      if (step.kind === 'memory') {
        next++;
        const key = allows('publickey') ? privateKey(utils.parseKey(plan.privateKey ?? '')) : undefined;
        if (key instanceof Error) {
          plan.log?.(`SSH: the machine's own key was not used: ${key.message}`);
        } else if (key) {
          tried.push("the machine's own key");
          return { type: 'publickey', username: plan.user, key };
        }
      } else if (step.kind === 'agent') {
        next++;
        if (allows('publickey') && plan.agentSocket) {
          tried.push('ssh-agent');
          return { type: 'agent', username: plan.user, agent: plan.agentSocket };
        }
      } else if (step.kind === 'key') {
        next++;
        const key = allows('publickey') ? await loadKey(step.file, plan) : undefined;
        if (key) {
          tried.push(tildePath(step.file));
          return { type: 'publickey', username: plan.user, key };
        }
      } else {
        const method = allows('password') ? 'password' : allows('keyboard-interactive') ? 'keyboard-interactive' : undefined;
        if (!method || passwordAttempt >= MAX_ATTEMPTS) {
          next++;
          continue;
        }
        passwordAttempt++;
        const password = await askPassword(plan, passwordAttempt);
        if (password === undefined) {
          next++;
          continue;
        }
        if (!tried.includes('password')) {
          tried.push('password');
        }
        lastWasPassword = true;
        return method === 'password'
          ? { type: 'password', username: plan.user, password }
          : { type: 'keyboard-interactive', username: plan.user, prompt: answerWith(password) };
      }
    }
    return false;
  };

  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, callback) => {
    nextMethod(methodsLeft).then(
      (method) => callback(method as AnyAuthMethod),
      (error: unknown) => {
        plan.log?.(`SSH login step failed: ${String((error as Error)?.message ?? error)}`);
        callback(false as unknown as AnyAuthMethod); // ssh2 takes false as "no more methods"
      },
    );
  };
  return { handler, tried: () => tried };
}

async function askPassword(plan: AuthPlan, attempt: number): Promise<string | undefined> {
  const remembered = plan.secrets.passwords.get(hopKey(plan));
  if (remembered !== undefined) {
    return remembered;
  }
  const password = await plan.interaction.password({ user: plan.user, address: plan.address, attempt }, plan.signal);
  if (password !== undefined) {
    plan.secrets.passwords.set(hopKey(plan), password);
  }
  return password;
}

/** The hop a password belongs to: the login user at this server. */
function hopKey(plan: AuthPlan): string {
  return `${plan.user}@${plan.address}`;
}

/** Reads and decrypts one key file; undefined when it is missing, unreadable or left locked. */
async function loadKey(file: string, plan: AuthPlan): Promise<ParsedKey | undefined> {
  const remembered = plan.secrets.keys.get(file);
  if (remembered) {
    return remembered;
  }
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') {
      plan.log?.(`SSH key ${file} could not be read: ${String((error as Error).message)}`);
    }
    return undefined;
  }
  let parsed = privateKey(utils.parseKey(data));
  for (let attempt = 1; parsed instanceof Error && /passphrase/i.test(parsed.message) && attempt <= MAX_ATTEMPTS; attempt++) {
    const passphrase = await plan.interaction.keyPassphrase({ keyFile: file, attempt }, plan.signal);
    if (passphrase === undefined) {
      return undefined;
    }
    parsed = privateKey(utils.parseKey(data, passphrase));
  }
  if (parsed instanceof Error) {
    plan.log?.(`SSH key ${file} was not used: ${parsed.message}`);
    return undefined;
  }
  plan.secrets.keys.set(file, parsed);
  return parsed;
}

function privateKey(result: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  const key = Array.isArray(result) ? result[0] : result;
  if (key === undefined) {
    return new Error('no key in file');
  }
  if (key instanceof Error || key.isPrivateKey()) {
    return key;
  }
  return new Error('a public key, not a private one');
}

/** Keyboard-interactive as servers with PAM use it for passwords: every hidden prompt gets the password. */
function answerWith(password: string) {
  return (_name: string, _instructions: string, _lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback): void => {
    finish(prompts.map((p) => (p.echo ? '' : password)));
  };
}

function tildePath(file: string): string {
  const home = os.homedir();
  return file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}
