// Folder shares of a local VM, as Lima's "reverse sshfs" made them: the guest's sshfs runs in
// slave mode over an SSH channel of the driver's own connection, and this computer's OpenSSH
// sftp-server answers it. Nothing listens on a port, and the guest sees only the shared folder's
// tree. (virtiofs needs a virtiofsd that Debian 12 does not package, and Debian's cloud kernel has
// no 9p.) A share lives as long as the channel: while the window that mounted it keeps the VM.
import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ClientChannel } from 'ssh2';
import { SshConnection } from '../../../ssh/sshConnection';
import { shellQuote } from '../../../util/shellQuote';
import { findTool } from './hostTools';

export interface FolderShare {
  /** A folder on this computer (absolute). */
  readonly hostPath: string;
  /** Where it appears in the VM (absolute). */
  readonly guestPath: string;
}

/** Where Debian, Ubuntu, Fedora and Arch install OpenSSH's sftp-server. */
const SFTP_SERVER_PLACES = ['/usr/lib/openssh/sftp-server', '/usr/lib/sftp-server', '/usr/libexec/openssh/sftp-server', '/usr/libexec/sftp-server', '/usr/lib/ssh/sftp-server'];
/** Guest folders a share may not cover: the system would stop working. */
const GUEST_SYSTEM_FOLDERS = ['/', '/bin', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/root', '/run', '/sbin', '/sys', '/usr', '/var', '/var/lib', '/var/lib/docker', '/home'];
const MOUNT_WAIT_MS = 15_000;

/** `host[:guest]` entries separated by commas; the guest path defaults to the host's. */
export function parseFolderShares(text: string): FolderShare[] {
  return text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '').map((entry) => {
    const [hostPath = '', guestPath] = entry.split(':');
    return { hostPath: hostPath.trim(), guestPath: (guestPath ?? hostPath).trim() };
  });
}

/** What is wrong with the shares as typed, or undefined. */
export function folderSharesProblem(text: string): string | undefined {
  for (const entry of text.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    if (entry.split(':').length > 2) return `"${entry}": give host-folder:vm-folder (a colon in a path is not supported)`;
  }
  const shares = parseFolderShares(text);
  const guests = new Set<string>();
  for (const share of shares) {
    for (const [which, folder] of [['folder on this computer', share.hostPath], ['folder in the VM', share.guestPath]] as const) {
      if (!path.posix.isAbsolute(folder)) return `"${folder}": the ${which} must be an absolute path`;
      if (/[\0-\x1f\x7f]/.test(folder)) return `"${folder}": the ${which} has a control character`;
    }
    const guest = path.posix.normalize(share.guestPath).replace(/(.)\/$/, '$1');
    if (GUEST_SYSTEM_FOLDERS.includes(guest)) return `"${share.guestPath}": a share cannot cover the VM's ${guest} (pick a folder of its own, e.g. /mnt/share)`;
    if (guests.has(guest)) return `"${share.guestPath}" is shared twice`;
    guests.add(guest);
  }
  return undefined;
}

export async function sftpServerPath(): Promise<string> {
  for (const place of SFTP_SERVER_PLACES) {
    if (await findTool(path.basename(place), path.dirname(place))) return place;
  }
  throw new Error('Folder shares need OpenSSH\'s sftp-server on this computer (Debian or Ubuntu: sudo apt-get install openssh-sftp-server)');
}

/** Mounted shares; dispose ends them (the guest's mounts go with their channels). */
export interface MountedShares {
  readonly shares: readonly FolderShare[];
  dispose(): void;
}

/**
 * Mounts every share in the VM over `connection` (logged in as the driver's sudo user). A share
 * that fails undoes the ones made before it and throws with sshfs's own words.
 */
export async function mountFolderShares(connection: SshConnection, shares: readonly FolderShare[], signal?: AbortSignal): Promise<MountedShares> {
  const sftpServer = await sftpServerPath();
  for (const share of shares) {
    if (!(await fs.stat(share.hostPath).then((stat) => stat.isDirectory(), () => false))) throw new Error(`Sharing ${share.hostPath}: there is no such folder on this computer`);
  }
  const mounted: (() => void)[] = [];
  const dispose = (): void => mounted.splice(0).forEach((end) => end());
  try {
    for (const share of shares) mounted.push(await mountOne(connection, share, sftpServer, signal));
  } catch (error) {
    dispose();
    throw error;
  }
  return { shares, dispose };
}

async function mountOne(connection: SshConnection, share: FolderShare, sftpServer: string, signal?: AbortSignal): Promise<() => void> {
  const guest = shellQuote(share.guestPath);
  // The first boot may still be installing sshfs (an image with Docker answers before cloud-init
  // is done); a mount left by an earlier window (its channel gone) is lazily detached first.
  const prepared = await connection.exec(`{ ! command -v cloud-init >/dev/null || timeout 600 cloud-init status --wait >/dev/null 2>&1; }; command -v sshfs >/dev/null || { echo 'sshfs is not installed in the VM (apt-get install sshfs)' >&2; exit 3; }; sudo -n umount -l ${guest} 2>/dev/null; sudo -n mkdir -p ${guest}`, signal);
  if (prepared.code !== 0) throw new Error(`Sharing ${share.hostPath}: ${prepared.stderr.trim() || `preparing ${share.guestPath} failed (exit ${prepared.code})`}`);
  const channel = await connection.execChannel(`sudo -n sshfs -f -o slave,allow_other,idmap=none ${shellQuote(`:${share.hostPath}`)} ${guest}`, signal);
  const server = spawn(sftpServer, ['-e', '-l', 'ERROR', '-d', share.hostPath], { stdio: ['pipe', 'pipe', 'pipe'] });
  let said = '';
  const keep = (chunk: Buffer): void => {
    said = `${said}${chunk.toString('utf8')}`.slice(-2000);
  };
  channel.stderr.on('data', keep);
  server.stderr?.on('data', keep);
  channel.pipe(server.stdin!).on('error', () => undefined);
  server.stdout!.pipe(channel).on('error', () => undefined);
  const end = (): void => endShare(channel, server);
  server.once('error', (error) => {
    keep(Buffer.from(error.message));
    end();
  });
  server.once('exit', () => channel.close());
  channel.once('close', () => server.kill());
  try {
    await waitForMount(connection, share, channel, () => said, signal);
  } catch (error) {
    end();
    throw error;
  }
  return end;
}

function endShare(channel: ClientChannel, server: ChildProcess): void {
  channel.close();
  if (server.exitCode === null) server.kill();
}

/** Until the guest shows the folder mounted; fails when sshfs ended first, or after a bound. */
async function waitForMount(connection: SshConnection, share: FolderShare, channel: ClientChannel, said: () => string, signal?: AbortSignal): Promise<void> {
  let closed = false;
  channel.once('close', () => (closed = true));
  const deadline = Date.now() + MOUNT_WAIT_MS;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (closed) break;
    const check = await connection.exec(`mountpoint -q ${shellQuote(share.guestPath)}`, signal);
    if (check.code === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const words = said().trim().split('\n').slice(-3).join(' ');
  throw new Error(`Sharing ${share.hostPath} at ${share.guestPath} in the VM failed${words !== '' ? `: ${words}` : closed ? ' (sshfs ended)' : ` (not mounted within ${MOUNT_WAIT_MS / 1000} s)`}`);
}
