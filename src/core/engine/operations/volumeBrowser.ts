import * as path from 'node:path';
import * as tarStream from 'tar-stream';
import type Docker from 'dockerode';
import { EngineClient } from '../engineClient';
import { ImageInfo } from '../resources';
import { demuxBuffer } from './containerOperations';

export const HELPER_LABEL = 'dev.docker-hosts.volume-browser';
const MOUNT = '/volume';

export interface VolumeEntry {
  readonly name: string;
  readonly directory: boolean;
}

/**
 * Reads a volume through short-lived helper containers that mount it read-only. The helper is
 * made from an image already on that machine (nothing is pulled); listing runs its `ls`,
 * reading a file uses the archive endpoint and runs nothing.
 */
export class VolumeBrowser {
  private constructor(private readonly client: EngineClient, private readonly volume: string, private readonly image: string) {}

  /** Finds an image on the machine with /bin/ls; fails with a plain reason when there is none. */
  static async open(client: EngineClient, volume: string, images: readonly ImageInfo[]): Promise<VolumeBrowser> {
    const preferred = /(^|\/)(busybox|alpine|debian|ubuntu)(:|$)/;
    const candidates = images
      .filter((image): image is ImageInfo & { tag: string } => image.tag !== undefined)
      .sort((a, b) => Number(preferred.test(b.tag)) - Number(preferred.test(a.tag)));
    for (const image of candidates.slice(0, 10)) {
      if (await hasFile(client, image.tag, '/bin/ls')) {
        return new VolumeBrowser(client, volume, image.tag);
      }
    }
    throw new Error(`Browsing a volume needs an image with /bin/ls on this machine (busybox, alpine, debian…); none of its ${candidates.length} tagged images has one.`);
  }

  get helperImage(): string {
    return this.image;
  }

  /** One directory level, folders first. `relative` is a path inside the volume. */
  async list(relative = ''): Promise<VolumeEntry[]> {
    const target = inside(relative);
    const output = await this.run(['ls', '-1Ap', target]);
    return output
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => ({ name: line.replace(/\/$/, ''), directory: line.endsWith('/') }))
      .sort((a, b) => Number(b.directory) - Number(a.directory) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** A file's content (up to `maxBytes`), read through the archive endpoint. */
  async read(relative: string, maxBytes = 5 * 1024 * 1024): Promise<Buffer> {
    return this.withHelper(['true'], async (container) => {
      const archive = (await container.getArchive({ path: inside(relative) })) as unknown as NodeJS.ReadableStream;
      return firstFileOf(archive, maxBytes);
    });
  }

  private async run(cmd: string[]): Promise<string> {
    return this.withHelper(cmd, async (container) => {
      await container.start();
      const result = (await container.wait()) as { StatusCode: number };
      const logs = demuxBuffer((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer).toString('utf8');
      if (result.StatusCode !== 0) {
        throw new Error(logs.trim() || `${cmd.join(' ')} failed with ${result.StatusCode}`);
      }
      return logs;
    });
  }

  private async withHelper<T>(cmd: string[], work: (container: Docker.Container) => Promise<T>): Promise<T> {
    const container = await this.client.docker.createContainer({
      Image: this.image,
      Entrypoint: [],
      Cmd: cmd,
      Labels: { [HELPER_LABEL]: this.volume },
      NetworkDisabled: true,
      HostConfig: { Binds: [`${this.volume}:${MOUNT}:ro`], NetworkMode: 'none' },
    } as Docker.ContainerCreateOptions);
    try {
      return await work(container);
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  }
}

/** A path inside the mount; `..` cannot climb out of the volume. */
function inside(relative: string): string {
  return path.posix.join(MOUNT, path.posix.normalize(`/${relative}`));
}

async function hasFile(client: EngineClient, image: string, file: string): Promise<boolean> {
  const container = await client.docker.createContainer({ Image: image, Entrypoint: [], Cmd: ['true'], Labels: { [HELPER_LABEL]: 'probe' } } as Docker.ContainerCreateOptions).catch(() => undefined);
  if (!container) {
    return false;
  }
  try {
    // GET, not HEAD (infoArchive): docker-modem leaves the socket of a HEAD request open.
    const archive = (await container.getArchive({ path: file })) as unknown as NodeJS.ReadableStream & { destroy(): void };
    archive.destroy();
    return true;
  } catch {
    return false;
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** The first regular file in a tar stream; the stream is closed afterwards so no socket lingers. */
function firstFileOf(archive: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const close = (): void => (archive as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  return new Promise<Buffer>((resolve, reject) => {
    const extract = tarStream.extract();
    let found = false;
    extract.on('entry', (header, stream, next) => {
      if (found || header.type !== 'file') {
        stream.on('end', next);
        stream.resume();
        return;
      }
      found = true;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        if (size < maxBytes) {
          chunks.push(chunk);
        }
        size += chunk.length;
      });
      stream.on('end', () => {
        resolve(Buffer.concat(chunks).subarray(0, maxBytes));
        next();
      });
    });
    extract.on('finish', () => (found ? undefined : reject(new Error('That path is not a file'))));
    extract.on('error', reject);
    archive.on('error', reject);
    archive.pipe(extract);
  }).finally(close);
}
