import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { withFileLock } from '../util/fileLock';
import { createAuthority, TlsAuthority } from './certificates';

/** The part of the editor's secret storage this needs (VS Code's SecretStorage fits). */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
}

export const AUTHORITY_SECRET_KEY = 'dockerHosts.provisioning.tlsAuthority';

/** The authority saved in secret storage, or undefined when none (or no usable one) is there. */
export async function readAuthority(secrets: SecretStore): Promise<TlsAuthority | undefined> {
  const saved = await secrets.get(AUTHORITY_SECRET_KEY);
  return saved ? parseAuthority(saved) : undefined;
}

/**
 * The authority, made and saved on first use. Every window of the editor shares the secret, so
 * the check and the creation happen under one lock file, with the secret re-read inside it: two
 * windows provisioning at once end with one CA, not one each (the second overwriting the first
 * and leaving hosts that trust a CA nobody has the key of).
 */
export async function obtainAuthority(secrets: SecretStore, lockFile: string, create: () => TlsAuthority = () => createAuthority('Docker Hosts machine CA')): Promise<TlsAuthority> {
  await fs.mkdir(path.dirname(lockFile), { recursive: true });
  return withFileLock(lockFile, async () => {
    const existing = await readAuthority(secrets);
    if (existing) {
      return existing;
    }
    const made = create();
    await secrets.store(AUTHORITY_SECRET_KEY, JSON.stringify(made));
    return made;
  });
}

function parseAuthority(text: string): TlsAuthority | undefined {
  try {
    const value = JSON.parse(text) as Partial<TlsAuthority>;
    return typeof value.caCert === 'string' && typeof value.caKey === 'string' && typeof value.clientCert === 'string' && typeof value.clientKey === 'string' ? (value as TlsAuthority) : undefined;
  } catch {
    return undefined;
  }
}
