import { constants, promises as fs } from 'node:fs';
import { runTool } from './hostTools';

const GIB = 1024 ** 3;

/** What `qemu-img info` says of an image. */
export interface ImageInfo {
  readonly format: string;
  readonly virtualSize: number;
}

export async function imageInfo(file: string, signal?: AbortSignal): Promise<ImageInfo> {
  // -U: the base may be open in a running VM (as any overlay's backing file is).
  const { stdout } = await runTool('qemu-img', ['info', '-U', '--output=json', file], { timeoutMs: 30_000, ...(signal && { signal }) });
  const info = JSON.parse(stdout) as { format?: unknown; 'virtual-size'?: unknown };
  if (typeof info.format !== 'string' || typeof info['virtual-size'] !== 'number') {
    throw new Error(`qemu-img could not read ${file} as a disk image`);
  }
  return { format: info.format, virtualSize: info['virtual-size'] };
}

/**
 * The VM's disk: a qcow2 overlay on the shared base image (which is never written), as big as the
 * user asked or the base, whichever is bigger. Returns the size in GiB it got.
 */
export async function createOverlay(base: string, overlay: string, sizeGiB: number, signal?: AbortSignal): Promise<number> {
  await fs.access(base, constants.R_OK).catch(() => {
    throw new Error(`The base image ${base} is missing or unreadable`);
  });
  const info = await imageInfo(base, signal);
  const size = Math.max(sizeGiB, Math.ceil(info.virtualSize / GIB));
  await runTool('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', base, '-F', info.format, overlay, `${size}G`], { timeoutMs: 60_000, ...(signal && { signal }) });
  await fs.chmod(overlay, 0o600);
  return size;
}

/** Free bytes for an unprivileged user on the filesystem holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const stat = await fs.statfs(dir);
  return stat.bavail * stat.bsize;
}

/** A sentence when fewer than `neededBytes` are free where `dir` is, else undefined. */
export async function diskSpaceProblem(dir: string, neededBytes: number): Promise<string | undefined> {
  const free = await freeBytes(dir);
  return free >= neededBytes ? undefined : `Not enough disk space in ${dir}: ${(free / GIB).toFixed(1)} GiB free, ${(neededBytes / GIB).toFixed(1)} GiB needed`;
}
