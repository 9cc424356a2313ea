import { HostKeyQuestion, PassphraseQuestion, PasswordQuestion, SshInteraction } from './sshInteraction';

/** Where remembered SSH secrets are kept: VS Code's SecretStorage in the editor, never a file. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The questions as a person is asked them, and whether they want an answer kept. */
export interface SecretAsker {
  trustHostKey(question: HostKeyQuestion, signal: AbortSignal): Promise<boolean>;
  askPassphrase(question: PassphraseQuestion, signal: AbortSignal): Promise<string | undefined>;
  askPassword(question: PasswordQuestion, signal: AbortSignal): Promise<string | undefined>;
  agreesToRemember(what: 'password' | 'passphrase'): Promise<boolean>;
}

/** One entry per hop (`user@host:port`), so each ProxyJump hop has its own password. */
export function passwordSecretKey(question: Pick<PasswordQuestion, 'user' | 'address'>): string {
  return `dockerHosts.ssh.password:${question.user}@${question.address}`;
}

export function passphraseSecretKey(question: Pick<PassphraseQuestion, 'keyFile'>): string {
  return `dockerHosts.ssh.passphrase:${question.keyFile}`;
}

/**
 * Answers passwords and passphrases from the store first, and asks a person otherwise. A later
 * attempt means the server (or the key file) refused the previous answer: that entry alone is
 * forgotten, so one hop's refusal never deletes another hop's saved password.
 */
export class RememberedSecrets implements SshInteraction {
  constructor(private readonly store: SecretStore, private readonly asker: SecretAsker) {}

  trustHostKey(question: HostKeyQuestion, signal: AbortSignal): Promise<boolean> {
    return this.asker.trustHostKey(question, signal);
  }

  keyPassphrase(question: PassphraseQuestion, signal: AbortSignal): Promise<string | undefined> {
    return this.answer(passphraseSecretKey(question), question.attempt, 'passphrase', () => this.asker.askPassphrase(question, signal));
  }

  password(question: PasswordQuestion, signal: AbortSignal): Promise<string | undefined> {
    return this.answer(passwordSecretKey(question), question.attempt, 'password', () => this.asker.askPassword(question, signal));
  }

  private async answer(key: string, attempt: number, what: 'password' | 'passphrase', ask: () => Promise<string | undefined>): Promise<string | undefined> {
    if (attempt === 1) {
      const saved = await this.store.get(key);
      if (saved !== undefined) {
        return saved;
      }
    } else {
      await this.store.delete(key); // the saved one was refused
    }
    const secret = await ask();
    if (secret && (await this.asker.agreesToRemember(what))) {
      await this.store.store(key, secret);
    }
    return secret;
  }
}
