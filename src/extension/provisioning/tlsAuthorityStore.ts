import * as vscode from 'vscode';
import { TlsAuthority } from '../../core/provision/certificates';
import { AUTHORITY_SECRET_KEY, obtainAuthority, readAuthority } from '../../core/provision/sharedAuthority';

/**
 * This computer's CA and client certificate for provisioned machines, kept in VS Code's secret
 * storage (the keys never touch a file). Made once, on the first provisioning, under a lock shared
 * with the other windows; loaded at start so that machines can connect without waiting for it.
 */
export class TlsAuthorityStore {
  private authority: TlsAuthority | undefined;
  private creating: Promise<TlsAuthority> | undefined;

  /** `lockFile`: in the extension's global storage, which every window of the profile shares. */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly lockFile: string,
  ) {}

  /** Keeps `current` up to date when another window makes (or replaces) the authority. */
  followOtherWindows(): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === AUTHORITY_SECRET_KEY) {
        void this.load().catch(() => undefined);
      }
    });
  }

  /** What is loaded; undefined before `load()` or when none was made yet. */
  get current(): TlsAuthority | undefined {
    return this.authority;
  }

  async load(): Promise<TlsAuthority | undefined> {
    this.authority = await readAuthority(this.secrets);
    return this.authority;
  }

  /** The authority, made and saved on first use (by this window or another). */
  async obtain(): Promise<TlsAuthority> {
    this.creating ??= (async () => {
      this.authority ??= await obtainAuthority(this.secrets, this.lockFile);
      return this.authority;
    })().finally(() => (this.creating = undefined));
    return this.creating;
  }
}
