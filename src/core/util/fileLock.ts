import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';

export interface FileLockOptions {
  /** A lock not refreshed for this long belongs to a holder that died or hung. */
  readonly staleMs?: number;
  /** Give up waiting after this long. */
  readonly timeoutMs?: number;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

/**
 * Runs `work` while holding `lockPath`, a file made with O_EXCL, so that processes sharing a
 * file (two editor windows on one machine store) take turns. The holder refreshes the file's
 * mtime while it works; a lock whose process is gone, or that was not refreshed for `staleMs`,
 * is taken over.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 10_000;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), token: randomBytes(8).toString('hex') };
  for (let attempt = 0; !(await tryCreate(lockPath, owner)); attempt++) {
    if (await breakIfStale(lockPath, staleMs)) {
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for the lock ${lockPath} (another window is writing; remove the file if no editor is running)`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50) * (0.5 + Math.random())));
  }
  const refresh = setInterval(() => void fs.utimes(lockPath, new Date(), new Date()).catch(() => undefined), Math.max(staleMs / 3, 10));
  refresh.unref();
  try {
    return await work();
  } finally {
    clearInterval(refresh);
    await release(lockPath, owner);
  }
}

async function tryCreate(lockPath: string, owner: LockOwner): Promise<boolean> {
  try {
    await fs.writeFile(lockPath, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  }
}

/** Removes the lock when its holder is gone; true when it did (or the lock vanished meanwhile). */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  const seen = await readOwner(lockPath);
  if (!seen) {
    return true;
  }
  if (!isStale(seen.owner, seen.mtimeMs, staleMs)) {
    return false;
  }
  // Move it aside first, then check it was the lock judged stale: a contender that broke it a
  // moment earlier may have made a fresh one, which is put back (link fails if yet another exists).
  const aside = `${lockPath}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await fs.rename(lockPath, aside);
  } catch {
    return true;
  }
  const moved = await readOwner(aside);
  if (moved && moved.owner?.token !== seen.owner?.token) {
    await fs.link(aside, lockPath).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
  return true;
}

function isStale(owner: LockOwner | undefined, mtimeMs: number, staleMs: number): boolean {
  if (Date.now() - mtimeMs > staleMs) {
    return true;
  }
  return owner !== undefined && owner.host === os.hostname() && !processExists(owner.pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<{ owner: LockOwner | undefined; mtimeMs: number } | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    return { owner: parseOwner(text), mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string' ? (value as LockOwner) : undefined;
  } catch {
    return undefined; // half-written by a holder that is still creating it, or garbage: judged by age
  }
}

/** Deletes the lock only while it is still ours (it may have been broken as stale meanwhile). */
async function release(lockPath: string, owner: LockOwner): Promise<void> {
  const current = await readOwner(lockPath);
  if (current?.owner?.token === owner.token) {
    await fs.rm(lockPath, { force: true });
  }
}
