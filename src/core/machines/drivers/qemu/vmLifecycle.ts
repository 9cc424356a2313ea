import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { utils } from 'ssh2';
import { LifecycleIo, MachineLifecycle, MachineRunState } from '../../driver';
import { StoredMachine } from '../../machineStore';
import { hostnameFor, writeSeedIso } from './cloudInitSeed';
import { missingToolsProblem } from './hostTools';
import { ensureBaseImage } from './imageCache';
import { Accelerator } from './qemuCommandLine';
import { recordedOptions, SSH_KEY_SECRET, VmSettings, vmSettings } from './qemuOptions';
import { withQmp } from './qmpClient';
import { publicKeyOnly, vmEndpoint } from './vmEndpoint';
import { createOverlay, diskSpaceProblem } from './vmDisk';
import { clearRunFiles, launchVm } from './vmLauncher';
import { VmPaths, vmPaths } from './vmPaths';
import { engineAnswers, poweroffOverSsh, waitForVm } from './vmReadiness';
import { mountFolderShares } from './vmShares';
import { SshConnection } from '../../../ssh/sshConnection';
import { isAlive, killVmProcess, localPortIsFree, freeLocalPort, runningPid, waitForExit } from './vmProcess';

/** How long each wait may take; tests and the bench shorten or lengthen them. */
export interface VmTimings {
  /** Boot until SSH answers (TCG boots take a minute or more). */
  readonly sshMs: number;
  /** SSH answering until the engine does (longer when Docker is installed on the first boot). */
  readonly engineMs: number;
  /** ACPI shutdown until the hard stop. */
  readonly stopMs: number;
  /** A KVM start must keep running this long to count as working. */
  readonly kvmProbeMs: number;
  /** A VM whose engine does not answer counts as starting (not unreachable) this long after its start. */
  readonly startingMs: number;
  /** Bound on status's engine check. */
  readonly statusPingMs: number;
}

export const DEFAULT_TIMINGS: VmTimings = {
  sshMs: 5 * 60_000,
  engineMs: 10 * 60_000,
  stopMs: 60_000,
  kvmProbeMs: 2_000,
  startingMs: 10 * 60_000,
  statusPingMs: 5_000,
};

/** Free space a VM needs besides its base image: its overlay grows as the guest writes. */
const MIN_FREE_BYTES = 2 * 1024 ** 3;

const exists = (file: string): Promise<boolean> => fs.access(file).then(() => true, () => false);

