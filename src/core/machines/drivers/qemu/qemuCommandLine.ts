import { VmPaths } from './vmPaths';

export type Accelerator = 'kvm' | 'tcg';

/** A host port on 127.0.0.1 forwarded to a port of the VM. */
export interface PortForward {
  readonly host: number;
  readonly guest: number;
}

export interface VmLaunch {
  readonly accel: Accelerator;
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly paths: VmPaths;
  /** The host port forwarded to the VM's SSH (22). */
  readonly sshPort: number;
  readonly forwards: readonly PortForward[];
}

/**
 * QEMU's arguments for one VM: no display and no default devices; the serial console to a file;
 * QMP on a unix socket; the overlay disk and the NoCloud seed as virtio drives; user-mode
 * networking (no root) with SSH and the user's ports forwarded on 127.0.0.1 only; a pidfile; and
 * -daemonize, so QEMU outlives the editor and its parent returns once the VM is set up (or with
 * QEMU's error, such as KVM failing).
 */
export function qemuArguments(launch: VmLaunch): string[] {
  const { paths } = launch;
  const forwards = [{ host: launch.sshPort, guest: 22 }, ...launch.forwards]
    .map((forward) => `hostfwd=tcp:127.0.0.1:${forward.host}-:${forward.guest}`)
    .join(',');
  return [
    '-name', 'docker-hosts',
    '-machine', 'q35',
    '-accel', launch.accel,
    // KVM: the host's CPU. TCG: every feature QEMU can emulate.
    '-cpu', launch.accel === 'kvm' ? 'host' : 'max',
    '-smp', String(launch.cpus),
    '-m', String(launch.memoryMiB),
    '-nodefaults',
    '-display', 'none',
    '-serial', `file:${paths.console}`,
    '-qmp', `unix:${paths.qmpSocket},server=on,wait=off`,
    '-drive', `file=${paths.disk},if=virtio,format=qcow2,discard=unmap`,
    '-drive', `file=${paths.seed},if=virtio,format=raw,readonly=on`,
    '-netdev', `user,id=n0,${forwards}`,
    '-device', 'virtio-net-pci,netdev=n0',
    // Entropy for the guest's early boot (sshd, cloud-init), which is slow to gather under TCG.
    '-device', 'virtio-rng-pci',
    '-pidfile', paths.pidFile,
    '-daemonize',
  ];
}

/**
 * Forwarded ports as typed: "8080:80, 5432" (host:guest, or one port for both), separated by
 * commas or spaces. Throws with a message naming the entry that is wrong.
 */
export function parsePortForwards(text: string): PortForward[] {
  const forwards = text.split(/[\s,]+/).filter((entry) => entry !== '').map((entry) => {
    const match = /^(\d{1,5})(?::(\d{1,5}))?$/.exec(entry);
    const host = Number(match?.[1]);
    const guest = Number(match?.[2] ?? match?.[1]);
    if (!match || !validPort(host) || !validPort(guest)) {
      throw new Error(`"${entry}" is not a port or host:guest pair of ports (1-65535), e.g. 8080:80`);
    }
    return { host, guest };
  });
  const hosts = forwards.map((forward) => forward.host);
  const repeated = hosts.find((host, index) => hosts.indexOf(host) !== index);
  if (repeated !== undefined) {
    throw new Error(`Host port ${repeated} is forwarded twice`);
  }
  return forwards;
}

/** The validator form of parsePortForwards. */
export function portForwardsProblem(text: string): string | undefined {
  try {
    parsePortForwards(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}
