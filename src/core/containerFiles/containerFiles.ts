import * as path from 'node:path';
import { EngineClient } from '../engine/engineClient';
import { ContainerFileError, FailureContext, toContainerFileError } from './fileErrors';
import { ContainerPathStat, ContainerFileType } from './pathStat';
import { ContainerDirEntry, LIST_SCRIPT, normalizeContainerPath, parseShellListing } from './directoryListing';
import { execInContainer, ExecResult, isMissingTool } from './containerExec';
import { firstHeader, listByArchive, putByArchive, readByArchive, splitPath, statByArchive, tooLarge } from './engineArchive';

/** Files larger than this are not opened in an editor (Download… copies them). */
export const MAX_OPEN_BYTES = 50 * 1024 * 1024;
/** Caps on listing a folder from its (recursive) archive, when no shell can list it. */
export const ARCHIVE_LISTING_CAPS = { maxEntries: 50_000, maxBytes: 512 * 1024 * 1024 };
/** How many links of an archive listing are asked what they point to. */
const MAX_LINKS_RESOLVED = 64;
/** How long what inspect said (running, read-only) is trusted. */
const FACTS_TTL_MS = 3000;

/** A path as an editor sees it: links followed, with the link noted. */
export interface ContainerFileStat {
  readonly type: ContainerFileType;
  readonly link: boolean;
  readonly size: number;
  readonly mtime: number;
  readonly permissions: number;
  /** Writes would be refused: the root file system or the mount it is on is read-only. */
  readonly readonly: boolean;
  /** The path the content is at (a link's resolved target, else the path itself). */
  readonly realPath: string;
}

interface ContainerFacts {
  readonly running: boolean;
  readonly readonlyRootfs: boolean;
  readonly mounts: readonly { readonly destination: string; readonly rw: boolean }[];
}

export interface WriteOptions {
  readonly create: boolean;
  readonly overwrite: boolean;
}

/**
 * The files of one container, over the Engine API: reading and writing through the archive
 * endpoints (running or stopped, with or without a shell, on any machine), listing with the
 * container's own sh when it runs (else from the archive), deleting and renaming with rm and mv
 * (the engine has no endpoint for those, so they need a running container that has them).
 */
export class ContainerFiles {
  private facts: { at: number; value: Promise<ContainerFacts> } | undefined;

  constructor(private readonly client: EngineClient, readonly containerId: string, private readonly now: () => number = Date.now) {}

  async stat(rawPath: string, signal?: AbortSignal): Promise<ContainerFileStat> {
    const containerPath = normalizeContainerPath(rawPath);
    const own = await this.guard(containerPath, () => statByArchive(this.client, this.containerId, containerPath, signal));
    let target: ContainerPathStat = own;
    let realPath = containerPath;
    if (own.type === 'symlink') {
      realPath = own.linkTarget ? normalizeContainerPath(own.linkTarget) : containerPath;
      // A dangling link is still a link: shown, not followed.
      target = await statByArchive(this.client, this.containerId, realPath, signal).catch(() => ({ ...own, type: 'other' as const }));
    }
    return {
      type: target.type === 'symlink' ? 'other' : target.type,
      link: own.type === 'symlink',
      size: target.size,
      mtime: target.mtime,
      permissions: target.permissions,
      readonly: await this.isReadonly(realPath, signal),
      realPath,
    };
  }

  async list(rawPath: string, signal?: AbortSignal): Promise<ContainerDirEntry[]> {
    const directory = normalizeContainerPath(rawPath);
    if ((await this.containerFacts(signal)).running) {
      const result = await this.exec(directory, ['/bin/sh', '-c', LIST_SCRIPT, 'list', directory], signal).catch((error: unknown) => {
        if (error instanceof ContainerFileError && (error.kind === 'needs-running' || error.kind === 'no-tool')) {
          return undefined; // stopped or paused meanwhile, or no sh: the archive can still tell
        }
        throw error;
      });
      if (result && !isMissingTool(result)) {
        if (result.exitCode === 3) throw new ContainerFileError('not-found', `${directory} does not exist in the container`);
        if (result.exitCode === 4) throw new ContainerFileError('not-a-directory', `${directory} is not a folder`);
        if (result.truncated) throw new ContainerFileError('too-many-entries', `${directory} has too many entries to list here`);
        if (result.exitCode === 0) return parseShellListing(result.output);
      }
    }
    const entries = await this.guard(directory, () => listByArchive(this.client, this.containerId, directory, ARCHIVE_LISTING_CAPS, signal));
    return this.resolveLinks(directory, entries, signal);
  }

  /** An archive listing cannot say what a link points to: ask the engine, for the first few. */
  private async resolveLinks(directory: string, entries: ContainerDirEntry[], signal?: AbortSignal): Promise<ContainerDirEntry[]> {
    let asked = 0;
    const resolved: ContainerDirEntry[] = [];
    for (const entry of entries) {
      if (entry.link && asked < MAX_LINKS_RESOLVED) {
        asked += 1;
        const stat = await this.stat(path.posix.join(directory, entry.name), signal).catch(() => undefined);
        resolved.push({ ...entry, type: stat?.type ?? 'other' });
      } else {
        resolved.push(entry);
      }
    }
    return resolved;
  }

