import * as vscode from 'vscode';
import { LifecycleIo } from '../../core/machines/driver';

/** One secret-storage entry for every machine's own secrets (a VM's SSH key): loaded once at start, before machines connect. */
const SECRET_KEY = 'dockerHosts.machineSecrets';

type AllSecrets = Record<string, Record<string, string>>;

/**
 * Machines' own secrets, kept in VS Code's secret storage (never in a file, a log or the
 * extension API) and held in memory so that a driver can build an endpoint synchronously.
 * Every change re-reads the entry first, so two windows adding machines keep each other's.
 */
export class MachineSecrets {
  private all: AllSecrets = {};

  constructor(private readonly storage: vscode.SecretStorage) {}

  async load(): Promise<void> {
    this.all = parse(await this.storage.get(SECRET_KEY));
  }

  /** Reloads when another window changed them, then `onChange`. */
  followOtherWindows(onChange: () => void): vscode.Disposable {
    return this.storage.onDidChange((event) => {
      if (event.key === SECRET_KEY) {
        void this.load().then(onChange, () => undefined);
      }
    });
  }

  peek(machineId: string, key: string): string | undefined {
    return this.all[machineId]?.[key];
  }

  /** The secrets of one machine, as lifecycle steps get them. */
  of(machineId: string): LifecycleIo['secrets'] {
    return {
      get: async (key) => this.peek(machineId, key),
      store: (key, value) => this.change((all) => ({ ...all, [machineId]: { ...all[machineId], [key]: value } })),
      delete: (key) =>
        this.change((all) => ({ ...all, [machineId]: Object.fromEntries(Object.entries(all[machineId] ?? {}).filter(([name]) => name !== key)) })),
    };
  }

  /** Forgets every secret of a removed machine. */
  forget(machineId: string): Promise<void> {
    return this.change((all) => Object.fromEntries(Object.entries(all).filter(([id]) => id !== machineId)));
  }

  private async change(update: (all: AllSecrets) => AllSecrets): Promise<void> {
    const next = update(parse(await this.storage.get(SECRET_KEY)));
    const kept = Object.fromEntries(Object.entries(next).filter(([, secrets]) => Object.keys(secrets).length > 0));
    await this.storage.store(SECRET_KEY, JSON.stringify(kept));
    this.all = kept;
  }
}

/** The stored entry, or nothing when it is missing or not what this code writes. */
function parse(text: string | undefined): AllSecrets {
  try {
    const value: unknown = text === undefined ? {} : JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const all: AllSecrets = {};
    for (const [id, secrets] of Object.entries(value)) {
      if (typeof secrets !== 'object' || secrets === null) continue;
      all[id] = Object.fromEntries(Object.entries(secrets as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    }
    return all;
  } catch {
    return {};
  }
}
