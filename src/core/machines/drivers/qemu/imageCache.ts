import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diskSpaceProblem } from './vmDisk';

export type ChecksumAlgorithm = 'sha256' | 'sha512';

export interface Checksum {
  readonly algorithm: ChecksumAlgorithm;
  readonly hex: string;
}

/** "sha256:<hex>", "sha512:<hex>", or bare hex (64 digits: SHA-256, 128: SHA-512); undefined for anything else. */
export function parseChecksum(text: string): Checksum | undefined {
  const match = /^(?:(sha256|sha512):)?([0-9a-f]+)$/i.exec(text.trim());
  if (!match) return undefined;
  const hex = (match[2] ?? '').toLowerCase();
  const algorithm = (match[1]?.toLowerCase() ?? (hex.length === 64 ? 'sha256' : hex.length === 128 ? 'sha512' : undefined)) as ChecksumAlgorithm | undefined;
  if (algorithm === undefined || hex.length !== (algorithm === 'sha256' ? 64 : 128)) return undefined;
  return { algorithm, hex };
}

export function checksumProblem(text: string): string | undefined {
  return text.trim() === '' || parseChecksum(text) ? undefined : 'A checksum is sha256:<64 hex digits> or sha512:<128 hex digits> (or just the digits)';
}

/** The line of a SHA256SUMS/SHA512SUMS file for `fileName` (GNU "<hex>  name" or "<hex> *name", or BSD "SHA512 (name) = <hex>"). */
export function findInSums(sums: string, fileName: string, algorithm: ChecksumAlgorithm): Checksum | undefined {
  for (const line of sums.split('\n')) {
    const gnu = /^([0-9a-fA-F]+) [ *](.+)$/.exec(line.trim());
    const bsd = /^SHA(?:256|512) \((.+)\) = ([0-9a-fA-F]+)$/.exec(line.trim());
    const [hex, name] = gnu ? [gnu[1], gnu[2]] : bsd ? [bsd[2], bsd[1]] : [undefined, undefined];
    if (name === fileName && hex !== undefined) {
      return parseChecksum(`${algorithm}:${hex}`);
    }
  }
  return undefined;
}

/** The image's file name in its URL. */
export function imageFileName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  return name === '' ? 'image' : name;
}

/** Where a downloaded image is kept: one file per URL, shared by every VM made from it. */
export function cachedImagePath(storageDir: string, url: string): string {
  const name = imageFileName(url).replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(storageDir, 'images', `${createHash('sha256').update(url).digest('hex').slice(0, 12)}-${name}`);
}

export interface DownloadOptions {
  readonly signal?: AbortSignal;
  readonly progress?: (message: string) => void;
  /** A download that receives nothing for this long is stopped. */
  readonly idleMs?: number;
}

/**
 * The checksum the image's publisher gives beside it: SHA512SUMS, then SHA256SUMS, in the same
 * folder (Debian's cloud images have both). Undefined when neither lists the file.
 */
export async function publishedChecksum(url: string, options: DownloadOptions = {}): Promise<Checksum | undefined> {
  const name = imageFileName(url);
  let unreachable: unknown;
  for (const [file, algorithm] of [['SHA512SUMS', 'sha512'], ['SHA256SUMS', 'sha256']] as const) {
    try {
      const response = await fetch(new URL(file, url), { signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000) });
      if (!response.ok) continue;
      const found = findInSums((await response.text()).slice(0, 1024 * 1024), name, algorithm);
      if (found) return found;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      unreachable = error;
    }
  }
  if (unreachable !== undefined) {
    // Offline, say: that, not "no checksum", is what the user needs to hear.
    const cause = (unreachable as { cause?: { message?: string } }).cause?.message ?? (unreachable as Error).message;
    throw new Error(`Cannot reach ${new URL('.', url).href} for the image's checksum: ${cause}`);
  }
  return undefined;
}

