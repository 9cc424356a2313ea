import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tarStream from 'tar-stream';

/** Defaults for what one copy out of a container may write. */
export const MAX_COPY_BYTES = 1024 * 1024 * 1024;
export const MAX_COPY_ENTRIES = 100_000;

export interface ExtractOptions {
  /** The one name the archive may hold (the basename of the path asked for); everything lands under it. */
  readonly rootName: string;
  readonly maxBytes?: number;
  readonly maxEntries?: number;
  /**
   * Asked once, at the first entry whose target already exists on disk: true replaces it and
   * every later one, false stops the copy. Without it nothing existing is replaced.
   */
  readonly confirmOverwrite?: (existing: string) => Promise<boolean>;
  readonly signal?: AbortSignal;
}

export interface ExtractResult {
  /** Links, devices and other entries that were not written, by archive name. */
  readonly skipped: readonly string[];
  readonly files: number;
  readonly bytes: number;
}

/**
 * Writes a tar from a container into `directory`, trusting nothing in it: only regular files and
 * folders under `rootName` land; absolute names, `..`, other top-level names and anything that
 * would pass through a link on disk are refused; links are skipped (a link's target is the
 * container's, not this computer's); total bytes and entries are capped; an existing file is
 * replaced only when confirmOverwrite says so.
 */
export async function extractContainerArchive(archive: NodeJS.ReadableStream, directory: string, options: ExtractOptions): Promise<ExtractResult> {
  const root = path.resolve(directory);
  const maxBytes = options.maxBytes ?? MAX_COPY_BYTES;
  const maxEntries = options.maxEntries ?? MAX_COPY_ENTRIES;
  const skipped: string[] = [];
  let entries = 0;
  let bytes = 0;
  let files = 0;
  let overwrite: boolean | undefined;
  const extract = tarStream.extract();

  const mayReplace = async (target: string): Promise<void> => {
    overwrite ??= options.confirmOverwrite ? await options.confirmOverwrite(target) : false;
    if (!overwrite) {
      throw new Error(`${target} already exists; nothing existing was replaced`);
    }
  };

  const handle = async (header: tarStream.Headers, body: NodeJS.ReadableStream): Promise<void> => {
    entries += 1;
    if (entries > maxEntries) {
      throw new Error(`The copy has more than ${maxEntries} entries; stopped`);
    }
    const relative = safeRelativeName(header.name, options.rootName);
    if (header.type !== 'file' && header.type !== 'directory' && header.type !== 'contiguous-file') {
      skipped.push(`${header.name} (${header.type ?? 'unknown'}${header.linkname ? ` → ${header.linkname}` : ''})`);
      return drain(body);
    }
    const target = await safeTarget(root, relative);
    if (header.type === 'directory') {
      const existing = await lstatOrUndefined(target);
      if (existing && !existing.isDirectory()) {
        throw new Error(`${target} exists and is not a folder`);
      }
      if (!existing) {
        await fs.mkdir(target, { mode: 0o700 | ((header.mode ?? 0o755) & 0o755) });
      }
      return drain(body);
    }
    const size = header.size ?? 0;
    if (bytes + size > maxBytes) {
      throw new Error(`The copy is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; stopped`);
    }
    bytes += size;
    const existing = await lstatOrUndefined(target);
    if (existing) {
      if (existing.isDirectory()) {
        throw new Error(`${target} exists and is a folder`);
      }
      await mayReplace(target);
      await fs.unlink(target); // the link or file itself, never what a link points to
    }
    // O_EXCL|O_NOFOLLOW: a name that appeared meanwhile is not written through.
    const handleFile = await fs.open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600 | ((header.mode ?? 0o644) & 0o755));
    try {
      await pipeline(body, capped(handleFile, size));
    } finally {
      await handleFile.close();
    }
    files += 1;
  };

  const finished = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, body, next) => {
      handle(header, body).then(() => next(), (error: unknown) => {
        extract.destroy(error as Error);
        reject(error);
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  await Promise.all([pipeline(archive, extract, ...(options.signal ? [{ signal: options.signal }] : [])), finished]);
  if (entries === 0) {
    throw new Error(`The engine sent nothing for ${options.rootName}`);
  }
  return { skipped, files, bytes };
}

/** The entry's name relative to the folder, or a throw when it is absolute, climbs, or is not under rootName. */
export function safeRelativeName(name: string, rootName: string): string {
  const trimmed = name.replace(/\/+$/, '');
  const parts = trimmed.split('/');
  if (trimmed.startsWith('/') || parts.some((part) => part === '..' || part === '' || part.includes('\\') || part.includes('\0'))) {
    throw new Error(`The archive holds an unsafe name (${JSON.stringify(name)}); nothing more was copied`);
  }
  const cleaned = parts.filter((part) => part !== '.');
  if (cleaned[0] !== rootName) {
    throw new Error(`The archive holds ${JSON.stringify(name)}, which is not under ${JSON.stringify(rootName)}; nothing more was copied`);
  }
  return cleaned.join('/');
}

/**
 * The path for `relative` under root, after checking that no folder on the way is a link or a
 * file; folders the archive did not list are made (one level at a time, never through a link).
 */
export async function safeTarget(root: string, relative: string): Promise<string> {
  const parts = relative.split('/');
  let current = root;
  for (const part of parts.slice(0, -1)) {
    current = path.join(current, part);
    const stat = await lstatOrUndefined(current);
    if (!stat) {
      await fs.mkdir(current, { mode: 0o755 });
    } else if (!stat.isDirectory()) {
      throw new Error(`${current} is ${stat.isSymbolicLink() ? 'a link' : 'not a folder'}; nothing was written through it`);
    }
  }
  const target = path.join(root, ...parts);
  if (!target.startsWith(root + path.sep)) {
    throw new Error(`${target} is outside ${root}`);
  }
  return target;
}

function lstatOrUndefined(file: string): Promise<import('node:fs').Stats | undefined> {
  return fs.lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') {
      return undefined;
    }
    throw error;
  });
}

/** Writes into the open file, refusing more bytes than the header announced. */
function capped(file: fs.FileHandle, size: number): Writable {
  let written = 0;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      if (written > size) {
        done(new Error('An archive entry is longer than it said'));
        return;
      }
      file.write(chunk).then(() => done(), done);
    },
  });
}

function drain(body: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    body.on('end', resolve);
    body.on('error', reject);
    body.resume();
  });
}
