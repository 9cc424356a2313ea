import { randomBytes } from 'node:crypto';
import { createReadStream, promises as fs, Stats } from 'node:fs';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import * as tarStream from 'tar-stream';
import { compilePatterns, IgnorePattern, isExcluded, keepBuildFiles, mustWalkExcludedDirectory, ParentMatches, readDockerignore } from './dockerignore';

export interface ContextEntry {
  /** Slash-separated path inside the context. */
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink';
  readonly absolute: string;
  readonly stats: Stats;
  readonly linkTarget?: string;
}

export interface ContextPlan {
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
  await walk(root, '', patterns, undefined, entries);
  const totalBytes = entries.reduce((sum, e) => sum + (e.type === 'file' ? e.stats.size : 0), 0);
  if (inside) {
    return { entries, dockerfile: relativeDockerfile, totalBytes, ...(ignoreFile && { ignoreFile }) };
  }
  // Like the CLI: a Dockerfile outside the context travels inside it under a name of its own.
  const name = `.dockerfile.${randomBytes(10).toString('hex')}`;
  return { entries, dockerfile: name, outsideDockerfile: { name, absolute: dockerfile }, totalBytes: totalBytes + (await fs.stat(dockerfile)).size, ...(ignoreFile && { ignoreFile }) };
}

async function walk(root: string, relative: string, patterns: readonly IgnorePattern[], parent: ParentMatches, into: ContextEntry[]): Promise<void> {
  const directory = path.join(root, relative);
  const names = (await fs.readdir(directory)).sort();
  // One directory's lstat calls run together; the order of entries stays the sorted one.
  const stats = await Promise.all(names.map((name) => fs.lstat(path.join(directory, name))));
  for (const [index, name] of names.entries()) {
    const rel = relative ? `${relative}/${name}` : name;
    const absolute = path.join(root, rel);
    const stat = stats[index] as Stats;
    const { excluded, matches } = patterns.length > 0 ? isExcluded(patterns, rel, parent) : { excluded: false, matches: [] };
    if (excluded) {
      if (stat.isDirectory() && patterns.some((p) => p.exclusion) && mustWalkExcludedDirectory(patterns, rel)) {
        await walk(root, rel, patterns, matches, into);
      }
      continue;
    }
    if (stat.isDirectory()) {
      into.push({ name: rel, type: 'directory', absolute, stats: stat });
      await walk(root, rel, patterns, matches, into);
    } else if (stat.isSymbolicLink()) {
      into.push({ name: rel, type: 'symlink', absolute, stats: stat, linkTarget: await fs.readlink(absolute) });
    } else if (stat.isFile()) {
      into.push({ name: rel, type: 'file', absolute, stats: stat });
    }
  }
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
 */
export function packContext(plan: ContextPlan, onBytes?: (sent: number) => void): Readable {
  const pack = tarStream.pack();
  const output = new PassThrough();
  let sent = 0;
  pack.on('data', (chunk: Buffer) => {
    sent += chunk.length;
    onBytes?.(sent);
  });
  pack.pipe(output);
  void (async () => {
    try {
      const common = (e: { stats: Stats }) => ({ mode: e.stats.mode & 0o7777, mtime: e.stats.mtime, uid: 0, gid: 0 });
      for (const entry of plan.entries) {
        await roomIn(pack);
        if (entry.type === 'directory') {
          await addEntry(pack, { name: `${entry.name}/`, type: 'directory', ...common(entry) });
        } else if (entry.type === 'symlink') {
          await addEntry(pack, { name: entry.name, type: 'symlink', linkname: entry.linkTarget ?? '', ...common(entry) });
        } else {
          await addFile(pack, entry.name, entry.absolute, entry.stats.size, common(entry));
        }
      }
      if (plan.outsideDockerfile) {
        const stats = await fs.stat(plan.outsideDockerfile.absolute);
        await addFile(pack, plan.outsideDockerfile.name, plan.outsideDockerfile.absolute, stats.size, common({ stats }));
      }
      pack.finalize();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return output;
}

/** Backpressure: the tar stream does not wait for a slow upload by itself, so reading pauses here. */
const MAX_BUFFERED = 8 * 1024 * 1024;

async function roomIn(pack: tarStream.Pack): Promise<void> {
  while ((pack as unknown as { readableLength: number }).readableLength > MAX_BUFFERED) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

function addEntry(pack: tarStream.Pack, header: tarStream.Headers): Promise<void> {
  return new Promise((resolve, reject) => pack.entry(header, (error) => (error ? reject(error) : resolve())));
}

/** Small files are read whole (cheap); larger ones stream, so memory stays bounded. */
const READ_WHOLE_BELOW = 256 * 1024;

async function addFile(pack: tarStream.Pack, name: string, absolute: string, size: number, header: Partial<tarStream.Headers>): Promise<void> {
  if (size < READ_WHOLE_BELOW) {
    const content = await fs.readFile(absolute);
    return new Promise((resolve, reject) => pack.entry({ ...header, name, size: content.length, type: 'file' }, content, (error) => (error ? reject(error) : resolve())));
  }
  return new Promise((resolve, reject) => {
    const entry = pack.entry({ ...header, name, size, type: 'file' }, (error) => (error ? reject(error) : resolve()));
    const source = createReadStream(absolute);
    source.on('error', reject);
    source.pipe(entry);
  });
}
