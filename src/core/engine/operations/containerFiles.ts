import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-fs';
import { EngineClient } from '../engineClient';

/**
 * Copies a file or folder out of a container into `localDirectory` (like `docker cp c:/p dir`),
 * through the Engine's archive endpoint. Entries that would land outside the folder are refused.
 */
export async function copyFromContainer(client: EngineClient, id: string, containerPath: string, localDirectory: string, signal?: AbortSignal): Promise<string> {
  await fs.mkdir(localDirectory, { recursive: true });
  const archive = (await client.docker.getContainer(id).getArchive({ path: containerPath, abortSignal: signal } as never)) as unknown as NodeJS.ReadableStream;
  const root = path.resolve(localDirectory);
  await pipeline(
    archive,
    tar.extract(root, {
      ignore: (name: string) => !path.resolve(name).startsWith(root + path.sep) && path.resolve(name) !== root,
      readable: true,
      writable: true,
    }),
    ...(signal ? [{ signal }] : []),
  );
  return path.join(root, path.basename(containerPath));
}

/** Copies a local file or folder into `containerDirectory` (like `docker cp path c:/dir`). */
export async function copyToContainer(client: EngineClient, id: string, localPath: string, containerDirectory: string, signal?: AbortSignal): Promise<void> {
  const resolved = path.resolve(localPath);
  await fs.access(resolved);
  const archive = tar.pack(path.dirname(resolved), { entries: [path.basename(resolved)] });
  await client.docker.getContainer(id).putArchive(archive, { path: containerDirectory, abortSignal: signal } as never);
}
