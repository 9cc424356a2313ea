import * as vscode from 'vscode';
import { parseRegistryAddress, RegistryAddress } from '../../core/registry/registryAddress';

/** How a registry is signed in to: not at all, a password kept in SecretStorage, or docker's own config and credential helpers. */
export type RegistryAuthKind = 'anonymous' | 'password' | 'docker';

/** A registry the user added. No secret in it: it lives in globalState. */
export interface RegistryEntry {
  readonly id: string;
  /** What the user typed, normalised (`ghcr.io`, `http://127.0.0.1:5000`, `docker.io`). */
  readonly address: string;
  readonly auth: RegistryAuthKind;
  readonly username?: string;
  /** Repositories added by name (for registries that do not list their catalog, like Docker Hub). */
  readonly repositories: readonly string[];
}

const KEY = 'dockerHosts.registries';

/** The Registries view's list, in the extension's globalState, shared by the user's windows. */
export class RegistryList implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get all(): RegistryEntry[] {
    const stored = this.state.get<unknown>(KEY);
    return Array.isArray(stored) ? stored.filter(isEntry) : [];
  }

  find(id: string): RegistryEntry | undefined {
    return this.all.find((entry) => entry.id === id);
  }

  async add(entry: RegistryEntry): Promise<void> {
    if (this.all.some((existing) => existing.id === entry.id)) {
      throw new Error(`${entry.address} is already in the Registries view`);
    }
    await this.write([...this.all, entry]);
  }

  async remove(id: string): Promise<void> {
    await this.write(this.all.filter((entry) => entry.id !== id));
  }

  async addRepository(id: string, repository: string): Promise<void> {
    await this.write(this.all.map((entry) => (entry.id === id && !entry.repositories.includes(repository) ? { ...entry, repositories: [...entry.repositories, repository].sort() } : entry)));
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async write(entries: RegistryEntry[]): Promise<void> {
    await this.state.update(KEY, entries);
    this.changed.fire();
  }
}

/** A registry's id is its API origin: one entry per registry. */
export function registryIdOf(address: RegistryAddress): string {
  return address.origin;
}

/** The address of an entry, re-checked against the user's http opt-outs each time (a setting may have changed). */
export function addressOf(entry: RegistryEntry, allowHttpHosts: readonly string[]): RegistryAddress {
  return parseRegistryAddress(entry.address, allowHttpHosts);
}

function isEntry(value: unknown): value is RegistryEntry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.id === 'string' && typeof entry.address === 'string' && (entry.auth === 'anonymous' || entry.auth === 'password' || entry.auth === 'docker')
    && (entry.username === undefined || typeof entry.username === 'string') && Array.isArray(entry.repositories) && entry.repositories.every((r) => typeof r === 'string');
}
