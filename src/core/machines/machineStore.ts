import { randomBytes } from 'node:crypto';
import { watch as watchDirectory, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { withFileLock } from '../util/fileLock';
import { Disposable } from '../util/listeners';
import { MachineProblem } from './machineProblem';
import { storedMachineShape } from './machineValidation';

/** What is kept of a machine: never a secret (those live in the editor's secret storage). */
export interface StoredMachine {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  /** Driver fields. Files inside the store are written `store:<relative path>`, so the store can move. */
  readonly options: Readonly<Record<string, string | number | boolean>>;
}

export const STORE_SCHEMA_VERSION = 1;

export interface LoadResult {
  readonly machines: StoredMachine[];
  /** What could not be used as it was: each says what happened (and where a set-aside file went). */
  readonly problems: MachineProblem[];
  /** True when a newer version wrote the file: it is shown but never overwritten. */
  readonly readOnly: boolean;
}

/** One change to the list, applied to what is in the file at the moment of writing. */
export type StoreOperation = (machines: readonly StoredMachine[]) => StoredMachine[];

export const STORE_PREFIX = 'store:';

/** Entries as read: the machines, and the entries refused, which are written back untouched. */
interface StoreContent {
  readonly schemaVersion: number;
  readonly machines: StoredMachine[];
  readonly refused: unknown[];
  readonly problems: MachineProblem[];
}

/**
 * One JSON file of machines, shared by every editor window. Writes go to a temporary file that is
 * flushed and renamed over the old one, so a crash or kill at any moment leaves either the old or
 * the new store, never half. Each change takes a lock file, re-reads the list and applies only its
 * own operation to it, so one window never writes back another's stale snapshot.
 */
export class MachineStore {
  private readOnly = false;

  constructor(readonly file: string) {}

  get directory(): string {
    return path.dirname(this.file);
  }

  private get lockFile(): string {
    return `${this.file}.lock`;
  }

  async load(): Promise<LoadResult> {
    await fs.mkdir(this.directory, { recursive: true });
    const content = await withFileLock(this.lockFile, async () => {
      await this.removeLeftoverTemporaries();
      return this.read();
    });
    this.readOnly = content.schemaVersion > STORE_SCHEMA_VERSION;
    return { machines: content.machines, problems: content.problems, readOnly: this.readOnly };
  }

  /** Applies `operation` to the list as it is in the file now, under the lock; returns the new list. */
  async change(operation: StoreOperation): Promise<StoredMachine[]> {
    this.refuseIfReadOnly();
    await fs.mkdir(this.directory, { recursive: true });
    return withFileLock(this.lockFile, async () => {
      const current = await this.read();
      if (current.schemaVersion > STORE_SCHEMA_VERSION) {
        this.readOnly = true;
        this.refuseIfReadOnly();
      }
      const machines = operation(current.machines);
      await this.write([...machines, ...current.refused]);
      return machines;
    });
  }

  /** Replaces the whole list (entries refused on reading stay). Windows use `change`. */
  async save(machines: readonly StoredMachine[]): Promise<void> {
    await this.change(() => [...machines]);
  }

  /**
   * Calls `listener` (debounced) when another process (or this one) replaces the file. The
   * directory is watched, since every write renames a new file over the old one.
   */
  watch(listener: () => void, debounceMs = 100): Disposable {
    let timer: NodeJS.Timeout | undefined;
    const name = path.basename(this.file);
    const watcher = watchDirectory(this.directory, { persistent: false }, (_event, changed) => {
      if (changed !== null && changed.toString() !== name) {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(listener, debounceMs);
    });
    watcher.on('error', () => undefined); // the directory went away: nothing more to follow
    return {
      dispose: () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  }

  /**
   * Keeps a file (a certificate) inside the store, readable only by the user, and returns the
   * `store:` path to write into the machine's options.
   */
  async keepFile(machineId: string, name: string, content: Buffer | string): Promise<string> {
    const relative = path.join('certs', path.basename(machineId), path.basename(name));
    const full = path.join(this.directory, relative);
    await fs.mkdir(path.dirname(full), { recursive: true, mode: 0o700 });
    await fs.writeFile(full, content, { mode: 0o600 });
    return MachineStore.storeRelative(relative);
  }

  /** Deletes the files kept for a machine (when it is removed). */
  async forgetFiles(machineId: string): Promise<void> {
    const name = path.basename(machineId);
    if (name === '' || name === '.' || name === '..') {
      return;
    }
    await fs.rm(path.join(this.directory, 'certs', name), { recursive: true, force: true });
  }

  /** A path for a file kept inside the store, as written into options. */
  static storeRelative(relativePath: string): string {
    return `${STORE_PREFIX}${relativePath.split(path.sep).join('/')}`;
  }

  /**
   * Turns an option value into a usable path: `store:` paths are resolved against the store, and
   * one that would lead out of it (`..`, an absolute part) is refused.
   */
  resolvePath(value: string): string {
    if (!value.startsWith(STORE_PREFIX)) {
      return value;
    }
    const relative = value.slice(STORE_PREFIX.length);
    const resolved = path.resolve(this.directory, ...relative.split('/'));
    if (relative.includes('\\') || path.isAbsolute(relative) || !resolved.startsWith(`${path.resolve(this.directory)}${path.sep}`)) {
      throw new Error(`${value} leads out of the machine store`);
    }
    return resolved;
  }

  private refuseIfReadOnly(): void {
    if (this.readOnly) {
      throw new Error('The machine list belongs to a newer version of Docker Hosts and is not changed by this one.');
    }
  }

  private async read(): Promise<StoreContent> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { schemaVersion: STORE_SCHEMA_VERSION, machines: [], refused: [], problems: [] };
      }
      throw error;
    }
    const parsed = parseStore(text);
    if (typeof parsed === 'string') {
      const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(this.file, aside);
      const message = `The machine list ${this.file} was unreadable (${parsed}); it was kept as ${aside} and a new list was started.`;
      return { schemaVersion: STORE_SCHEMA_VERSION, machines: [], refused: [], problems: [{ kind: 'store-unreadable', message }] };
    }
    const content = splitEntries(parsed.machines);
    if (parsed.schemaVersion > STORE_SCHEMA_VERSION) {
      const message = `The machine list was written by a newer version of Docker Hosts (schema ${parsed.schemaVersion}); it is shown but not changed.`;
      return { ...content, schemaVersion: parsed.schemaVersion, problems: [{ kind: 'store-newer', message }, ...content.problems] };
    }
    return { ...content, schemaVersion: parsed.schemaVersion };
  }

  private async write(entries: readonly unknown[]): Promise<void> {
    const content = { schemaVersion: STORE_SCHEMA_VERSION, machines: entries };
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

  /** A save that was killed leaves its temporary file; the store itself was never touched. Called under the lock. */
  private async removeLeftoverTemporaries(): Promise<void> {
    const prefix = `${path.basename(this.file)}.`;
    const names = await fs.readdir(this.directory).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => name.startsWith(prefix) && (name.endsWith('.tmp') || name.startsWith(`${prefix}lock.stale-`)))
        .map((name) => fs.rm(path.join(this.directory, name), { force: true })),
    );
  }
}

