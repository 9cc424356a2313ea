import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The files of one VM, all in its own folder (the QMP socket may live in a short runtime folder, see below). */
export interface VmPaths {
  readonly dir: string;
  readonly disk: string;
  readonly seed: string;
  readonly console: string;
  readonly pidFile: string;
  readonly qmpSocket: string;
}

/** Unix socket paths longer than this do not fit sockaddr_un (108 bytes with the terminator, less on some systems). */
const MAX_SOCKET_PATH = 100;

/** Where VMs live under the driver's storage folder. */
export function vmsDir(storageDir: string): string {
  return path.join(storageDir, 'vms');
}

/**
 * The VM's files. The editor's global storage is deep (~/.config/Code/User/globalStorage/…), so
 * when `<dir>/qmp.sock` would be too long for a socket address it goes to a private runtime
 * folder instead, under a name derived from the VM folder: the same VM always finds it again.
 */
export function vmPaths(storageDir: string, machineId: string, runtimeDir = defaultRuntimeDir()): VmPaths {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(machineId)) {
    throw new Error(`"${machineId}" cannot name a VM folder`);
  }
  const dir = path.join(vmsDir(storageDir), machineId);
  const inside = path.join(dir, 'qmp.sock');
  const qmpSocket = Buffer.byteLength(inside) <= MAX_SOCKET_PATH
    ? inside
    : path.join(runtimeDir, `${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.qmp`);
  return {
    dir,
    disk: path.join(dir, 'disk.qcow2'),
    seed: path.join(dir, 'seed.iso'),
    console: path.join(dir, 'console.log'),
    pidFile: path.join(dir, 'qemu.pid'),
    qmpSocket,
  };
}

/** $XDG_RUNTIME_DIR/docker-hosts-qemu, else a per-user folder in the temporary directory. */
export function defaultRuntimeDir(): string {
  const runtime = process.env.XDG_RUNTIME_DIR;
  return runtime && path.isAbsolute(runtime) ? path.join(runtime, 'docker-hosts-qemu') : path.join(os.tmpdir(), `docker-hosts-qemu-${os.userInfo().uid}`);
}

/**
 * Makes the folder a socket goes in, only the user's: in a shared /tmp another user could have
 * made it first (then it is refused, not used).
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stat = await fs.lstat(dir);
  if (!stat.isDirectory() || stat.uid !== os.userInfo().uid || (stat.mode & 0o077) !== 0) {
    throw new Error(`${dir} is not a private folder of this user; remove it and try again`);
  }
}
