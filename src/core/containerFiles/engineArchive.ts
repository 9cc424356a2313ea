import type { IncomingMessage } from 'node:http';
import * as path from 'node:path';
import * as tarStream from 'tar-stream';
import { EngineClient } from '../engine/engineClient';
import { ContainerFileError } from './fileErrors';
import { ContainerPathStat, parsePathStatHeader } from './pathStat';
import { directChildName, ContainerDirEntry, sortEntries } from './directoryListing';

// The archive endpoints (GET/PUT/HEAD /containers/{id}/archive): they work on running and stopped
// containers, need nothing inside the container, and go over the machine's own connection.

type Closable = NodeJS.ReadableStream & { destroy?: (error?: Error) => void };

/** HEAD: what the engine says about one path (a link itself, not what it points to). */
export async function statByArchive(client: EngineClient, id: string, containerPath: string, signal?: AbortSignal): Promise<ContainerPathStat> {
  const response = await client.call<IncomingMessage>((d, abortSignal) => d.getContainer(id).infoArchive({ path: containerPath, abortSignal } as never), { ...(signal && { signal }) });
  // docker-modem hands the answer over unread: consume and close it, or its socket lingers.
  response.resume();
  response.destroy();
  const stat = parsePathStatHeader(response.headers['x-docker-container-path-stat']);
  if (!stat) {
    throw new ContainerFileError('failed', `The engine did not describe ${containerPath} (no readable X-Docker-Container-Path-Stat header)`);
  }
  return stat;
}

async function openArchive(client: EngineClient, id: string, containerPath: string, signal?: AbortSignal): Promise<Closable> {
  return client.openStream<Closable>((d, abortSignal) => d.getContainer(id).getArchive({ path: containerPath, abortSignal } as never), { idle: 'transfer', ...(signal && { signal }) });
}

/** Runs `onEntry` for each entry until it returns 'stop'; the transfer is closed then. */
async function eachEntry(
  archive: Closable,
  onEntry: (header: tarStream.Headers, body: NodeJS.ReadableStream) => Promise<'next' | 'stop'>,
): Promise<void> {
  const extract = tarStream.extract();
  let stopped = false;
  try {
    await new Promise<void>((resolve, reject) => {
      extract.on('entry', (header, body, next) => {
        onEntry(header, body).then((decision) => {
          if (decision === 'stop') {
            stopped = true;
            resolve();
            return;
          }
          next();
        }, reject);
      });
      extract.on('finish', resolve);
      extract.on('error', reject);
      archive.on('error', (error: Error) => (stopped ? undefined : reject(error)));
      archive.pipe(extract);
    });
  } finally {
    archive.unpipe?.(extract as never);
    archive.destroy?.();
    extract.destroy();
  }
}

function drain(body: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    body.on('end', resolve);
    body.on('error', reject);
    body.resume();
  });
}

/** GET: the first entry's tar header (mode and owner of a file), reading no content. */
export async function firstHeader(client: EngineClient, id: string, containerPath: string, signal?: AbortSignal): Promise<tarStream.Headers | undefined> {
  let found: tarStream.Headers | undefined;
  await eachEntry(await openArchive(client, id, containerPath, signal), async (header) => {
    found = header;
    return 'stop';
  });
  return found;
}

/** GET: one regular file's content, refused (before reading it) when larger than maxBytes. */
export async function readByArchive(client: EngineClient, id: string, containerPath: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  let content: Buffer | undefined;
  await eachEntry(await openArchive(client, id, containerPath, signal), async (header, body) => {
    if (header.type === 'directory') {
      throw new ContainerFileError('is-a-directory', `${containerPath} is a folder`);
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file') {
      throw new ContainerFileError('failed', `${containerPath} is not a regular file (${header.type ?? 'unknown'})`);
    }
    const size = header.size ?? 0;
    if (size > maxBytes) {
      throw tooLarge(containerPath, size, maxBytes);
    }
    content = await collect(body, size);
    return 'stop';
  });
  if (!content) {
    throw new ContainerFileError('not-found', `The engine sent nothing for ${containerPath}`);
  }
  return content;
}

export function tooLarge(containerPath: string, size: number, maxBytes: number): ContainerFileError {
  const mb = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return new ContainerFileError('too-large', `${containerPath} is ${mb(size)}, more than the ${mb(maxBytes)} an editor opens from a container; use Download… to copy it to this computer instead`);
}

function collect(body: NodeJS.ReadableStream, size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    body.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > size) {
        reject(new ContainerFileError('failed', 'An archive entry is longer than it said'));
        return;
      }
      chunks.push(chunk);
    });
    body.on('end', () => resolve(Buffer.concat(chunks, length)));
    body.on('error', reject);
  });
}

export interface ArchiveListingCaps {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/**
 * GET: a folder's direct children from its archive's headers. The archive is recursive (the
 * archive of / is the whole file system), so this stops with a plain message past the caps.
 */
export async function listByArchive(client: EngineClient, id: string, directory: string, caps: ArchiveListingCaps, signal?: AbortSignal): Promise<ContainerDirEntry[]> {
  const children = new Map<string, ContainerDirEntry>();
  let root: string | undefined;
  let entries = 0;
  let bytes = 0;
  await eachEntry(await openArchive(client, id, directory, signal), async (header, body) => {
    entries += 1;
    bytes += 512 + (header.size ?? 0);
    if (entries > caps.maxEntries || bytes > caps.maxBytes) {
      throw new ContainerFileError('too-many-entries', `${directory} holds more than ${entries > caps.maxEntries ? `${caps.maxEntries} entries` : `${Math.round(caps.maxBytes / 1024 / 1024)} MB`} in all; without a shell in the container (or while it is stopped) a folder is listed from its whole archive, so this one is not listed: start the container, or use Download…`);
    }
    if (root === undefined) {
      if (header.type !== 'directory') {
        throw new ContainerFileError('not-a-directory', `${directory} is not a folder`);
      }
      root = header.name.replace(/\/+$/, '');
    } else {
      const name = directChildName(header.name, root);
      if (name !== undefined) {
        children.set(name, { name, ...entryKind(header) });
      }
    }
    await drain(body);
    return 'next';
  });
  return sortEntries([...children.values()]);
}

function entryKind(header: tarStream.Headers): Pick<ContainerDirEntry, 'type' | 'link'> {
  switch (header.type) {
    case 'directory':
      return { type: 'directory', link: false };
    case 'file':
    case 'contiguous-file':
      return { type: 'file', link: false };
    case 'symlink':
      // What a link points to is not in the archive; the adapter stats it when asked.
      return { type: 'file', link: true };
    default:
      return { type: 'other', link: false };
  }
}

export interface PutEntry {
  readonly header: tarStream.Headers;
  readonly content?: Buffer;
}

/** PUT: a small tar into `directory`; a file never replaces a folder nor a folder a file. */
export async function putByArchive(client: EngineClient, id: string, directory: string, entries: readonly PutEntry[], signal?: AbortSignal): Promise<void> {
  const pack = tarStream.pack();
  for (const entry of entries) {
    pack.entry(entry.header, entry.content);
  }
  pack.finalize();
  await client.upload(pack, (d, abortSignal, body) => d.getContainer(id).putArchive(body as never, { path: directory, noOverwriteDirNonDir: true, abortSignal } as never), { ...(signal && { signal }) });
}

/** The folder and the name a path is written as. */
export function splitPath(containerPath: string): { directory: string; name: string } {
  return { directory: path.posix.dirname(containerPath), name: path.posix.basename(containerPath) };
}
