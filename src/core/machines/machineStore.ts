import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** What is kept of a machine: never a secret (those live in the editor's secret storage). */
export interface StoredMachine {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  /** Driver fields. Files inside the store are written `store:<relative path>`, so the store can move. */
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

export const STORE_SCHEMA_VERSION = 1;

interface StoreFile {
  schemaVersion: number;
  machines: StoredMachine[];
}

export interface LoadResult {
  readonly machines: StoredMachine[];
  /** Set when the file could not be used as it was; says what happened and where the file went. */
  readonly problem?: string;
  /** True when a newer version wrote the file: it is shown but never overwritten. */
  readonly readOnly: boolean;
}

const STORE_PREFIX = 'store:';

/**
 * One JSON file of machines. Writes go to a temporary file that is flushed and renamed over the
 * old one, so a crash or kill at any moment leaves either the old or the new store, never half.
 */
export class MachineStore {
  private readOnly = false;

  constructor(readonly file: string) {}

  get directory(): string {
    return path.dirname(this.file);
  }

  async load(): Promise<LoadResult> {
    await this.removeLeftoverTemporaries();
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { machines: [], readOnly: false };
      }
      throw error;
    }
    const parsed = parseStore(text);
    if (typeof parsed === 'string') {
      const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(this.file, aside);
      return { machines: [], readOnly: false, problem: `The machine list ${this.file} was unreadable (${parsed}); it was kept as ${aside} and a new list was started.` };
    }
    if (parsed.schemaVersion > STORE_SCHEMA_VERSION) {
      this.readOnly = true;
      return {
        machines: parsed.machines,
        readOnly: true,
        problem: `The machine list was written by a newer version of Docker Hosts (schema ${parsed.schemaVersion}); it is shown but not changed.`,
      };
    }
    return { machines: parsed.machines, readOnly: false };
  }

  async save(machines: readonly StoredMachine[]): Promise<void> {
    if (this.readOnly) {
      throw new Error('The machine list belongs to a newer version of Docker Hosts and is not changed by this one.');
    }
    await fs.mkdir(this.directory, { recursive: true });
    const content: StoreFile = { schemaVersion: STORE_SCHEMA_VERSION, machines: [...machines] };
    const temporary = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(content, undefined, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, this.file);
  }

  /**
   * Keeps a file (a certificate) inside the store, readable only by the user, and returns the
   * `store:` path to write into the machine's options.
   */
  async keepFile(machineId: string, name: string, content: Buffer | string): Promise<string> {
    const relative = path.join('certs', machineId, path.basename(name));
    const full = path.join(this.directory, relative);
    await fs.mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
    await fs.writeFile(full, content, { mode: 0o600 });
    return MachineStore.storeRelative(relative);
  }

  /** Deletes the files kept for a machine (when it is removed). */
  async forgetFiles(machineId: string): Promise<void> {
    await fs.rm(path.join(this.directory, 'certs', path.basename(machineId)), { recursive: true, force: true });
  }

  /** A save that was killed leaves its temporary file; the store itself was never touched. */
  private async removeLeftoverTemporaries(): Promise<void> {
    const prefix = `${path.basename(this.file)}.`;
    const names = await fs.readdir(this.directory).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
        .map((name) => fs.rm(path.join(this.directory, name), { force: true })),
    );
  }

  /** A path for a file kept inside the store, as written into options. */
  static storeRelative(relativePath: string): string {
    return `${STORE_PREFIX}${relativePath.split(path.sep).join('/')}`;
  }

  /** Turns an option value into a usable path: `store:` paths are resolved against the store. */
  resolvePath(value: string): string {
    return value.startsWith(STORE_PREFIX) ? path.join(this.directory, ...value.slice(STORE_PREFIX.length).split('/')) : value;
  }
}

function parseStore(text: string): StoreFile | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const file = value as Partial<StoreFile> | null;
  if (!file || typeof file !== 'object' || typeof file.schemaVersion !== 'number' || !Array.isArray(file.machines)) {
    return 'not a machine list';
  }
  const bad = file.machines.find((m) => !m || typeof m.id !== 'string' || typeof m.name !== 'string' || typeof m.driver !== 'string' || typeof m.options !== 'object');
  return bad ? `a machine entry is malformed: ${JSON.stringify(bad)}` : (file as StoreFile);
}
