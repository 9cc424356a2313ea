import * as vscode from 'vscode';
import { createAuthority, TlsAuthority } from '../../core/provision/certificates';

const SECRET_KEY = 'dockerHosts.provisioning.tlsAuthority';

/**
 * This computer's CA and client certificate for provisioned machines, kept in VS Code's secret
 * storage (the keys never touch a file). Made once, on the first provisioning; loaded at start so
 * that machines can connect without waiting for it.
 */
export class TlsAuthorityStore {
  private authority: TlsAuthority | undefined;
  private creating: Promise<TlsAuthority> | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** What is loaded; undefined before `load()` or when none was made yet. */
  get current(): TlsAuthority | undefined {
    return this.authority;
  }

  async load(): Promise<TlsAuthority | undefined> {
    const saved = await this.secrets.get(SECRET_KEY);
    this.authority = saved ? parse(saved) : undefined;
    return this.authority;
  }

  /** The authority, made and saved on first use. */
  async obtain(): Promise<TlsAuthority> {
    this.creating ??= (async () => {
      const existing = this.authority ?? (await this.load());
      if (existing) {
        return existing;
      }
      const made = createAuthority('Docker Hosts machine CA');
      await this.secrets.store(SECRET_KEY, JSON.stringify(made));
      this.authority = made;
      return made;
    })().finally(() => (this.creating = undefined));
    return this.creating;
  }
}

function parse(text: string): TlsAuthority | undefined {
  try {
    const value = JSON.parse(text) as Partial<TlsAuthority>;
    return typeof value.caCert === 'string' && typeof value.caKey === 'string' && typeof value.clientCert === 'string' && typeof value.clientKey === 'string' ? (value as TlsAuthority) : undefined;
  } catch {
    return undefined;
  }
}