/**
 * Downloads `url` to `dest`, hashing as it goes; `dest` appears (renamed from a partial file) only
 * when the checksum matches. A failure or cancellation leaves no file behind.
 */
export async function downloadVerified(url: string, dest: string, expected: Checksum, options: DownloadOptions = {}): Promise<void> {
  const idleMs = options.idleMs ?? 60_000;
  const partial = `${dest}.${randomBytes(4).toString('hex')}.part`;
  const idle = new AbortController();
  let idleTimer = setTimeout(() => idle.abort(), idleMs);
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
  const handle = await fs.open(partial, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    const response = await fetch(url, { signal });
    if (!response.ok || !response.body) {
      throw new Error(`Downloading ${url} failed: ${response.status} ${response.statusText}`);
    }
    const total = Number(response.headers.get('content-length') ?? NaN);
    if (total > 0) {
      const problem = await diskSpaceProblem(path.dirname(dest), total + 1024 ** 3);
      if (problem) throw new Error(problem);
    }
    const hash = createHash(expected.algorithm);
    let received = 0;
    let shown = -1;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => idle.abort(), idleMs);
      hash.update(chunk);
      await handle.write(chunk);
      received += chunk.length;
      const percent = total > 0 ? Math.floor((received / total) * 100) : Math.floor(received / 1024 ** 2 / 50) * 50;
      if (percent !== shown) {
        shown = percent;
        options.progress?.(total > 0 ? `Downloading ${imageFileName(url)}: ${percent}% of ${Math.round(total / 1024 ** 2)} MiB` : `Downloading ${imageFileName(url)}: ${percent} MiB`);
      }
    }
    const actual = hash.digest('hex');
    if (actual !== expected.hex) {
      throw new Error(`${imageFileName(url)} failed its ${expected.algorithm.toUpperCase()} check (got ${actual.slice(0, 16)}…, expected ${expected.hex.slice(0, 16)}…); nothing was kept`);
    }
    await handle.sync();
    await handle.close();
    await fs.rename(partial, dest);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(partial, { force: true });
    if (idle.signal.aborted && !options.signal?.aborted) {
      throw new Error(`Downloading ${url} stopped: nothing received for ${Math.round(idleMs / 1000)} s`);
    }
    if (options.signal?.aborted) {
      throw Object.assign(new Error('Download cancelled'), { name: 'AbortError' });
    }
    throw error instanceof TypeError ? new Error(`Cannot download ${url}: ${String((error as { cause?: { message?: string } }).cause?.message ?? error.message)}`) : error;
  } finally {
    clearTimeout(idleTimer);
  }
}

/**
 * The base image's local path: a file as given (checked readable), or a URL's cached download
 * (made once, checked against `checksum` or the publisher's SUMS file).
 */
export async function ensureBaseImage(baseImage: string, storageDir: string, checksum: string, options: DownloadOptions = {}): Promise<string> {
  if (!/^https?:\/\//i.test(baseImage)) {
    await fs.access(baseImage, constants.R_OK).catch(() => {
      throw new Error(`The base image ${baseImage} is missing or unreadable`);
    });
    return baseImage;
  }
  const dest = cachedImagePath(storageDir, baseImage);
  if (await fs.access(dest).then(() => true, () => false)) {
    return dest;
  }
  await fs.mkdir(path.dirname(dest), { recursive: true });
  const expected = checksum.trim() !== '' ? parseChecksum(checksum) : await publishedChecksum(baseImage, options);
  if (!expected) {
    throw new Error(checksum.trim() !== '' ? `"${checksum}" is not a SHA-256 or SHA-512 checksum` : `No checksum for ${imageFileName(baseImage)}: its folder has no SHA512SUMS or SHA256SUMS listing it; give the image's checksum in the Checksum field`);
  }
  options.progress?.(`Downloading ${imageFileName(baseImage)} (once; kept for other VMs)`);
  await downloadVerified(baseImage, dest, expected, options);
  return dest;
}
