// Where the tests find "host C", the plain Docker host that scripts/provision-host.sh runs for
// the generic driver: network namespace dh-hostc plus a mount and UTS namespace of its own, in
// which /etc/docker, /var/lib/docker, /var/log and /run (= /var/run) are host C's. Its dockerd
// listens only on its default unix socket and has no init system to restart it. Paths follow
// scripts/lib.sh: $DOCKER_HOSTS_CACHE (or ~/.cache/docker-hosts) + /run/hostc.
import { CommandResult, runCommand, runHostScript } from './hostScripts';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CACHE_DIR = process.env.DOCKER_HOSTS_CACHE || path.join(os.homedir(), '.cache', 'docker-hosts');
const DIR = path.join(CACHE_DIR, 'run', 'hostc');

export const HOSTC = {
  /** The address the tests know host C by; sshd listens on 0.0.0.0:22 in its namespace. */
  address: '10.78.0.2',
  /** A second address of the same machine (tests move the machine to it). */
  otherAddress: '10.78.0.3',
  /** Host C's host name (`hostname` over SSH, the Name in `docker info`). */
  hostName: 'hostc',
  dir: DIR,
  /** Host C's /etc/docker, as seen from this machine (read-only use, please). */
  etcDockerDir: path.join(DIR, 'root', 'etc-docker'),
  ssh: {
    port: 22,
    username: 'root',
    /** Ordinary logins with the same key: one may use sudo without a password, one may not. */
    sudoUser: 'dh-sudo',
    plainUser: 'dh-plain',
    /** Ed25519 key without passphrase, authorised for root, dh-sudo and dh-plain on host C. */
    privateKeyPath: path.join(DIR, 'id_ed25519'),
    /** known_hosts lines for 10.78.0.2, 10.78.0.3 and hostc, all with host C's sshd key. */
    knownHostsPath: path.join(DIR, 'known_hosts'),
  },
} as const;

/** Created if the shell ever runs the `$(touch ...)` in HOSTILE_LABEL; `reset` removes it. */
export const HOSTILE_MARKER = '/tmp/docker-hosts-hostc-label-ran';
/**
 * A label on host C's original dockerd (`--label` on its command line), full of shell syntax:
 * quotes, $(), backticks, a backslash, a newline. Must match scripts/provision-host.sh.
 */
export const HOSTILE_LABEL = `com.example.docker-hosts.note=it's "quoted" $(touch ${HOSTILE_MARKER}) \`touch ${HOSTILE_MARKER}\` \\ ;\nsecond line`;

/**
 * Puts host C back to pristine (its original dockerd, an /etc/docker without daemon.json or
 * docker-hosts/, no containers); brings it up if it is not. Rejects with the script's output.
 */
export function resetHostC(): Promise<void> {
  return runHostScript('provision-host.sh', 'reset', 120_000);
}

/**
 * Runs a command on host C (in its namespaces, as root, like a command over SSH would), e.g.
 * `['cat', '/var/run/docker.pid']` or `['docker', 'version']` (host C's engine).
 */
export function inHostC(command: string[]): Promise<CommandResult> {
  const env = { ...process.env };
  for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
    delete env[name];   // host C's docker CLI talks to host C's /var/run/docker.sock
  }
  const namespaces = ['--net=/run/netns/dh-hostc', `--mount=${path.join(DIR, 'ns', 'mnt')}`, `--uts=${path.join(DIR, 'ns', 'uts')}`];
  return runCommand('nsenter', [...namespaces, '--', ...command], 60_000, env);
}

/** The argv of the dockerd running in host C now (the one host C's /var/run/docker.pid names). */
export async function hostCDockerdCommandLine(): Promise<string[]> {
  const pidFile = await inHostC(['cat', '/var/run/docker.pid']);
  const pid = pidFile.stdout.trim();
  if (pidFile.code !== 0 || !/^\d+$/.test(pid)) {
    throw new Error(`no dockerd pid in host C's /var/run/docker.pid: ${pidFile.stderr.trim() || JSON.stringify(pidFile.stdout)}`);
  }
  // Host C has no pid namespace of its own: its processes are in this machine's /proc.
  const argv = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  if (argv.at(-1) === '') {
    argv.pop();
  }
  return argv;
}