  async read(rawPath: string, maxBytes = MAX_OPEN_BYTES, signal?: AbortSignal): Promise<Buffer> {
    const stat = await this.stat(rawPath, signal);
    if (stat.type === 'directory') throw new ContainerFileError('is-a-directory', `${rawPath} is a folder`);
    if (stat.size > maxBytes) throw tooLarge(rawPath, stat.size, maxBytes);
    return this.guard(stat.realPath, () => readByArchive(this.client, this.containerId, stat.realPath, maxBytes, signal));
  }

  async write(rawPath: string, content: Uint8Array, options: WriteOptions, signal?: AbortSignal): Promise<void> {
    const containerPath = normalizeContainerPath(rawPath);
    const existing = await this.statOrUndefined(containerPath, signal);
    if (existing?.type === 'directory') throw new ContainerFileError('is-a-directory', `${containerPath} is a folder`);
    if (existing && !options.overwrite) throw new ContainerFileError('exists', `${containerPath} already exists`);
    if (!existing) {
      if (!options.create) throw new ContainerFileError('not-found', `${containerPath} does not exist in the container`);
      await this.requireFolder(splitPath(containerPath).directory, signal);
    }
    const target = existing?.realPath ?? containerPath; // through a link, the file it points to
    await this.refuseReadonly(target, existing, signal);
    // Keep the file's mode and owner: the archive sets both from the entry's header.
    const old = existing && (await this.guard(target, () => firstHeader(this.client, this.containerId, target, signal)));
    const { directory, name } = splitPath(target);
    const header = { name, type: 'file' as const, size: content.byteLength, mode: old?.mode ?? 0o644, uid: old?.uid ?? 0, gid: old?.gid ?? 0, mtime: new Date(this.now()) };
    await this.guard(target, () => putByArchive(this.client, this.containerId, directory, [{ header, content: Buffer.from(content.buffer, content.byteOffset, content.byteLength) }], signal));
  }

  async createDirectory(rawPath: string, signal?: AbortSignal): Promise<void> {
    const containerPath = normalizeContainerPath(rawPath);
    if (await this.statOrUndefined(containerPath, signal)) throw new ContainerFileError('exists', `${containerPath} already exists`);
    const { directory, name } = splitPath(containerPath);
    await this.requireFolder(directory, signal);
    await this.refuseReadonly(containerPath, undefined, signal);
    const header = { name, type: 'directory' as const, mode: 0o755, uid: 0, gid: 0, mtime: new Date(this.now()) };
    await this.guard(containerPath, () => putByArchive(this.client, this.containerId, directory, [{ header }], signal));
  }

  async delete(rawPath: string, options: { recursive: boolean }, signal?: AbortSignal): Promise<void> {
    const containerPath = normalizeContainerPath(rawPath);
    if (containerPath === '/') throw new ContainerFileError('failed', 'The root folder of a container cannot be deleted');
    const existing = await this.stat(containerPath, signal); // a dangling link stats as a link to 'other'
    await this.refuseReadonly(containerPath, existing, signal);
    const command = existing.type === 'directory' && !existing.link ? (options.recursive ? ['rm', '-rf', '--', containerPath] : ['rmdir', '--', containerPath]) : ['rm', '-f', '--', containerPath];
    await this.runTool(containerPath, command, 'delete', signal);
  }

  async rename(rawFrom: string, rawTo: string, options: { overwrite: boolean }, signal?: AbortSignal): Promise<void> {
    const from = normalizeContainerPath(rawFrom);
    const to = normalizeContainerPath(rawTo);
    const source = await this.stat(from, signal);
    const existing = await this.statOrUndefined(to, signal);
    if (existing && !options.overwrite) throw new ContainerFileError('exists', `${to} already exists`);
    await this.requireFolder(splitPath(to).directory, signal);
    await this.refuseReadonly(from, source, signal);
    if (existing) {
      // mv would move into an existing folder; replacing means the old one goes first.
      await this.runTool(to, ['rm', '-rf', '--', to], 'replace', signal);
    }
    await this.runTool(from, ['mv', '--', from, to], 'rename', signal);
  }

  /** A failure of another engine call about `rawPath` (an upload, say) as a ContainerFileError with plain words. */
  explain(error: unknown, rawPath: string): Promise<ContainerFileError> {
    return toContainerFileError(error, this.failureContext(normalizeContainerPath(rawPath)));
  }

  /** Forget what inspect said (after a refresh, or a start or stop). */
  forgetFacts(): void {
    this.facts = undefined;
  }