/** The lifecycle of Local VM (QEMU) machines; `timings` override the defaults. */
export function createQemuLifecycle(overrides: Partial<VmTimings> = {}): MachineLifecycle {
  const timings = { ...DEFAULT_TIMINGS, ...overrides };
  const pathsOf = (machine: StoredMachine, io: LifecycleIo): VmPaths => vmPaths(io.storageDir, machine.id);

  /** Starts the stopped VM (or takes the running one) and waits for SSH and then its engine; a failure stops it again. */
  async function startVm(machine: StoredMachine, io: LifecycleIo, settings: VmSettings, privateKey: string): Promise<Accelerator | undefined> {
    const paths = pathsOf(machine, io);
    let pid = await runningPid(paths);
    let accel: Accelerator | undefined;
    let launched = false;
    try {
      if (pid === undefined) {
        await startProblems(paths, settings);
        io.progress('Starting the VM');
        await clearRunFiles({ paths });
        const started = await launchVm({ paths, cpus: settings.cpus, memoryMiB: settings.memoryMiB, sshPort: settings.sshPort, forwards: settings.forwards }, settings.accel, {
          progress: io.progress,
          probeMs: timings.kvmProbeMs,
          ...(io.signal && { signal: io.signal }),
        });
        launched = true;
        pid = started.pid;
        accel = started.accel;
      }
      await waitForVm({
        endpoint: vmEndpoint(settings.sshPort, settings.hostKey, privateKey),
        pid,
        consoleLog: paths.console,
        sshTimeoutMs: timings.sshMs,
        engineTimeoutMs: timings.engineMs,
        progress: io.progress,
        ...(io.signal && { signal: io.signal }),
      });
      return accel;
    } catch (error) {
      if (launched) await killVmProcess(paths).catch(() => undefined);
      throw error;
    }
  }

  return {
    async create(machine, io) {
      const paths = pathsOf(machine, io);
      const missing = await missingToolsProblem();
      if (missing) throw new Error(missing);
      const settings = vmSettings(machine);
      await fs.mkdir(path.dirname(paths.dir), { recursive: true, mode: 0o700 });
      try {
        await fs.mkdir(paths.dir, { mode: 0o700 });
      } catch (error) {
        throw (error as NodeJS.ErrnoException).code === 'EEXIST' ? new Error(`A VM folder for this machine exists already (${paths.dir})`) : error;
      }
      try {
        io.progress('Making the SSH keys');
        const login = utils.generateKeyPairSync('ed25519', { comment: `docker-hosts ${machine.name}` });
        const host = utils.generateKeyPairSync('ed25519');
        const hostKey = publicKeyOnly(host.public);
        await io.secrets.store(SSH_KEY_SECRET, login.private);
        io.signal?.throwIfAborted();
        const base = await ensureBaseImage(settings.baseImage, io.storageDir, settings.checksum, { progress: io.progress, ...(io.signal && { signal: io.signal }) });
        const space = await diskSpaceProblem(paths.dir, MIN_FREE_BYTES);
        if (space) throw new Error(space);
        io.progress('Making the disk (an overlay on the base image)');
        await createOverlay(base, paths.disk, settings.diskGiB, io.signal);
        io.progress('Writing the cloud-init seed');
        await writeSeedIso(paths.seed, { instanceId: machine.id, hostname: hostnameFor(machine.name), userPublicKey: login.public, hostKey: { privateKey: host.private, publicKey: hostKey }, sshfs: settings.shares.length > 0 }, io.signal ? { signal: io.signal } : {});
        const sshPort = await freeLocalPort();
        const accel = await startVm(machine, io, { ...settings, sshPort, hostKey }, login.private);
        return recordedOptions(machine, { sshPort, hostKey, accelUsed: accel ?? 'tcg' });
      } catch (error) {
        await killVmProcess(paths).catch(() => undefined);
        await fs.rm(paths.dir, { recursive: true, force: true });
        await fs.rm(paths.qmpSocket, { force: true });
        await io.secrets.delete(SSH_KEY_SECRET).catch(() => undefined);
        throw error;
      }
    },

    async start(machine, io) {
      const privateKey = await io.secrets.get(SSH_KEY_SECRET);
      if (privateKey === undefined) throw new Error(missingKeyMessage(machine));
      await startVm(machine, io, vmSettings(machine), privateKey);
    },

    async stop(machine, io) {
      const paths = pathsOf(machine, io);
      const pid = await runningPid(paths);
      if (pid === undefined) return;
      io.progress('Shutting the VM down');
      // The ACPI power button, and the same asked over SSH (images without logind or acpid ignore
      // the button); either way the guest shuts down cleanly, Docker's data written out.
      const acpi = await withQmp(paths.qmpSocket, (qmp) => qmp.systemPowerdown(), { timeoutMs: 5_000 }).then(() => true, () => false);
      const settings = vmSettings(machine);
      const privateKey = await io.secrets.get(SSH_KEY_SECRET);
      const ssh = privateKey !== undefined && settings.sshPort > 0 && settings.hostKey !== ''
        ? await poweroffOverSsh(vmEndpoint(settings.sshPort, settings.hostKey, privateKey), Math.min(10_000, timings.stopMs), io.signal)
        : false;
      if ((acpi || ssh) && (await waitForExit(pid, timings.stopMs, io.signal))) {
        await clearRunFiles({ paths });
        return;
      }
      io.progress(acpi || ssh ? `The VM did not shut down within ${Math.round(timings.stopMs / 1000)} s; stopping it hard` : 'The VM answers neither QMP nor SSH; stopping it hard');
      await hardStop(paths, pid);
    },

    async kill(machine, io) {
      const paths = pathsOf(machine, io);
      await killVmProcess(paths);
      await clearRunFiles({ paths });
    },

    async status(machine, io): Promise<MachineRunState> {
      const paths = pathsOf(machine, io);
      const pid = await runningPid(paths);
      if (pid === undefined) {
        if (!(await exists(paths.disk))) throw new Error(diskGoneMessage(paths));
        return 'stopped';
      }
      const qemu = await withQmp(paths.qmpSocket, (qmp) => qmp.queryStatus(), { timeoutMs: 3_000 }).catch(() => undefined);
      if (!qemu) return 'unreachable';
      if (!qemu.running) return qemu.status === 'prelaunch' || qemu.status === 'inmigrate' ? 'starting' : 'unreachable';
      const settings = vmSettings(machine);
      const privateKey = await io.secrets.get(SSH_KEY_SECRET);
      if (privateKey !== undefined && (await engineAnswers(vmEndpoint(settings.sshPort, settings.hostKey, privateKey), timings.statusPingMs, io.signal))) {
        return 'running';
      }
      const since = await fs.stat(paths.pidFile).then((stat) => Date.now() - stat.mtimeMs, () => Infinity);
      return since < timings.startingMs ? 'starting' : 'unreachable';
    },

    async remove(machine, io) {
      const paths = pathsOf(machine, io);
      io.progress('Stopping the VM');
      await killVmProcess(paths);
      io.progress('Deleting the VM\'s disk');
      await fs.rm(paths.dir, { recursive: true, force: true });
      await fs.rm(paths.qmpSocket, { force: true });
      await io.secrets.delete(SSH_KEY_SECRET);
    },

    async attach(machine, io) {
      const settings = vmSettings(machine);
      const { shares } = settings;
      if (shares.length === 0) return undefined;
      const privateKey = await io.secrets.get(SSH_KEY_SECRET);
      if (privateKey === undefined) throw new Error(missingKeyMessage(machine));
      // Its own connection, so that the shares outlive the engine's (which reconnects on its own).
      const connection = new SshConnection(vmEndpoint(settings.sshPort, settings.hostKey, privateKey), { agentSocket: false, reconnectDelaysMs: [] });
      try {
        io.progress(`Sharing ${shares.map((share) => share.hostPath).join(', ')}`);
        const mounted = await mountFolderShares(connection, shares, io.signal);
        return { dispose: () => (mounted.dispose(), connection.dispose()) };
      } catch (error) {
        connection.dispose();
        throw error;
      }
    },

    removeWarning: (machine) =>
      `Removing ${machine.name} stops its VM and deletes its disk: every container, image and volume in it is lost. The base image stays for other VMs.`,
  };
}

