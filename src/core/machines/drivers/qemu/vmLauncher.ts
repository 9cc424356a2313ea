import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runTool } from './hostTools';
import { Accelerator, qemuArguments, VmLaunch } from './qemuCommandLine';
import { withQmp } from './qmpClient';
import { AccelChoice } from './qemuOptions';
import { ensurePrivateDir } from './vmPaths';
import { isAlive, killVmProcess, readPidFile, sleep } from './vmProcess';

export interface LaunchOptions {
  readonly signal?: AbortSignal;
  readonly progress: (message: string) => void;
  /** How long a KVM start must keep running to count as working. */
  readonly probeMs: number;
}

/** Removes what a VM that is not running left: its pidfile and control socket. */
export async function clearRunFiles(launch: Pick<VmLaunch, 'paths'>): Promise<void> {
  await fs.rm(launch.paths.pidFile, { force: true });
  await fs.rm(launch.paths.qmpSocket, { force: true });
}

/** Starts QEMU with one accelerator (-daemonize: returns once it runs, or with QEMU's error) and gives its pid. */
async function launchWith(launch: VmLaunch, signal?: AbortSignal): Promise<number> {
  await clearRunFiles(launch);
  if (path.dirname(launch.paths.qmpSocket) !== launch.paths.dir) {
    await ensurePrivateDir(path.dirname(launch.paths.qmpSocket));
  }
  await runTool('qemu-system-x86_64', qemuArguments(launch), { timeoutMs: 60_000, ...(signal && { signal }) });
  const pid = await readPidFile(launch.paths.pidFile);
  if (pid === undefined) {
    throw new Error('QEMU started but wrote no pidfile');
  }
  return pid;
}

/** True when the VM still runs and QEMU says its CPUs run (KVM failing shows as an exit or internal-error). */
async function keepsRunning(launch: VmLaunch, pid: number, options: LaunchOptions): Promise<boolean> {
  await sleep(options.probeMs, options.signal);
  if (!(await isAlive(pid))) return false;
  try {
    const status = await withQmp(launch.paths.qmpSocket, (qmp) => qmp.queryStatus(), { timeoutMs: 3_000 });
    return status.running;
  } catch {
    return false;
  }
}

/**
 * Starts the VM. With 'auto' KVM is tried by starting it (a /dev/kvm that exists may still not
 * work: QEMU then exits at once or its CPUs stop with an error), and TCG is used when it fails,
 * with a word that it is slow. Returns the pid and the accelerator that runs.
 */
export async function launchVm(base: Omit<VmLaunch, 'accel'>, choice: AccelChoice, options: LaunchOptions): Promise<{ pid: number; accel: Accelerator }> {
  if (choice !== 'auto') {
    return { pid: await launchWith({ ...base, accel: choice }, options.signal), accel: choice };
  }
  let kvmProblem: string;
  try {
    const pid = await launchWith({ ...base, accel: 'kvm' }, options.signal);
    if (await keepsRunning({ ...base, accel: 'kvm' }, pid, options)) {
      return { pid, accel: 'kvm' };
    }
    kvmProblem = 'QEMU stopped right after starting with KVM';
  } catch (error) {
    options.signal?.throwIfAborted();
    kvmProblem = (error as Error).message;
  }
  await killVmProcess(base.paths);
  options.progress(`KVM does not work on this computer (${kvmProblem}); using TCG (software emulation), which is much slower`);
  return { pid: await launchWith({ ...base, accel: 'tcg' }, options.signal), accel: 'tcg' };
}
