// Real OpenSSH servers for the SSH tests: each instance is a private `sshd -D` on a loopback port
// with its own host key, authorized_keys, config and log in a temporary folder, stopped (and
// the folder removed) by `stop()`. Also real client keys, a real ssh-agent and, for password
// logins, a temporary system user. Nothing here touches ~/.ssh or the sshd of scripts/setup.sh.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const SSHD = '/usr/sbin/sshd';

export interface SshdOptions {
  /** AllowStreamLocalForwarding (default yes); "no" makes clients fall back to dial-stdio. */
  readonly allowStreamLocal?: boolean;
  readonly passwordAuthentication?: boolean;
  /** Host key type: ed25519 (default), ecdsa or rsa. */
  readonly hostKeyType?: 'ed25519' | 'ecdsa' | 'rsa';
  /** VERBOSE by default; DEBUG1 also logs each forwarding channel. */
  readonly logLevel?: 'VERBOSE' | 'DEBUG1';
}

export interface ClientKey {
  readonly privatePath: string;
  readonly publicPath: string;
  /** The authorized_keys / public key line. */
  readonly publicLine: string;
}

export function sshdAvailable(): boolean {
  return existsSync(SSHD) && process.getuid?.() === 0;
}

export class TestSshd {
  private child: ChildProcess | undefined;

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly hostKeyFile: string,
    readonly logFile: string,
    private readonly configFile: string,
  ) {}

  static async start(options: SshdOptions = {}): Promise<TestSshd> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-sshd-'));
    mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory
    const type = options.hostKeyType ?? 'ed25519';
    const hostKeyFile = path.join(dir, `host_${type}`);
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', hostKeyFile, '-C', 'dh-test-host']);
    writeFileSync(path.join(dir, 'authorized_keys'), '', { mode: 0o600 });
    const port = await freePort();
    const logFile = path.join(dir, 'sshd.log');
    const config = [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyFile}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      `PasswordAuthentication ${options.passwordAuthentication ? 'yes' : 'no'}`,
      'KbdInteractiveAuthentication no',
      `AllowStreamLocalForwarding ${options.allowStreamLocal === false ? 'no' : 'yes'}`,
      'AllowTcpForwarding yes',
      `LogLevel ${options.logLevel ?? 'VERBOSE'}`,
      // bash then counts itself nested and skips root's ~/.bashrc (this machine's runs pyenv init, whose
      // rehash lock, left by a session killed mid-way, made every later login wait 60 s).
      'SetEnv SHLVL=1',
      '',
    ].join('\n');
    const configFile = path.join(dir, 'sshd_config');
    writeFileSync(configFile, config);
    const sshd = new TestSshd(dir, port, hostKeyFile, logFile, configFile);
    await sshd.launch();
    return sshd;
  }

  /** Stops the server (dropping every connection) and starts it again on the same port and key. */
  async restart(): Promise<void> {
    await this.halt();
    await this.launch();
  }

  /** Stops listening; `restart()` brings it back. */
  async halt(): Promise<void> {
    this.killConnections();
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }

  private async launch(): Promise<void> {
    const before = (this.log().match(/Server listening on/g) ?? []).length;
    const child = spawn(SSHD, ['-D', '-f', this.configFile, '-E', this.logFile], { stdio: 'ignore' });
    child.on('error', () => undefined);
    this.child = child;
    await waitFor(`sshd on port ${this.port}`, 10_000, () => (this.log().match(/Server listening on/g) ?? []).length > before);
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  /** `[127.0.0.1]:port`, the name clients record this server under. */
  get knownHostsName(): string {
    return `[127.0.0.1]:${this.port}`;
  }

  /** The host's public key line (`type base64 comment`). */
  get hostPublicKey(): string {
    return readFileSync(`${this.hostKeyFile}.pub`, 'utf8').trim();
  }

  /** A known_hosts line for this server, plain. */
  knownHostsLine(): string {
    const [type, base64] = this.hostPublicKey.split(/\s+/);
    return `${this.knownHostsName} ${type} ${base64}`;
  }

  /** The fingerprint as OpenSSH's own `ssh-keygen -lf` prints it. */
  fingerprint(): string {
    return execFileSync('ssh-keygen', ['-lf', `${this.hostKeyFile}.pub`], { encoding: 'utf8' }).split(/\s+/)[1] ?? '';
  }

  authorize(key: ClientKey): void {
    appendFileSync(path.join(this.dir, 'authorized_keys'), `${key.publicLine}\n`);
  }

  log(): string {
    return readLog(this.logFile);
  }

  /** Successful logins so far ("Accepted publickey/password for …"). */
  acceptedLogins(): number {
    return (this.log().match(/^.*Accepted \S+ for /gm) ?? []).length;
  }

  /** The per-connection processes: children of the listener (each one connection's monitor). */
  connectionPids(): number[] {
    return childrenOf(this.pid);
  }

  /** Kills every connection's processes (monitor and its unprivileged child) with SIGKILL. */
  killConnections(): number {
    const roots = this.connectionPids();
    for (const pid of roots.flatMap((root) => [...descendantsOf(root), root])) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    return roots.length;
  }

  async stop(): Promise<void> {
    await this.halt();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A new key pair in `dir`, optionally with a passphrase. */
export function makeClientKey(dir: string, name: string, passphrase = '', type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519'): ClientKey {
  const privatePath = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-f', privatePath, '-C', `dh-test-${name}`]);
  return { privatePath, publicPath: `${privatePath}.pub`, publicLine: readFileSync(`${privatePath}.pub`, 'utf8').trim() };
}

/** A real ssh-agent on a private socket, with keys added by the real ssh-add. */
export class TestAgent {
  private constructor(readonly socket: string, private readonly child: ChildProcess) {}

  static async start(dir: string): Promise<TestAgent> {
    const socket = path.join(dir, 'agent.sock');
    const child = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    child.on('error', () => undefined);
    await waitFor('ssh-agent socket', 5_000, () => existsSync(socket));
    return new TestAgent(socket, child);
  }

  add(key: ClientKey): void {
    execFileSync('ssh-add', [key.privatePath], { env: { ...process.env, SSH_AUTH_SOCK: this.socket }, stdio: 'ignore' });
  }

  /** What `ssh-add -l` lists, to prove the key is in this agent. */
  list(): string {
    return execFileSync('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: this.socket }, encoding: 'utf8' });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
  }
}

/**
 * A throw-away system user with a random password (and in the docker group, so that it may use
 * the Engine socket), for password logins: sshd checks passwords against /etc/shadow.
 */
export class TestUser {
  private constructor(readonly name: string, readonly password: string) {}

  static create(): TestUser {
    const name = `dhssh${randomBytes(3).toString('hex')}`;
    const password = randomBytes(12).toString('base64url');
    const groups = hasGroup('docker') ? ['-G', 'docker'] : [];
    execFileSync('useradd', ['-M', '-s', '/bin/sh', ...groups, name]);
    execFileSync('chpasswd', { input: `${name}:${password}\n` });
    return new TestUser(name, password);
  }

  /** Removes the user; -f because sshd's process for a just-closed login may still run as it. */
  remove(): void {
    try {
      execFileSync('userdel', ['-f', this.name], { stdio: 'ignore' });
    } catch {
      // Gone already.
    }
  }
}

/** A temporary folder that `cleanup()` removes. */
export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, ms: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function hasGroup(name: string): boolean {
  return readFileSync('/etc/group', 'utf8').split('\n').some((line) => line.startsWith(`${name}:`));
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces; the ppid follows the state after ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((candidate) => parentOf(candidate) === pid);
}

function descendantsOf(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendantsOf(child)]);
}