function parseStore(text: string): { schemaVersion: number; machines: unknown[] } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const file = value as { schemaVersion?: unknown; machines?: unknown } | null;
  if (!file || typeof file !== 'object' || typeof file.schemaVersion !== 'number' || !Array.isArray(file.machines)) {
    return 'not a machine list';
  }
  return { schemaVersion: file.schemaVersion, machines: file.machines as unknown[] };
}

/** One malformed entry (or a second with the same id) is refused on its own; the rest load. */
function splitEntries(entries: readonly unknown[]): Omit<StoreContent, 'schemaVersion'> {
  const machines: StoredMachine[] = [];
  const refused: unknown[] = [];
  const problems: MachineProblem[] = [];
  for (const entry of entries) {
    const shaped = storedMachineShape(entry);
    const reason = typeof shaped === 'string' ? shaped : machines.some((m) => m.id === shaped.id) ? `a second machine has the id ${shaped.id}` : undefined;
    if (reason === undefined && typeof shaped !== 'string') {
      machines.push(shaped);
      continue;
    }
    refused.push(entry);
    const label = (entry as { name?: unknown } | null)?.name;
    problems.push({ kind: 'machine-invalid', machine: typeof label === 'string' ? label : undefined, message: `not loaded, ${reason} (the entry stays in the file as it was)` });
  }
  return { machines, refused, problems };
}
