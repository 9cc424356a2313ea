import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar-fs';
import { EngineClient } from '../engineClient';
import { extractContainerArchive, ExtractOptions } from './archiveExtract';

export type CopyFromOptions = Pick<ExtractOptions, 'confirmOverwrite' | 'maxBytes' | 'maxEntries'>;

export interface CopyFromResult {
  /** Where the copied file or folder now is. */
  readonly path: string;
  /** Entries not written (links, devices), as "name (type → target)". */
  readonly skipped: readonly string[];
}

/**
 * Copies a file or folder out of a container into `localDirectory` (like `docker cp c:/p dir`),
 * through the Engine's archive endpoint. The archive is the container's to make, so it is
 * unpacked by extractContainerArchive's rules: only the requested name lands, links do not,
 * existing files are replaced only when confirmed, size and entries are capped.
 */
export async function copyFromContainer(client: EngineClient, id: string, containerPath: string, localDirectory: string, signal?: AbortSignal, options: CopyFromOptions = {}): Promise<CopyFromResult> {
  const rootName = path.posix.basename(path.posix.normalize(containerPath));
  if (rootName === '' || rootName === '.' || rootName === '..' || containerPath.endsWith('/.')) {
    throw new Error(`Name one file or folder in the container (not ${JSON.stringify(containerPath)})`);
  }
  await fs.mkdir(localDirectory, { recursive: true });
  const archive = await client.openStream((d, abortSignal) => d.getContainer(id).getArchive({ path: containerPath, abortSignal }), { ...(signal && { signal }), idle: 'transfer' });
  const result = await extractContainerArchive(archive, localDirectory, { ...options, rootName, ...(signal && { signal }) });
  return { path: path.join(path.resolve(localDirectory), rootName), skipped: result.skipped };
}

/** Copies a local file or folder into `containerDirectory` (like `docker cp path c:/dir`). */
export async function copyToContainer(client: EngineClient, id: string, localPath: string, containerDirectory: string, signal?: AbortSignal): Promise<void> {
  const resolved = path.resolve(localPath);
  await fs.access(resolved);
  const archive = tar.pack(path.dirname(resolved), { entries: [path.basename(resolved)] });
  await client.upload(archive, (d, abortSignal, body) => d.getContainer(id).putArchive(body as never, { path: containerDirectory, abortSignal }), { ...(signal && { signal }) });
}
