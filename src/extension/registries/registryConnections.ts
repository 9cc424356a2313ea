import { registryOf, RegistryCredentials } from '../../core/engine/registryAuth';
import { RegistryAddress } from '../../core/registry/registryAddress';
import { RegistryClient } from '../../core/registry/registryClient';
import { RegistryCredentialStore } from '../registry/registryCredentials';
import { requestTimeoutMsSetting, userSetting } from '../userSettings';
import { addressOf, RegistryEntry } from './registryList';

/** dockerHosts.registries.allowHttp from the user's settings only: a workspace cannot relax https. */
export function allowHttpHostsSetting(): string[] {
  const value = userSetting<unknown>('dockerHosts', 'registries.allowHttp');
  return Array.isArray(value) ? value.filter((host): host is string => typeof host === 'string') : [];
}

/** The name pulls and pushes keep a registry's credentials under (registryOf's: Docker Hub's index URL, else host[:port]). */
export function credentialKey(address: RegistryAddress): string {
  return registryOf(address.dockerHub ? 'library/image' : `${address.host}/image`);
}

/** One client per registry entry (its tokens are reused), made again when settings change. */
export class RegistryConnections {
  private readonly clients = new Map<string, RegistryClient>();

  constructor(private readonly credentials: RegistryCredentialStore) {}

  clientFor(entry: RegistryEntry): RegistryClient {
    const existing = this.clients.get(entry.id);
    if (existing) return existing;
    const address = addressOf(entry, allowHttpHostsSetting());
    const client = new RegistryClient({
      address,
      credentials: () => this.credentialsFor(entry, address),
      timeoutMs: requestTimeoutMsSetting(),
      allowHttpHosts: allowHttpHostsSetting(),
    });
    this.clients.set(entry.id, client);
    return client;
  }

  /** Forgets clients (and their tokens): after Refresh, a settings change, or new credentials. */
  reset(id?: string): void {
    if (id === undefined) this.clients.clear();
    else this.clients.delete(id);
  }

  private async credentialsFor(entry: RegistryEntry, address: RegistryAddress): Promise<RegistryCredentials | undefined> {
    const key = credentialKey(address);
    switch (entry.auth) {
      case 'anonymous':
        return undefined;
      case 'password':
        return this.credentials.saved(key);
      case 'docker':
        return this.credentials.forRegistry(key, false);
    }
  }
}
