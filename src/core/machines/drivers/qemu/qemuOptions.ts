import { FieldValue, option } from '../../driver';
import { StoredMachine } from '../../machineStore';
import { Accelerator, parsePortForwards, PortForward } from './qemuCommandLine';
import { FolderShare, parseFolderShares } from './vmShares';

/** Debian 12's generic cloud image (amd64); Debian publishes SHA512SUMS beside it. */
export const DEFAULT_BASE_IMAGE = 'https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2';

/** Option keys: the wizard's fields, then what create records. */
export const QEMU_OPTION = {
  cpus: 'cpus',
  memory: 'memory',
  diskSize: 'diskSize',
  baseImage: 'baseImage',
  checksum: 'baseImageChecksum',
  forwardedPorts: 'forwardedPorts',
  /** `host[:guest]` folders, comma separated, mounted in the VM while this window has it. */
  folderShares: 'folderShares',
  /** 'auto' (KVM when it works, else TCG), 'kvm' or 'tcg'. */
  accel: 'accel',
  /** Recorded by create: the local port forwarded to the VM's SSH. */
  sshPort: 'sshPort',
  /** Recorded by create: the VM's SSH host key ("ssh-ed25519 AAAA…"), pinned. */
  hostKey: 'hostKey',
  /** Recorded by create: the accelerator the first boot used. */
  accelUsed: 'accelUsed',
} as const;

export const DEFAULTS = { cpus: 2, memory: 2048, diskSize: 20 } as const;

/** The machine's secret-storage key holding its SSH login key. */
export const SSH_KEY_SECRET = 'sshKey';

export type AccelChoice = 'auto' | Accelerator;

/** One VM's settings, read from its stored options with their defaults. */
export interface VmSettings {
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly baseImage: string;
  readonly checksum: string;
  readonly forwards: readonly PortForward[];
  readonly shares: readonly FolderShare[];
  readonly accel: AccelChoice;
  readonly sshPort: number;
  readonly hostKey: string;
}

export function vmSettings(machine: StoredMachine): VmSettings {
  const accel = String(option(machine, QEMU_OPTION.accel, 'auto'));
  return {
    cpus: Number(option(machine, QEMU_OPTION.cpus, DEFAULTS.cpus)),
    memoryMiB: Number(option(machine, QEMU_OPTION.memory, DEFAULTS.memory)),
    diskGiB: Number(option(machine, QEMU_OPTION.diskSize, DEFAULTS.diskSize)),
    baseImage: String(option(machine, QEMU_OPTION.baseImage, DEFAULT_BASE_IMAGE)),
    checksum: String(option(machine, QEMU_OPTION.checksum, '')),
    forwards: parsePortForwards(String(option(machine, QEMU_OPTION.forwardedPorts, ''))),
    shares: parseFolderShares(String(option(machine, QEMU_OPTION.folderShares, ''))),
    accel: accel === 'kvm' || accel === 'tcg' ? accel : 'auto',
    sshPort: Number(option(machine, QEMU_OPTION.sshPort, 0)),
    hostKey: String(option(machine, QEMU_OPTION.hostKey, '')),
  };
}

/** A whole number in [min, max], or a message. */
export function integerProblem(value: string, min: number, max: number, unit: string): string | undefined {
  return /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max ? undefined : `Enter a whole number of ${unit} from ${min} to ${max}`;
}

/** An https URL or an absolute file path. */
export function baseImageProblem(value: string): string | undefined {
  if (value.trim() === '') return undefined; // the default
  if (value.startsWith('/')) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' ? undefined : 'Give an https:// URL (checked against a checksum) or an absolute path to a local image';
  } catch {
    return 'Give an https:// URL or an absolute path to a local image';
  }
}

/** The options create stores: what the user gave (defaults filled in), and what it recorded. */
export function recordedOptions(machine: StoredMachine, recorded: { sshPort: number; hostKey: string; accelUsed: Accelerator }): Record<string, FieldValue> {
  return { ...machine.options, [QEMU_OPTION.sshPort]: recorded.sshPort, [QEMU_OPTION.hostKey]: recorded.hostKey, [QEMU_OPTION.accelUsed]: recorded.accelUsed };
}
