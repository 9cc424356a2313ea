import { randomBytes } from 'node:crypto';
import { closeSync, Dirent, lstatSync, openSync, promises as fs, readFileSync, readSync, Stats } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { headerLength, padded, writeHeader } from './tarHeaders';
import { TimeSlice } from '../util/timeSlice';
import { compilePatterns, IgnorePattern, isExcluded, keepBuildFiles, mustWalkExcludedDirectory, ParentMatches, readDockerignore } from './dockerignore';

export interface ContextEntry {
  /** Slash-separated path inside the context. */
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink';
  /** Permission bits (`st_mode & 0o7777`), as the tar header keeps them. */
  readonly mode: number;
  /** Modification time in whole seconds, as the tar header keeps it. */
  readonly mtime: number;
  /** Modification time in milliseconds with the fraction the file system keeps (BuildKit's file sync compares it). */
  readonly mtimeMs: number;
  /** Size in bytes (files only; 0 otherwise). */
  readonly size: number;
  readonly linkTarget?: string;
}

export interface ContextPlan {
  /** The context directory, absolute; entries' names are relative to it. */
  readonly root: string;
  readonly entries: readonly ContextEntry[];
  /** The Dockerfile's name inside the context, as POST /build's `dockerfile` parameter. */
  readonly dockerfile: string;
  /** The Dockerfile's content when it lives outside the context (added under a generated name). */
  readonly outsideDockerfile?: { readonly name: string; readonly absolute: string };
  /** Which ignore file was applied, if any. */
  readonly ignoreFile?: string;
  readonly totalBytes: number;
}

/**
 * Decides what goes into the build context exactly as the docker CLI does: the ignore file
 * (`<Dockerfile>.dockerignore` beside the Dockerfile first, else `.dockerignore` in the context),
 * the Dockerfile and .dockerignore always sent, excluded directories skipped unless an exception
 * lies below them. Nothing is read into memory but the ignore file.
 */
export async function planContext(contextDir: string, dockerfilePath: string): Promise<ContextPlan> {
  const root = path.resolve(contextDir);
  const dockerfile = path.resolve(dockerfilePath);
  const relativeDockerfile = path.relative(root, dockerfile).split(path.sep).join('/');
  const inside = !relativeDockerfile.startsWith('../') && !path.isAbsolute(relativeDockerfile);
  const ignoreFile = await firstExisting([`${dockerfile}.dockerignore`, path.join(root, '.dockerignore')]);
  const ignored = ignoreFile ? readDockerignore(await fs.readFile(ignoreFile, 'utf8')) : [];
  const patterns = compilePatterns(keepBuildFiles(ignored, inside ? relativeDockerfile : undefined));
  const entries: ContextEntry[] = [];
  await walk({ root, patterns, anyException: patterns.some((p) => p.exclusion), slice: new TimeSlice(), into: entries }, '', undefined);
  const totalBytes = entries.reduce((sum, e) => sum + e.size, 0);
  if (inside) {
    return { root, entries, dockerfile: relativeDockerfile, totalBytes, ...(ignoreFile && { ignoreFile }) };
  }
  // Like the CLI: a Dockerfile outside the context travels inside it under a name of its own.
  const name = `.dockerfile.${randomBytes(10).toString('hex')}`;
  return { root, entries, dockerfile: name, outsideDockerfile: { name, absolute: dockerfile }, totalBytes: totalBytes + (await fs.stat(dockerfile)).size, ...(ignoreFile && { ignoreFile }) };
}

interface Walk {
  readonly root: string;
  readonly patterns: readonly IgnorePattern[];
  readonly anyException: boolean;
  readonly slice: TimeSlice;
  readonly into: ContextEntry[];
}

async function walk(w: Walk, relative: string, parent: ParentMatches): Promise<void> {
  const dirents: Dirent[] = await fs.readdir(path.join(w.root, relative), { withFileTypes: true });
  dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const dirent of dirents) {
    const rel = relative ? `${relative}/${dirent.name}` : dirent.name;
    const { excluded, matches } = w.patterns.length > 0 ? isExcluded(w.patterns, rel, parent) : { excluded: false, matches: [] };
    if (excluded) {
      // Only what is sent needs an lstat; an excluded directory is walked only for an exception below it.
      if (dirent.isDirectory() && w.anyException && mustWalkExcludedDirectory(w.patterns, rel)) {
        await walk(w, rel, matches);
      }
      continue;
    }
    await w.slice.yieldIfDue();
    const absolute = path.join(w.root, rel);
    // lstat is synchronous: for many small calls it is several times cheaper than going through
    // the thread pool, and the time slice keeps the event loop turning.
    const stat = lstatSync(absolute);
    const common = { name: rel, mode: stat.mode & 0o7777, mtime: headerSeconds(stat), mtimeMs: stat.mtimeMs };
    if (stat.isDirectory()) {
      w.into.push({ ...common, type: 'directory', size: 0 });
      await walk(w, rel, matches);
    } else if (stat.isSymbolicLink()) {
      w.into.push({ ...common, type: 'symlink', size: 0, linkTarget: await fs.readlink(absolute) });
    } else if (stat.isFile()) {
      w.into.push({ ...common, type: 'file', size: stat.size });
    }
  }
}

/** The tar header's mtime, computed as tar-stream does from a Date. */
function headerSeconds(stat: Stats): number {
  return (stat.mtime.getTime() / 1000) | 0;
}