  private async runTool(containerPath: string, command: string[], verb: string, signal?: AbortSignal): Promise<void> {
    const result = await this.exec(containerPath, command, signal);
    if (isMissingTool(result)) {
      throw new ContainerFileError('no-tool', `Cannot ${verb} ${containerPath}: the container has no ${command[0]} (the engine has no way to ${verb} files without one)`);
    }
    if (result.exitCode !== 0) {
      const said = result.output.toString('utf8').trim().split('\n').slice(-3).join(' ');
      if (/read-only file system/i.test(said)) throw new ContainerFileError('read-only', `${containerPath} is on a read-only file system in the container; nothing was changed`);
      throw new ContainerFileError('failed', `${command[0]} in the container failed for ${containerPath}${said ? `: ${said}` : ` (exit code ${String(result.exitCode)})`}`);
    }
  }

  private async exec(containerPath: string, command: string[], signal?: AbortSignal): Promise<ExecResult> {
    const facts = await this.containerFacts(signal);
    if (!facts.running) {
      throw needsRunning(containerPath, command[0] === '/bin/sh' ? 'list' : command[0] ?? '');
    }
    try {
      return await execInContainer(this.client, this.containerId, command, signal);
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status === 409) {
        this.forgetFacts();
        throw needsRunning(containerPath, command[0] ?? '');
      }
      if (status === 500 || status === 400) {
        // The runtime refused to start it: most often the program is not in the image.
        throw new ContainerFileError('no-tool', `The container cannot run ${command[0] ?? ''}: ${(error as Error).message}`, { cause: error });
      }
      throw await toContainerFileError(error, this.failureContext(containerPath));
    }
  }

  private async statOrUndefined(containerPath: string, signal?: AbortSignal): Promise<ContainerFileStat | undefined> {
    try {
      return await this.stat(containerPath, signal);
    } catch (error) {
      if (error instanceof ContainerFileError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  private async requireFolder(directory: string, signal?: AbortSignal): Promise<void> {
    const parent = await this.stat(directory, signal);
    if (parent.type !== 'directory') throw new ContainerFileError('not-a-directory', `${directory} is not a folder`);
  }

  private async refuseReadonly(containerPath: string, known: ContainerFileStat | undefined, signal?: AbortSignal): Promise<void> {
    if (known?.readonly ?? (await this.isReadonly(containerPath, signal))) {
      throw new ContainerFileError('read-only', `${containerPath} is on a read-only file system in the container (its root file system or the volume it is on is mounted read-only); nothing was changed`);
    }
  }

  /** Whether the file system `containerPath` is on is read-only: its deepest mount, else the root's. */
  private async isReadonly(containerPath: string, signal?: AbortSignal): Promise<boolean> {
    const facts = await this.containerFacts(signal);
    const mount = facts.mounts
      .filter((m) => containerPath === m.destination || containerPath.startsWith(m.destination === '/' ? '/' : `${m.destination}/`))
      .sort((a, b) => b.destination.length - a.destination.length)[0];
    return mount ? !mount.rw : facts.readonlyRootfs;
  }

  private containerFacts(signal?: AbortSignal): Promise<ContainerFacts> {
    const cached = this.facts;
    if (cached && this.now() - cached.at < FACTS_TTL_MS) return cached.value;
    const value = this.client.inspect('container', this.containerId, signal).then(
      (raw) => factsOf(raw),
      async (error: unknown) => {
        this.facts = undefined;
        throw await toContainerFileError(error, this.failureContext('/'));
      },
    );
    this.facts = { at: this.now(), value };
    return value;
  }

  /** Runs an engine call, turning its failure into a ContainerFileError about `containerPath`. */
  private async guard<T>(containerPath: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw await toContainerFileError(error, this.failureContext(containerPath));
    }
  }

  private failureContext(containerPath: string): FailureContext {
    return {
      path: containerPath,
      address: this.client.address,
      containerExists: async () => {
        try {
          await this.client.inspect('container', this.containerId);
          return true;
        } catch (error) {
          return (error as { statusCode?: unknown }).statusCode !== 404;
        }
      },
    };
  }
}

function needsRunning(containerPath: string, tool: string): ContainerFileError {
  const what = tool === 'list' ? 'list' : tool === 'mv' ? 'rename' : 'delete';
  return new ContainerFileError('needs-running', `Cannot ${what} ${containerPath}: the container is not running, and the engine can only ${what} files by running ${tool === 'list' ? 'sh' : tool} in it. Start the container and try again.`);
}

/** The parts of `docker inspect` that decide how files are reached. */
export function factsOf(raw: unknown): ContainerFacts {
  const inspect = (typeof raw === 'object' && raw !== null ? raw : {}) as { State?: { Running?: boolean; Paused?: boolean }; HostConfig?: { ReadonlyRootfs?: boolean }; Mounts?: { Destination?: unknown; RW?: unknown }[] };
  const mounts = (Array.isArray(inspect.Mounts) ? inspect.Mounts : [])
    .filter((m): m is { Destination: string; RW: boolean } => typeof m.Destination === 'string' && typeof m.RW === 'boolean')
    .map((m) => ({ destination: normalizeContainerPath(m.Destination), rw: m.RW }));
  return { running: inspect.State?.Running === true && inspect.State.Paused !== true, readonlyRootfs: inspect.HostConfig?.ReadonlyRootfs === true, mounts };
}

