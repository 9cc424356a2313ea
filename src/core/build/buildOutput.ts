import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { safeTarget } from '../engine/operations/archiveExtract';
import {
  GO_MODE_DIR, GO_MODE_SPECIAL, GO_MODE_SYMLINK, Packet, PACKET_DATA, PACKET_ERR, PACKET_FIN, PACKET_REQ, PACKET_STAT,
} from '../buildkit/fsutilPackets';
import { FILE_SEND_FOLDER, FILE_SEND_TAR } from '../buildkit/sessionServices';
import { SessionService } from '../buildkit/session';

/** `docker build --output`: the result's files into a folder, or as one tar file, instead of an image. */
export interface BuildOutput {
  readonly type: 'local' | 'tar';
  /** Absolute path of the folder (local) or the file (tar). */
  readonly dest: string;
}

/** What is wrong with an output, before the build starts. */
export function outputProblems(output: unknown): string[] {
  const spec = output as Partial<Record<keyof BuildOutput, unknown>> | undefined;
  if (spec === undefined) return [];
  if (spec === null || typeof spec !== 'object') return ['"output" must be an object with "type" and "dest"'];
  const problems: string[] = [];
  if (spec.type !== 'local' && spec.type !== 'tar') problems.push('output.type must be "local" or "tar"');
  if (typeof spec.dest !== 'string' || !path.isAbsolute(spec.dest)) problems.push('output.dest must be an absolute path');
  return problems;
}

/** The Engine API's `outputs` parameter for it (the destination stays on this side). */
export function outputsQuery(output: BuildOutput): string {
  return JSON.stringify([{ Type: output.type, Attrs: {} }]);
}

/**
 * The session service that receives the output, and a promise that settles once it has been
 * written. A tar lands under a temporary name and is renamed when complete, so a failed build
 * leaves the old file as it was; a folder's entries are checked as Copy from Container checks
 * them (relative names only, nothing through a link, no special files).
 */
export function outputReceiver(output: BuildOutput): { service: SessionService; written: Promise<void> } {
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const written = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  written.catch(() => undefined);
  if (output.type === 'tar') {
    const handler: grpc.handleBidiStreamingCall<{ data?: Buffer }, object> = (call) => {
      receiveTar(call, output.dest).then(settle.resolve, (error: Error) => {
        settle.reject(error);
        call.destroy(error);
      });
    };
    return { service: { definition: FILE_SEND_TAR, handler: handler as grpc.UntypedHandleCall }, written };
  }
  const handler: grpc.handleBidiStreamingCall<Packet, object> = (call) => {
    receiveFolder(call, output.dest).then(settle.resolve, (error: Error) => {
      settle.reject(error);
      call.write({ type: PACKET_ERR, data: Buffer.from(error.message) });
      call.end();
    });
  };
  return { service: { definition: FILE_SEND_FOLDER, handler: handler as grpc.UntypedHandleCall }, written };
}

async function receiveTar(call: grpc.ServerDuplexStream<{ data?: Buffer }, object>, dest: string): Promise<void> {
  const partial = path.join(path.dirname(dest), `.${path.basename(dest)}.${process.pid}.partial`);
  const file = await fs.open(partial, 'wx', 0o644);
  try {
    await eachMessage<{ data?: Buffer }>(call, async (message) => {
      if (message.data?.length) await file.write(message.data);
    });
    await file.close();
    await fs.rename(partial, dest);
    call.end();
  } catch (error) {
    await file.close().catch(() => undefined);
    await fs.rm(partial, { force: true });
    throw error;
  }
}

/** The receiving side of fsutil's protocol, into `dest` (made if missing). */
async function receiveFolder(call: grpc.ServerDuplexStream<Packet, object>, dest: string): Promise<void> {
  await fs.mkdir(dest, { recursive: true });
  const root = await fs.realpath(dest);
  const files = new Map<number, { handle: fs.FileHandle }>();
  let index = 0;
  let statsDone = false;
  let finSent = false;
  await eachMessage<Packet>(call, async (packet) => {
    if (packet.type === PACKET_ERR) {
      throw new Error(`the engine stopped sending the output: ${packet.data?.toString('utf8') ?? ''}`);
    }
    if (packet.type === PACKET_STAT && !statsDone) {
      if (!packet.stat) {
        statsDone = true;
      } else {
        const id = index++;
        const handle = await createEntry(root, packet.stat);
        if (handle) {
          files.set(id, { handle });
          call.write({ type: PACKET_REQ, ID: id });
        }
      }
    } else if (packet.type === PACKET_DATA) {
      const file = files.get(packet.ID ?? -1);
      if (!file) throw new Error(`the engine sent data for an entry not asked for (${packet.ID})`);
      if (packet.data?.length) {
        await file.handle.write(packet.data);
      } else {
        await file.handle.close();
        files.delete(packet.ID ?? -1);
      }
    }
    if (statsDone && files.size === 0 && !finSent) {
      finSent = true;
      call.write({ type: PACKET_FIN }); // all asked for has come; the engine answers FIN and ends its side
    }
  });
  if (files.size > 0) {
    for (const file of files.values()) await file.handle.close();
    throw new Error('the engine ended the output before sending every file');
  }
  call.end();
}

/** Makes one entry under root; a regular file is opened for its content (never through a link). */
async function createEntry(root: string, stat: NonNullable<Packet['stat']>): Promise<fs.FileHandle | undefined> {
  const name = String(stat.path ?? '');
  const parts = name.split('/');
  if (name === '' || path.isAbsolute(name) || parts.some((part) => part === '..' || part === '' || part === '.' || part.includes('\0'))) {
    throw new Error(`the output holds an unsafe name (${JSON.stringify(name)}); nothing more was written`);
  }
  const target = await safeTarget(root, name);
  const mode = (stat.mode ?? 0) >>> 0;
  const permissions = mode & 0o777;
  if (mode & GO_MODE_DIR) {
    await fs.mkdir(target, { mode: permissions || 0o755 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    return undefined;
  }
  await removeIfLink(target);
  if (mode & GO_MODE_SYMLINK) {
    await fs.rm(target, { force: true });
    await fs.symlink(String(stat.linkname ?? ''), target);
    return undefined;
  }
  if (mode & GO_MODE_SPECIAL) {
    return undefined; // devices, pipes and sockets of the image are not made on this computer
  }
  await fs.rm(target, { force: true });
  return fs.open(target, 'wx', permissions || 0o644);
}

async function removeIfLink(target: string): Promise<void> {
  const stat = await fs.lstat(target).catch(() => undefined);
  if (stat?.isSymbolicLink()) await fs.rm(target);
}

/**
 * Handles a call's messages one at a time until the engine closes its side. (Async iteration
 * of a duplex stream waits for our side to finish too, which is what the engine waits for.)
 */
function eachMessage<T>(call: grpc.ServerDuplexStream<T, object>, handle: (message: T) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let queue = Promise.resolve();
    call.on('data', (message: T) => {
      call.pause();
      queue = queue.then(() => handle(message)).then(() => {
        call.resume();
      }, (error: unknown) => {
        reject(error);
        return undefined;
      });
    });
    call.on('end', () => void queue.then(resolve));
    call.on('error', reject);
  });
}