async function firstExisting(candidates: readonly string[]): Promise<string | undefined> {
  for (const candidate of candidates) {
    if (await fs.stat(candidate).then((s) => s.isFile(), () => false)) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * The context as a tar stream, file by file (never whole in memory), with modes and symlinks
 * as the CLI keeps them and owners set to root. `onBytes` reports upload progress.
 *
 * The archive is the one tar-stream 2 wrote before (ustar headers, PAX for long or non-ASCII
 * names), but headers and small files are written together into large chunks, so the upload
 * makes a few hundred writes instead of several per file; small files are read straight into
 * the chunk; large files stream in bounded chunks.
 */
export function packContext(plan: ContextPlan, onBytes?: (sent: number) => void): Readable {
  let sent = 0;
  const chunks = generateTar(plan);
  const stream = new Readable({
    highWaterMark: CHUNK,
    read() {
      chunks.next().then(
        (result) => {
          if (result.done) {
            stream.push(null);
            return;
          }
          sent += result.value.length;
          onBytes?.(sent);
          stream.push(result.value);
        },
        (error: unknown) => stream.destroy(error as Error),
      );
    },
    destroy(error, callback) {
      chunks.return(undefined).then(() => callback(error), () => callback(error));
    },
  });
  return stream;
}

/** Size of the chunks handed to the upload. */
const CHUNK = 1024 * 1024;
/** Small files are read whole into the chunk; larger ones stream, so memory stays bounded. */
const READ_WHOLE_BELOW = 256 * 1024;

/** An entry to archive; `absolute` only for the Dockerfile that lives outside the context. */
type TarItem = ContextEntry & { readonly absolute?: string };

async function* generateTar(plan: ContextPlan): AsyncGenerator<Buffer, void, undefined> {
  const items: TarItem[] = [...plan.entries];
  if (plan.outsideDockerfile) {
    const stats = await fs.stat(plan.outsideDockerfile.absolute);
    items.push({ name: plan.outsideDockerfile.name, type: 'file', absolute: plan.outsideDockerfile.absolute, mode: stats.mode & 0o7777, mtime: headerSeconds(stats), mtimeMs: stats.mtimeMs, size: stats.size });
  }
  const slice = new TimeSlice();
  let chunk = Buffer.alloc(CHUNK);
  let used = 0;
  /** Hands over what the chunk holds and starts a new (zero-filled) one of at least `bytes`. */
  const flush = function* (bytes = CHUNK): Generator<Buffer, void, undefined> {
    if (used > 0) yield chunk.subarray(0, used);
    chunk = Buffer.alloc(Math.max(CHUNK, bytes));
    used = 0;
  };
  for (const item of items) {
    if (slice.due()) {
      yield* flush();
      await slice.yield();
    }
    const mode = item.mode || (item.type === 'directory' ? 0o755 : 0o644);
    if (item.type !== 'file') {
      const name = item.type === 'directory' ? `${item.name}/` : item.name;
      const linkname = (item.type === 'symlink' && item.linkTarget) || undefined;
      const length = headerLength(name, linkname);
      if (used + length > chunk.length) yield* flush(length);
      used += writeHeader(chunk, used, name, item.type === 'directory' ? 5 : 2, mode, item.mtime, 0, linkname);
      continue;
    }
    const absolute = item.absolute ?? path.join(plan.root, item.name);
    const headerSize = headerLength(item.name, undefined);
    if (item.size >= READ_WHOLE_BELOW) {
      if (used + headerSize > chunk.length) yield* flush(headerSize);
      used += writeHeader(chunk, used, item.name, 0, mode, item.mtime, item.size, undefined);
      yield* flush();
      yield* streamFile(absolute, item.size);
      used = padded(item.size) - item.size; // the zeros after the file's last block, in the new chunk
      continue;
    }
    // Read into the chunk right after the header; one byte more than planned tells a file that grew.
    const room = headerSize + padded(item.size + 1);
    if (used + room > chunk.length) yield* flush(room);
    const fd = openSync(absolute, 'r');
    let length: number;
    try {
      length = readSync(fd, chunk, used + headerSize, item.size + 1, 0);
    } finally {
      closeSync(fd);
    }
    if (length > item.size) {
      // It grew since the plan: take it whole, as it is now.
      chunk.fill(0, used + headerSize, used + headerSize + length);
      const content = readFileSync(absolute);
      if (used + headerSize + padded(content.length) > chunk.length) yield* flush(headerSize + padded(content.length));
      content.copy(chunk, used + headerSize);
      length = content.length;
    }
    used += writeHeader(chunk, used, item.name, 0, mode, item.mtime, length, undefined);
    used += padded(length); // the chunk is zero-filled: the padding is already there
  }
  if (used + 1024 > chunk.length) yield* flush();
  used += 1024; // end of archive: two zero blocks
  yield chunk.subarray(0, used);
}

/** A large file in chunks of its own; a file whose size changed since the plan would corrupt the archive, so fails. */
async function* streamFile(absolute: string, size: number): AsyncGenerator<Buffer, void, undefined> {
  const handle = await fs.open(absolute, 'r');
  try {
    let position = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      if (position > size) break;
      yield bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead);
    }
    if (position !== size) throw new Error('size mismatch');
  } finally {
    await handle.close();
  }
}
