// Where the tests find "host D", the bare Debian machine that scripts/bare-host.sh runs for the
// generic driver: no Docker, no init system, a root filesystem of its own (Debian bookworm from
// debootstrap, unpacked into a tmpfs at every start) in its own network (dh-hostd), mount, pid,
// UTS and IPC namespaces. apt inside it reaches the Debian mirror through this machine's NAT, so
// a provisioner can really `apt-get install docker.io` there. Paths follow scripts/lib.sh:
// $DOCKER_HOSTS_CACHE (or ~/.cache/docker-hosts) + /run/hostd.
import { CommandResult, runCommand, runHostScript } from './hostScripts';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CACHE_DIR = process.env.DOCKER_HOSTS_CACHE || path.join(os.homedir(), '.cache', 'docker-hosts');
const DIR = path.join(CACHE_DIR, 'run', 'hostd');

export const HOSTD = {
  /** Host D's address; its sshd listens on 0.0.0.0:22 in its namespace. */
  address: '10.79.0.2',
  /** Host D's host name (`hostname` over SSH, the Name in `docker info` once Docker runs). */
  hostName: 'hostd',
  dir: DIR,
  /**
   * Host D's / as seen from this machine, to read its files (read-only use, please): a symbolic
   * link to /proc/<host D's pid 1>/root, so it dangles while host D is down and each reset points
   * it at the new instance (resolve paths through it at the time of reading).
   */
  rootfs: path.join(DIR, 'rootfs'),
  ssh: {
    port: 22,
    username: 'root',
    /** Ed25519 key without passphrase, authorised for root on host D (the only login). */
    privateKeyPath: path.join(DIR, 'id_ed25519'),
    /** known_hosts lines for 10.79.0.2 and hostd, with host D's sshd key (the same after a reset). */
    knownHostsPath: path.join(DIR, 'known_hosts'),
  },
} as const;

/**
 * The /etc/docker/daemon.json host D's admin wrote before there was any Docker (its whole
 * content, one line): provisioning must keep these settings. Must match scripts/bare-host.sh.
 */
export const HOSTD_DAEMON_JSON = '{"bridge": "none", "iptables": false, "ip-forward": false, "storage-driver": "vfs"}\n';

/**
 * Puts host D back to pristine: every process of it killed (a dockerd a test started too), a
 * fresh root filesystem without Docker and with the pre-seeded daemon.json, a fresh network
 * namespace, sshd running; brings it up if it is not (which builds the root filesystem with
 * debootstrap the very first time: minutes). Open SSH connections to host D are cut. Takes a
 * second or two. Rejects with the script's output.
 */
export function resetHostD(): Promise<void> {
  return runHostScript('bare-host.sh', 'reset', 900_000);
}

/**
 * Runs a command in host D as root, in its namespaces and on its root filesystem (like a command
 * over SSH, without the SSH), with a plain environment, e.g. `['cat', '/etc/docker/daemon.json']`
 * or `['sh', '-c', 'command -v dockerd']`. Rejects when host D is not running.
 */
export async function inHostD(command: string[]): Promise<CommandResult> {
  let pid: string;
  try {
    pid = (await fs.readFile(path.join(DIR, 'init.pid'), 'utf8')).trim();
  } catch (error) {
    throw new Error(`host D is not running (no ${path.join(DIR, 'init.pid')}): ${String(error)}`);
  }
  if (!/^\d+$/.test(pid)) {
    throw new Error(`host D's init.pid holds no pid: ${JSON.stringify(pid)}`);
  }
  // Host D's pid 1 (this machine's pid in init.pid) is in all of its namespaces; nsenter forks to
  // enter its pid namespace, and entering its mount namespace makes host D's root filesystem /.
  const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', LANG: 'C.UTF-8' };
  return runCommand('nsenter', ['-t', pid, '--mount', '--uts', '--ipc', '--net', '--pid', '--', ...command], 120_000, env);
}
