import { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { hostKeyAlgorithms } from './hostKeys';
import { HostKeyVerifier } from './hostKeyVerifier';
import { createAuthHandler, SecretMemory } from './sshAuth';
import { SshHop } from './sshConfig';
import { formatSshAddress, SshError, toSshError } from './sshErrors';
import { SshInteraction } from './sshInteraction';
import { ResolvedSshSettings } from './sshSettings';

export interface HandshakeOptions {
  readonly hop: SshHop;
  /** A channel through a jump host; without it a TCP connection to the hop is made. */
  readonly sock?: Duplex;
  readonly settings: ResolvedSshSettings;
  readonly secrets: SecretMemory;
  /** Aborts the attempt, including any question still open. */
  readonly signal: AbortSignal;
}

/**
 * Connects and logs in to one SSH server: host key checked against known_hosts, then agent, key
 * files and password in turn. Resolves with the ready client, which always has an error listener
 * (an unhandled 'error' on ssh2's client would crash the process, cf. dockerode issue #764).
 */
export async function openSshClient(options: HandshakeOptions): Promise<Client> {
  const { hop, settings, signal } = options;
  signal.throwIfAborted();
  const address = { user: hop.user, hostName: hop.hostName, port: hop.port };
  const timeoutMs = hop.connectTimeoutMs ?? settings.connectTimeoutMs;
  const client = new Client();
  client.on('error', () => undefined);

  return new Promise<Client>((resolve, reject) => {
    let failure: unknown;
    let settled = false;
    const timer = new PausableTimer(timeoutMs, () => fail(new SshError('timeout', `SSH server ${formatSshAddress(address, false)} did not complete the login within ${Math.round(timeoutMs / 1000)} s — check the address, the port and any firewall`)));
    const interaction = pausing(settings.interaction, timer);
    const verifier = new HostKeyVerifier({
      hostName: hop.hostName,
      port: hop.port,
      ...(hop.hostKeyAlias !== undefined && { hostKeyAlias: hop.hostKeyAlias }),
      files: hop.knownHostsFiles ?? settings.knownHostsFiles,
      hashed: hop.hashKnownHosts,
      interaction,
      ...(hop.pinnedHostKeys !== undefined && { pinned: hop.pinnedHostKeys }),
    });
    const auth = createAuthHandler({
      user: hop.user,
      address: formatSshAddress(address, false),
      agentSocket: hop.identityAgent ?? (hop.identitiesOnly ? false : settings.agentSocket),
      identityFiles: hop.identityFiles,
      ...(hop.privateKey !== undefined && { privateKey: hop.privateKey }),
      interaction,
      secrets: options.secrets,
      signal,
      ...(settings.log && { log: settings.log }),
    });

    const finish = (): void => {
      settled = true;
      timer.stop();
      signal.removeEventListener('abort', onAbort);
      client.removeListener('ready', onReady).removeListener('error', onError).removeListener('close', onClose);
    };
    function fail(error: unknown): void {
      if (settled) {
        return;
      }
      failure ??= error;
      finish();
      client.destroy();
      reject(failure);
    }
    const onAbort = (): void => fail(signal.reason);
    const onReady = (): void => {
      finish();
      // Requests are small request/response exchanges: Nagle's delay would dominate each one.
      client.setNoDelay(true);
      resolve(client);
    };
    const onError = (error: Error & { level?: string }): void => {
      if (failure === undefined && error.level === 'client-authentication') {
        failure = new SshError('auth-failed', authFailedMessage(address, auth.tried()), { cause: error });
      }
      fail(failure ?? toSshError(error, address, timeoutMs));
    };
    const onClose = (): void => fail(failure ?? new SshError('closed', `SSH server ${formatSshAddress(address, false)} closed the connection during login`));
    signal.addEventListener('abort', onAbort, { once: true });
    client.on('ready', onReady).on('error', onError).on('close', onClose);

    verifier.knownTypes().then(
      (knownTypes) => {
        if (settled) {
          return;
        }
        timer.start();
        client.connect({
          ...(options.sock ? { sock: options.sock } : { host: hop.hostName, port: hop.port }),
          username: hop.user,
          readyTimeout: 0, // our own timer, which stops while a person answers a question
          keepaliveInterval: settings.keepaliveIntervalMs,
          keepaliveCountMax: 3,
          algorithms: { serverHostKey: hostKeyAlgorithms(knownTypes) as never },
          hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
            verifier.verify(key, signal).then(
              () => verify(true),
              (error: unknown) => {
                failure ??= error;
                verify(false);
              },
            );
          },
          authHandler: auth.handler,
        });
      },
      (error: unknown) => fail(error),
    );
  });
}

function authFailedMessage(address: { user: string; hostName: string; port: number }, tried: readonly string[]): string {
  const offered = tried.length === 0 ? 'no key or password was available' : `tried ${joinList(tried)}`;
  return `SSH login as ${address.user} to ${formatSshAddress(address, false)} was refused (${offered}) — add your public key to the host's authorized_keys, load it into ssh-agent, or check the user name`;
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The same questions, with the login timer stopped while a person thinks. */
function pausing(interaction: SshInteraction, timer: PausableTimer): SshInteraction {
  const paused = async <T>(question: () => Promise<T>): Promise<T> => {
    timer.pause();
    try {
      return await question();
    } finally {
      timer.resume();
    }
  };
  return {
    trustHostKey: (q, s) => paused(() => interaction.trustHostKey(q, s)),
    keyPassphrase: (q, s) => paused(() => interaction.keyPassphrase(q, s)),
    password: (q, s) => paused(() => interaction.password(q, s)),
  };
}

/** A one-shot timer that can be held; on resume it starts its whole span again. */
class PausableTimer {
  private handle: NodeJS.Timeout | undefined;
  private holds = 0;
  private running = false;

  constructor(private readonly ms: number, private readonly fire: () => void) {}

  start(): void {
    this.running = true;
    this.arm();
  }

  pause(): void {
    this.holds++;
    clearTimeout(this.handle);
    this.handle = undefined;
  }

  resume(): void {
    this.holds = Math.max(0, this.holds - 1);
    this.arm();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(): void {
    if (this.running && this.holds === 0 && this.handle === undefined) {
      this.handle = setTimeout(this.fire, this.ms);
    }
  }
}
