import { setTimeout as delay } from 'node:timers/promises';
import { promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { VmPaths } from './vmPaths';

/** A port on 127.0.0.1 that nothing listens on right now: bound with port 0, read, closed. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => reject(new Error(`No free local port for the VM's SSH: ${error.message}`)));
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('No free local port for the VM\'s SSH'))));
    });
  });
}

/** True when a listener could bind 127.0.0.1:`port` now. */
export function localPortIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The pid QEMU wrote, or undefined when there is no (readable, numeric) pidfile. */
export async function readPidFile(pidFile: string): Promise<number | undefined> {
  try {
    const text = (await fs.readFile(pidFile, 'utf8')).trim();
    return /^\d+$/.test(text) && Number(text) > 1 ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

/** A process's arguments, or undefined when it is gone (or a zombie, whose cmdline is empty). */
async function commandLineOf(pid: number): Promise<string[] | undefined> {
  try {
    const raw = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    return raw === '' ? undefined : raw.replace(/\0$/, '').split('\0');
  } catch {
    return undefined;
  }
}

/**
 * True when `pid` is a QEMU whose pidfile is this VM's: a pid read from a file may since have been
 * reused by any other process, which must never be signalled.
 */
export async function isQemuOf(pid: number, paths: Pick<VmPaths, 'pidFile'>): Promise<boolean> {
  const args = await commandLineOf(pid);
  if (!args || !path.basename(args[0] ?? '').startsWith('qemu-system-')) return false;
  const at = args.indexOf('-pidfile');
  return at >= 0 && args[at + 1] === paths.pidFile;
}

/** The pid of this VM's QEMU when it runs, found from its pidfile (also for a VM started in an earlier session). */
export async function runningPid(paths: Pick<VmPaths, 'pidFile'>): Promise<number | undefined> {
  const pid = await readPidFile(paths.pidFile);
  return pid !== undefined && (await isQemuOf(pid, paths)) ? pid : undefined;
}

/** Whether the process exists (and is not a zombie waiting to be reaped). */
export async function isAlive(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /s.test(stat);
  } catch {
    return false;
  }
}

/** Waits `ms`; cancelling rejects with an AbortError (node's own timer does both). */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, signal && { signal });

/** Waits until the process is gone; true if it went within `ms`. */
export async function waitForExit(pid: number, ms: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (await isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100, signal);
  }
  return true;
}

/** SIGKILL to this VM's QEMU, only after checking the pid is still it; waits (bounded) for it to go. */
export async function killVmProcess(paths: Pick<VmPaths, 'pidFile'>, waitMs = 10_000): Promise<boolean> {
  const pid = await runningPid(paths);
  if (pid === undefined) return false;
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  if (!(await waitForExit(pid, waitMs))) {
    throw new Error(`QEMU (pid ${pid}) did not end within ${waitMs / 1000} s of SIGKILL`);
  }
  return true;
}
