import { isIPv6 } from 'node:net';
import { EngineEndpoint } from '../engine/endpoint';
import { StoredMachine } from './machineStore';
import { TlsAuthority } from '../provision/certificates';

/** What a driver can do to its machine besides reaching the engine (modelled on libmachine). */
export type MachineOperation = 'start' | 'stop' | 'restart' | 'kill' | 'ssh';

export type FieldValue = string | number | boolean;

/** One create-flag: shown as a wizard step, validated as the user types. */
export interface DriverField {
  readonly key: string;
  readonly label: string;
  readonly description: string;
  readonly type: 'string' | 'number' | 'boolean' | 'file';
  readonly default?: FieldValue;
  readonly required?: boolean;
  /** Only asked when this returns true for the values given so far. */
  readonly when?: (values: Readonly<Record<string, FieldValue>>) => boolean;
  /** A message for a value that cannot work, or undefined when it is fine. */
  readonly validate?: (value: string) => string | undefined;
}

export interface SshDetails {
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  readonly identityFile?: string;
}

export interface DriverContext {
  /** Turns a stored path (possibly `store:…`) into a usable one. */
  resolvePath(value: string): string;
  /** This computer's CA and client certificate for provisioned machines, once loaded from secret storage. */
  tlsAuthority?(): TlsAuthority | undefined;
  /** A machine's own secret (a VM's SSH key, say), once loaded from secret storage. */
  machineSecret?(machineId: string, key: string): string | undefined;
}

/** Where a machine with a life of its own is, as its driver sees it. */
export type MachineRunState = 'stopped' | 'starting' | 'running' | 'unreachable';

/** What lifecycle steps are given: cancellation, progress, the machine's secrets and a folder of the driver's own. */
export interface LifecycleIo {
  readonly signal?: AbortSignal;
  progress(message: string): void;
  /** The editor's secret storage, under keys of this machine only. */
  readonly secrets: {
    get(key: string): Promise<string | undefined>;
    store(key: string, value: string): Promise<void>;
    delete(key: string): Promise<void>;
  };
  /** A folder the driver may keep files in (the extension's global storage, per driver). */
  readonly storageDir: string;
}

/**
 * For drivers whose machine the extension runs itself (a local VM): the steps Docker Machine's
 * create, start, stop, kill, status and rm took. Drivers without it keep to their SSH service
 * command (generic, ssh) or to nothing (local, tcp).
 */
export interface MachineLifecycle {
  /** Makes the machine from the wizard's options and returns the options to store; undoes what it made when it fails or is cancelled. */
  create(machine: StoredMachine, io: LifecycleIo): Promise<Record<string, FieldValue>>;
  start(machine: StoredMachine, io: LifecycleIo): Promise<void>;
  /** A clean shutdown, then a hard stop after a timeout. */
  stop(machine: StoredMachine, io: LifecycleIo): Promise<void>;
  kill(machine: StoredMachine, io: LifecycleIo): Promise<void>;
  status(machine: StoredMachine, io: LifecycleIo): Promise<MachineRunState>;
  /** Deletes what the machine is made of (its disk); the catalog entry is the caller's. */
  remove(machine: StoredMachine, io: LifecycleIo): Promise<void>;
  /** What Remove says before it deletes anything. */
  removeWarning(machine: StoredMachine): string;
  /**
   * Work kept beside the running machine while this window has it (a local VM's folder shares):
   * made after create or start, or when a running machine is found again; disposed before stop,
   * kill or remove, and when the window closes. Undefined when there is nothing to keep.
   */
  attach?(machine: StoredMachine, io: LifecycleIo): Promise<{ dispose(): void } | undefined>;
}

export interface Driver {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly fields: readonly DriverField[];
  /** Operations it supports; the UI offers only these (menus use when-clauses on them). */
  readonly operations: ReadonlySet<MachineOperation>;
  endpoint(machine: StoredMachine, context: DriverContext): EngineEndpoint;
  /** The machine's address without the scheme, where it has one (`docker-machine ip`). */
  ip(machine: StoredMachine): string | undefined;
  sshDetails(machine: StoredMachine): SshDetails | undefined;
  /** The shell command that starts, stops or restarts Docker on the host, for drivers with an SSH side. */
  serviceCommand?(machine: StoredMachine, action: 'start' | 'stop' | 'restart'): string;
  /** How the docker CLI should reach the engine when `endpoint` cannot be put in its environment. */
  cliEndpoint?(machine: StoredMachine, context: DriverContext): EngineEndpoint;
  /** Facts worth showing in the machine's tooltip (certificate expiry, say). */
  remarks?(machine: StoredMachine, now: Date): string[];
  /** True when creating a machine means setting up its host (provisioning), not only connecting. */
  readonly provisions?: boolean;
  /** Checks of options that are not wizard fields (what provisioning recorded, say): one message per problem. */
  validateOptions?(options: Readonly<Record<string, FieldValue>>): string[];
  /** Why a machine of this driver cannot be exported to a file for another computer, when it cannot. */
  exportRefusal?(machine: StoredMachine): string | undefined;
  /** What the user trusts by adding this machine (TLS off, a host that runs commands), said before an import. */
  trustNotes?(options: Readonly<Record<string, FieldValue>>): string[];
  /** Present when the extension runs the machine itself (create, start, stop, kill, status, remove). */
  readonly lifecycle?: MachineLifecycle;
  /** Problems that make creating the machine pointless, checked before anything is saved. */
  preCreateCheck(options: Readonly<Record<string, FieldValue>>, context: DriverContext): Promise<string[]>;
}

/** Validators shared by drivers. */
export const validators = {
  port: (value: string): string | undefined =>
    /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : 'A port is a number from 1 to 65535',
  host: hostProblem,
  /** A login name: nothing ssh could read as an option or a second destination. */
  user: (value: string): string | undefined =>
    value.startsWith('-') ? 'A user name cannot start with "-"' : /[\s\p{Cc}@]/u.test(value) ? 'A user name has no spaces, control characters or "@"' : undefined,
  absolutePath: (value: string): string | undefined => (value === '' || value.startsWith('/') ? undefined : 'Enter an absolute path'),
};

/**
 * A host name, address or ~/.ssh/config alias, refusing what ssh or a URL would read as something
 * else: a leading "-" (an option), ",", "*", "?" and "[" (patterns and lists in ssh_config), spaces
 * and slashes. IPv6 addresses are written bare (`fe80::1`), as the machine model keeps them;
 * brackets are added where a URL needs them.
 */
function hostProblem(value: string): string | undefined {
  if (value.trim() === '') {
    return 'Enter a host name or address';
  }
  if (value.startsWith('-')) {
    return 'A host cannot start with "-"';
  }
  if (/[\s\p{Cc}/\\]/u.test(value)) {
    return 'A host has no spaces, slashes or control characters';
  }
  if (/[,*?[\]]/.test(value)) {
    return value.startsWith('[') ? 'Write an IPv6 address without brackets' : 'A host has no ",", "*", "?" or brackets';
  }
  if (value.includes(':') && !isIPv6(value)) {
    return 'Only an IPv6 address contains ":" (the port is a field of its own)';
  }
  return undefined;
}

/** Reads a field's value with its default, typed. */
export function option<T extends FieldValue>(machine: StoredMachine, key: string, fallback: T): T {
  const value = machine.options[key];
  return (value === undefined || value === '' ? fallback : value) as T;
}
