/**
 * The questions an SSH connection may need answered by a person. Core only asks; the extension
 * decides how to ask and whether to remember an answer (secrets go to SecretStorage, never to
 * files or logs). Every question carries a signal that aborts when the answer is no longer needed.
 */
export interface SshInteraction {
  /** An unknown host presented this key. true trusts it and adds it to known_hosts. */
  trustHostKey(question: HostKeyQuestion, signal: AbortSignal): Promise<boolean>;
  /** The passphrase of an encrypted key file; undefined skips that key. */
  keyPassphrase(question: PassphraseQuestion, signal: AbortSignal): Promise<string | undefined>;
  /** The login password; undefined gives up on password login. */
  password(question: PasswordQuestion, signal: AbortSignal): Promise<string | undefined>;
}

export interface HostKeyQuestion {
  /** "127.0.0.1:2222", for the prompt. */
  readonly address: string;
  /** The name the key is recorded under: `host`, or `[host]:port` on other ports. */
  readonly knownHostsName: string;
  /** "ED25519", "ECDSA", "RSA". */
  readonly keyType: string;
  /** As `ssh-keygen -lf` prints it: "SHA256:…". */
  readonly fingerprint: string;
  /** Where the key is added when trusted. */
  readonly knownHostsFile: string;
  /** Key types already known for this host; a non-empty list means the server changed key type. */
  readonly otherKnownKeyTypes: readonly string[];
}

export interface PassphraseQuestion {
  readonly keyFile: string;
  /** 1 on the first ask; higher after a wrong passphrase. */
  readonly attempt: number;
}

export interface PasswordQuestion {
  readonly user: string;
  /** "127.0.0.1:2222". */
  readonly address: string;
  /** 1 on the first ask; higher after the server refused a password. */
  readonly attempt: number;
}

/** For callers that cannot ask anyone: unknown hosts are refused, no secret is offered. */
export const NON_INTERACTIVE: SshInteraction = {
  trustHostKey: async () => false,
  keyPassphrase: async () => undefined,
  password: async () => undefined,
};
