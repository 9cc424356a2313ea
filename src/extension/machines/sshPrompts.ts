import * as vscode from 'vscode';
import { RememberedSecrets, SecretAsker } from '../../core/ssh/rememberedSecrets';
import { HostKeyQuestion, PassphraseQuestion, PasswordQuestion } from '../../core/ssh/sshInteraction';

/**
 * Answers an SSH connection's questions through the editor: an unknown host key is shown with
 * its fingerprint and trusted only when the user says so; passphrases and passwords are asked
 * once and, if the user agrees, kept in VS Code's SecretStorage (never in a file or a log), one
 * entry per key file and per hop.
 */
export class SshPrompts extends RememberedSecrets {
  constructor(secrets: vscode.SecretStorage) {
    super(secrets, editorAsker);
  }
}

const editorAsker: SecretAsker = {
  async trustHostKey(question: HostKeyQuestion, signal: AbortSignal): Promise<boolean> {
    const changedType = question.otherKnownKeyTypes.length > 0 ? ` (known_hosts has a ${question.otherKnownKeyTypes.join('/')} key for it, not this type)` : '';
    const choice = await withAbort(signal, vscode.window.showWarningMessage(
      `Unknown SSH host ${question.address}${changedType}`,
      {
        modal: true,
        detail: `Its ${question.keyType} key fingerprint is ${question.fingerprint}.\nCompare it with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_${question.keyType.toLowerCase()}_key.pub) before trusting it. Trusting adds it to ${question.knownHostsFile}.`,
      },
      'Trust and Connect',
    ));
    return choice === 'Trust and Connect';
  },

  askPassphrase(question: PassphraseQuestion, signal: AbortSignal): Promise<string | undefined> {
    return withAbort(signal, vscode.window.showInputBox({
      title: `Passphrase for ${question.keyFile}`,
      prompt: question.attempt > 1 ? 'That passphrase did not open the key; try again' : 'The key file is encrypted',
      password: true,
      ignoreFocusOut: true,
    }));
  },

  askPassword(question: PasswordQuestion, signal: AbortSignal): Promise<string | undefined> {
    return withAbort(signal, vscode.window.showInputBox({
      title: `Password for ${question.user}@${question.address}`,
      prompt: question.attempt > 1 ? 'The server refused that password; try again' : 'SSH login password',
      password: true,
      ignoreFocusOut: true,
    }));
  },

  /** The secret is stored only when the user agrees; otherwise it lives in the connection's memory. */
  async agreesToRemember(what: 'password' | 'passphrase'): Promise<boolean> {
    const answer = await vscode.window.showQuickPick(['Remember in VS Code secret storage', 'Use for this session only'], { title: `Remember this ${what}?` });
    return answer?.startsWith('Remember') ?? false;
  },
};

/** Resolves undefined when the connection no longer needs the answer. */
function withAbort<T>(signal: AbortSignal, question: Thenable<T>): Promise<T | undefined> {
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(undefined), { once: true });
    question.then(resolve, () => resolve(undefined));
  });
}