/** Why the stopped VM cannot start, checked before QEMU runs: a missing disk or seed, a taken port. */
async function startProblems(paths: VmPaths, settings: VmSettings): Promise<void> {
  if (!(await exists(paths.disk))) throw new Error(diskGoneMessage(paths));
  if (!(await exists(paths.seed))) throw new Error(`The VM's cloud-init seed ${paths.seed} was deleted outside Docker Hosts; remove the machine and create it again`);
  if (settings.sshPort <= 0 || settings.hostKey === '') throw new Error('This machine has no SSH port or host key recorded (it was not made by create); remove it and create it again');
  for (const port of [settings.sshPort, ...settings.forwards.map((forward) => forward.host)]) {
    if (!(await localPortIsFree(port))) {
      throw new Error(`Local port ${port}, which this VM forwards${port === settings.sshPort ? ' to its SSH' : ''}, is in use by another program; stop that program and start the VM again`);
    }
  }
}

/** QMP quit (QEMU closes its disks cleanly), then SIGKILL if it is still there. */
async function hardStop(paths: VmPaths, pid: number): Promise<void> {
  await withQmp(paths.qmpSocket, (qmp) => qmp.quit(), { timeoutMs: 5_000 }).catch(() => undefined);
  if (!(await waitForExit(pid, 10_000))) {
    await killVmProcess(paths);
  }
  if (await isAlive(pid)) throw new Error(`QEMU (pid ${pid}) did not stop`);
  await clearRunFiles({ paths });
}

function diskGoneMessage(paths: VmPaths): string {
  return `The VM's disk ${paths.disk} is gone (deleted outside Docker Hosts); remove the machine and create it again`;
}

export function missingKeyMessage(machine: StoredMachine): string {
  return `${machine.name}'s SSH key is not in the editor's secret storage (another computer, or storage was cleared); the VM cannot be reached — remove it and create it again`;
}

/** The default lifecycle, as the driver uses it. */
export const qemuLifecycle = createQemuLifecycle();
