import * as path from 'node:path';
import * as tarStream from 'tar-stream';
import type Docker from 'dockerode';
import { EngineClient } from '../engineClient';
import { ImageInfo } from '../resources';
import { demuxBuffer } from './containerOperations';

export const HELPER_LABEL = 'dev.docker-hosts.volume-browser';
const MOUNT = '/volume';
/** How long the helper's `ls` may run (a big folder on a slow disk), beyond the request timeout. */
const HELPER_RUN_ALLOWANCE_MS = 60_000;
/** Official images tried first; matched by exact repository name, so `evil/alpine` is not one. */
const PREFERRED_REPOSITORIES = new Set(['busybox', 'alpine', 'debian', 'ubuntu'].flatMap((name) => [name, `library/${name}`, `docker.io/library/${name}`]));

/** Whether a repo:tag is one of the official images the browser prefers as its helper. */
export function isPreferredHelperImage(tag: string): boolean {
  const colon = tag.lastIndexOf(':');
  const repository = colon > tag.lastIndexOf('/') ? tag.slice(0, colon) : tag;
  return PREFERRED_REPOSITORIES.has(repository);
}

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
    const candidates = images
      .filter((image): image is ImageInfo & { tag: string } => image.tag !== undefined)
      .sort((a, b) => Number(isPreferredHelperImage(b.tag)) - Number(isPreferredHelperImage(a.tag)));
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
      const archive = await this.client.openStream((_d, abortSignal) => container.getArchive({ path: inside(relative), abortSignal }), { idle: 'transfer' });
      return firstFileOf(archive, maxBytes);
    });
  }

  private async run(cmd: string[]): Promise<string> {
    return this.withHelper(cmd, async (container) => {
      await this.client.call((_d, abortSignal) => container.start({ abortSignal }));
      const result = await this.client.call<{ StatusCode: number }>((_d, abortSignal) => container.wait({ abortSignal }), { allowanceMs: HELPER_RUN_ALLOWANCE_MS });
      const logs = demuxBuffer(await this.client.call<Buffer>((_d, abortSignal) => container.logs({ stdout: true, stderr: true, abortSignal } as never))).toString('utf8');
      if (result.StatusCode !== 0) {
        throw new Error(logs.trim() || `${cmd.join(' ')} failed with ${result.StatusCode}`);
      }
      return logs;
    });
  }

  private async withHelper<T>(cmd: string[], work: (container: Docker.Container) => Promise<T>): Promise<T> {
    const container = await this.client.call<Docker.Container>((d, abortSignal) =>
      d.createContainer({
        Image: this.image,
        Entrypoint: [],
        Cmd: cmd,
        Labels: { [HELPER_LABEL]: this.volume },
        NetworkDisabled: true,
        HostConfig: { Binds: [`${this.volume}:${MOUNT}:ro`], NetworkMode: 'none' },
        abortSignal,
      } as Docker.ContainerCreateOptions),
    );
    try {
      return await work(container);
    } finally {
      await removeHelper(this.client, container);
    }
  }
}

/** A path inside the mount; `..` cannot climb out of the volume. */
function inside(relative: string): string {
  return path.posix.join(MOUNT, path.posix.normalize(`/${relative}`));
}

async function hasFile(client: EngineClient, image: string, file: string): Promise<boolean> {
  const container = await client
    .call<Docker.Container>((d, abortSignal) => d.createContainer({ Image: image, Entrypoint: [], Cmd: ['true'], Labels: { [HELPER_LABEL]: 'probe' }, abortSignal } as Docker.ContainerCreateOptions))
    .catch(() => undefined);
  if (!container) {
    return false;
  }
  try {
    // GET, not HEAD (infoArchive): docker-modem leaves the socket of a HEAD request open.
    const archive = await client.openStream<NodeJS.ReadableStream & { destroy(): void }>((_d, abortSignal) => container.getArchive({ path: file, abortSignal }), { idle: 'transfer' });
    archive.destroy();
    return true;
  } catch {
    return false;
  } finally {
    await removeHelper(client, container);
  }
}

function removeHelper(client: EngineClient, container: Docker.Container): Promise<unknown> {
  return client.call((_d, abortSignal) => container.remove({ force: true, abortSignal })).catch(() => undefined);
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
