import { lstatSync, promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { FILE_SYNC_DIFF_COPY } from '../buildkit/sessionServices';
import { SessionService } from '../buildkit/session';
import { pipelineWrites } from '../buildkit/pipelinedWrites';
import { ContextEntry, ContextPlan } from './buildContext';
import { compilePatterns, isExcluded } from './dockerignore';
import { TimeSlice } from '../util/timeSlice';
import {
  GO_MODE_DIR, GO_MODE_SETGID, GO_MODE_SETUID, GO_MODE_STICKY, GO_MODE_SYMLINK, Packet, PACKET_DATA, PACKET_ERR, PACKET_FIN, PACKET_REQ, PACKET_STAT,
} from '../buildkit/fsutilPackets';

const DATA_CHUNK = 256 * 1024;
/** Packets queued on the stream before waiting for it to drain (at most this many chunks in memory). */
const MAX_QUEUED_PACKETS = 512;

/** The folders a build offers by name, as the docker CLI names them. */
export interface SyncedFolders {
  /**
   * The build context: exactly the entries the plan holds (.dockerignore applied as the CLI
   * does). Still being walked while the engine reads the Dockerfile, as the CLI walks it.
   */
  readonly context: Promise<ContextPlan>;
  /** The Dockerfile's folder; only what the engine asks for by name is sent from it. */
  readonly dockerfileDir: string;
}

/**
 * BuildKit's file sync (`FileSync/DiffCopy`), the side the docker CLI plays: for the folder the
 * engine names, the entries' stats in walk order, then the content of each file it asks for.
 * The engine compares the stats with what it kept from the last build under the session's
 * shared key and asks only for files that changed.
 */
export function contextSyncService(folders: SyncedFolders, onBytes?: (sent: number) => void): SessionService {
  let sent = 0; // over every folder the engine asks for in this build
  const count = (bytes: number): void => {
    sent += bytes;
    onBytes?.(sent);
  };
  const handler: grpc.handleBidiStreamingCall<Packet, object> = (call) => {
    const metadata = call.metadata.getMap();
    // Repeated values arrive joined with ", " (HTTP/2 folds a repeated header into one).
    const list = (key: string): string[] => call.metadata.get(key).flatMap((value) => String(value).split(', ')).filter(Boolean);
    // fsutil adds the paths to follow to the include patterns; the CLI's own ignore rules (in the plan) stand for the excludes.
    const includes = [...list('include-patterns'), ...list('followpaths')];
    const dirName = String(metadata['dir-name'] ?? '');
    const fail = (message: string): void => {
      call.write({ type: PACKET_ERR, data: Buffer.from(message) });
      call.end();
    };
    let folder: Promise<{ root: string; entries: SyncEntry[] }>;
    if (dirName === 'context') {
      folder = folders.context.then((plan) => ({ root: plan.root, entries: contextEntries(plan, includes) }));
    } else if (dirName === 'dockerfile') {
      folder = dockerfileDirEntries(folders.dockerfileDir, includes).then((entries) => ({ root: folders.dockerfileDir, entries }));
    } else {
      fail(`no folder named ${JSON.stringify(dirName)} in this build`);
      return;
    }
    void folder.then(({ root, entries }) => sendFolder(call, root, entries, count), (error: Error) => fail(error.message));
  };
  return { definition: FILE_SYNC_DIFF_COPY, handler: handler as grpc.UntypedHandleCall };
}

/** An entry of a synced folder, named relative to that folder. */
export type SyncEntry = ContextEntry;

/** The plan's entries (in walk order), narrowed to what `includes` names when the engine asks for part of it. */
export function contextEntries(plan: ContextPlan, includes: readonly string[]): SyncEntry[] {
  const all = withParentFolders(plan);
  if (includes.length === 0) {
    return all;
  }
  const patterns = compilePatterns(includes);
  const chosen = all.filter((entry) => isExcluded(patterns, entry.name, undefined).excluded);
  // fsutil sends the folders that lead to an included entry; the receiver builds the tree from them.
  const names = new Set(chosen.map((entry) => entry.name));
  for (const entry of chosen) {
    for (let slash = entry.name.indexOf('/'); slash > 0; slash = entry.name.indexOf('/', slash + 1)) {
      names.add(entry.name.slice(0, slash));
    }
  }
  return all.filter((entry) => names.has(entry.name));
}

/**
 * The plan's entries with the folders that lead to each: an excluded folder with an exception
 * below it is walked but not itself in the plan, and fsutil's receiver needs every parent
 * (the tar path needs none). Each is put right before its first entry, which keeps walk order.
 */
function withParentFolders(plan: ContextPlan): SyncEntry[] {
  const result: SyncEntry[] = [];
  const folders = new Set(plan.entries.filter((entry) => entry.type === 'directory').map((entry) => entry.name));
  for (const entry of plan.entries) {
    for (let slash = entry.name.indexOf('/'); slash > 0; slash = entry.name.indexOf('/', slash + 1)) {
      const folder = entry.name.slice(0, slash);
      if (!folders.has(folder)) {
        folders.add(folder);
        const stat = lstatSync(path.join(plan.root, folder));
        result.push({ name: folder, type: 'directory', mode: stat.mode & 0o7777, mtime: Math.trunc(stat.mtimeMs / 1000), mtimeMs: stat.mtimeMs, size: 0 });
      }
    }
    result.push(entry);
  }
  return result;
}

/** The files of the Dockerfile's folder that `includes` names (top level only: the Dockerfile and its ignore file). */
async function dockerfileDirEntries(dir: string, includes: readonly string[]): Promise<SyncEntry[]> {
  const patterns = compilePatterns(includes.length > 0 ? includes : ['*']);
  const names = (await fs.readdir(dir)).filter((name) => isExcluded(patterns, name, undefined).excluded).sort();
  const entries: SyncEntry[] = [];
  for (const name of names) {
    const stat = await fs.lstat(path.join(dir, name));
    if (stat.isFile()) {
      entries.push({ name, type: 'file', mode: stat.mode & 0o7777, mtime: Math.trunc(stat.mtimeMs / 1000), mtimeMs: stat.mtimeMs, size: stat.size });
    }
  }
  return entries;
}

/** fsutil's Stat for an entry: Go file-mode bits, owners reset to root (as the CLI maps them), nanosecond mtime. */
export function statOf(entry: SyncEntry): object {
  let mode = entry.mode & 0o777;
  if (entry.mode & 0o4000) mode |= GO_MODE_SETUID;
  if (entry.mode & 0o2000) mode |= GO_MODE_SETGID;
  if (entry.mode & 0o1000) mode |= GO_MODE_STICKY;
  if (entry.type === 'directory') mode |= GO_MODE_DIR;
  if (entry.type === 'symlink') mode |= GO_MODE_SYMLINK;
  return {
    path: entry.name,
    mode: mode >>> 0,
    uid: 0,
    gid: 0,
    size: entry.type === 'file' ? entry.size : 0,
    modTime: Math.round(entry.mtimeMs * 1e3) * 1e3, // microseconds are what mtimeMs holds exactly
    linkname: entry.linkTarget ?? '',
  };
}

/** Sends the stats, then answers REQ packets with DATA until the engine says FIN. */
async function sendFolder(call: grpc.ServerDuplexStream<Packet, object>, root: string, entries: readonly SyncEntry[], count: (bytes: number) => void): Promise<void> {
  // Waiting for 'drain' at the stream's default mark (16 packets) cost a turn of the event loop
  // every 16 of 50,000 stats; a deeper, still bounded, queue keeps the connection busy instead.
  pipelineWrites(call);
  const write = async (packet: object): Promise<void> => {
    if (!call.write(packet) && call.writableLength >= MAX_QUEUED_PACKETS) {
      await new Promise<void>((resolve) => call.once('drain', resolve));
    }
  };
  const requests: number[] = [];
  const slice = new TimeSlice();
  let wake: (() => void) | undefined;
  let finished = false;
  call.on('data', (packet: Packet) => {
    if (packet.type === PACKET_REQ && packet.ID !== undefined) {
      requests.push(packet.ID);
    } else if (packet.type === PACKET_FIN || packet.type === PACKET_ERR) {
      finished = true;
    }
    wake?.();
  });
  call.on('end', () => {
    finished = true;
    wake?.();
  });
  call.on('error', () => {
    finished = true;
    wake?.();
  });
  try {
    for (const entry of entries) {
      await write({ type: PACKET_STAT, stat: statOf(entry) });
      await slice.yieldIfDue();
    }
    await write({ type: PACKET_STAT });
    for (;;) {
      const id = requests.shift();
      if (id !== undefined) {
        const entry = entries[id];
        if (entry?.type === 'file') {
          count(await sendFile(path.join(root, entry.name), entry.size, id, write, slice));
        }
        await write({ type: PACKET_DATA, ID: id }); // end of this file
        continue;
      }
      if (finished) {
        break;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    await write({ type: PACKET_FIN });
    call.end();
  } catch (error) {
    call.write({ type: PACKET_ERR, data: Buffer.from((error as Error).message) });
    call.end();
  }
}

/**
 * One file's DATA packets. A small file is read in one synchronous call (as the tar packer does,
 * inside a time slice): for 50,000 files the thread pool's round trips were most of the time.
 */
async function sendFile(absolute: string, size: number, id: number, write: (packet: object) => Promise<void>, slice: TimeSlice): Promise<number> {
  if (size < DATA_CHUNK) {
    await slice.yieldIfDue();
    const content = readFileSync(absolute);
    if (content.length < DATA_CHUNK) {
      if (content.length > 0) await write({ type: PACKET_DATA, ID: id, data: content });
      return content.length;
    }
  }
  const handle = await fs.open(absolute, 'r');
  let total = 0;
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(DATA_CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, DATA_CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      await write({ type: PACKET_DATA, ID: id, data: buffer.subarray(0, bytesRead) });
    }
  } finally {
    await handle.close();
  }
  return total;
}
