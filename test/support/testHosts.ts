// Where the tests find "host B", the second, independent Docker host that scripts/test-hosts.sh
// runs in network namespace dh-hostb. Paths follow scripts/lib.sh: $DOCKER_HOSTS_CACHE (or
// ~/.cache/docker-hosts) + /run/hostb.
import * as os from 'node:os';
import * as path from 'node:path';
import { projectScript, runCommand } from './hostScripts';

const CACHE_DIR = process.env.DOCKER_HOSTS_CACHE || path.join(os.homedir(), '.cache', 'docker-hosts');
const DIR = path.join(CACHE_DIR, 'run', 'hostb');
const TLS_DIR = path.join(DIR, 'tls');

/** The engine's unix socket; the same path is the remote socket at the far end of SSH to host B. */
const ENGINE_SOCKET = path.join(DIR, 'docker.sock');

export const HOSTB = {
  /** Host B's address inside the namespace; the engine and sshd listen here. */
  address: '10.77.0.2',
  /** The host's own end of the veth pair. */
  hostAddress: '10.77.0.1',
  dir: DIR,
  engine: {
    socketPath: ENGINE_SOCKET,
    /** Mutual TLS: the engine only answers clients with a certificate signed by tls.caPath. */
    tlsPort: 2376,
  },
  tls: {
    dir: TLS_DIR,
    /** The CA that signed the engine's and the client's certificates. */
    caPath: path.join(TLS_DIR, 'ca.pem'),
    /** Client certificate (extendedKeyUsage clientAuth) and its key. */
    certPath: path.join(TLS_DIR, 'cert.pem'),
    keyPath: path.join(TLS_DIR, 'key.pem'),
    /** The engine's certificate: subjectAltName IP:10.77.0.2, IP:127.0.0.1, DNS:hostb. */
    serverCertPath: path.join(TLS_DIR, 'server-cert.pem'),
    /** A CA unrelated to host B, for tests that must be refused. */
    wrongCaPath: path.join(TLS_DIR, 'wrong-ca.pem'),
  },
  ssh: {
    host: '10.77.0.2',
    port: 22,
    username: 'root',
    /** Ed25519 key without passphrase, authorised on host B. */
    privateKeyPath: path.join(DIR, 'id_ed25519'),
    /** The sshd's host public key (OpenSSH format), what a client pins. */
    hostKeyPath: path.join(DIR, 'ssh_host_ed25519_key.pub'),
    /** One known_hosts line for 10.77.0.2 with that key. */
    knownHostsPath: path.join(DIR, 'known_hosts'),
    /**
     * The engine socket at the far end of an SSH connection to host B. The sshd shares the
     * host's filesystem, so this is not /var/run/docker.sock (that one is the local engine's).
     */
    remoteSocketPath: ENGINE_SOCKET,
  },
} as const;

let checked: Promise<void> | undefined;

/**
 * Resolves when `scripts/test-hosts.sh status` says host B is up; otherwise rejects with what
 * the script printed and the command that brings it up. A success is remembered for the
 * process; a failure is asked again (three times, 5 s apart) so that one slow answer under load
 * does not fail every later test, and the next test asks afresh.
 */
export function ensureTestHosts(): Promise<void> {
  checked ??= askStatus().catch((error: unknown) => {
    checked = undefined;
    throw error;
  });
  return checked;
}

async function askStatus(): Promise<void> {
  let said = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 5_000));
    const result = await runCommand('bash', [projectScript('test-hosts.sh'), 'status'], 60_000).catch((error: unknown) => ({ code: -1, stdout: '', stderr: String(error) }));
    if (result.code === 0) return;
    said = `${result.stdout}${result.stderr}`.trim();
  }
  throw new Error(`the remote test hosts are not up; run "bash scripts/test-hosts.sh up" (as root) first.\n${said}`);
}
