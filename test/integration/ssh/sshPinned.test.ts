// A machine whose both ends the driver made (a local VM): its key held in memory, its host key
// pinned. Against a real sshd: it logs in with nothing from known_hosts, ~/.ssh/config or an
// agent, refuses any other host key without asking, and writes no known_hosts entry.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { promisify } from 'node:util';
import { EngineSocketForward } from '../../../src/core/ssh/engineSocketForward';
import { SshConnection } from '../../../src/core/ssh/sshConnection';
import { SshError } from '../../../src/core/ssh/sshErrors';
import { makeClientKey, sshdAvailable, tempDir, TestSshd } from '../../support/sshd';
import { recordingInteraction, testSettings } from '../../support/sshTestbed';

describe('SSH with an in-memory key and a pinned host key, against a real sshd', function () {
  this.timeout(30_000);
  let sshd: TestSshd;
  let temp: ReturnType<typeof tempDir>;
  const connections: SshConnection[] = [];

  before(async function () {
    if (!sshdAvailable()) {
      this.skip();
    }
    sshd = await TestSshd.start();
  });
  beforeEach(() => {
    temp = tempDir('dh-ssh-pinned-');
  });
  afterEach(() => {
    connections.splice(0).forEach((c) => c.dispose());
    temp.cleanup();
  });
  after(async () => sshd?.stop());

  function connect(pinned: string[], privateKey: string, settingsExtra = {}): { connection: SshConnection; interaction: ReturnType<typeof recordingInteraction> } {
    const interaction = recordingInteraction({ trust: true });
    const connection = new SshConnection({ host: '127.0.0.1', port: sshd.port, user: 'root', privateKey, pinnedHostKeys: pinned }, testSettings(temp.dir, interaction, settingsExtra));
    connections.push(connection);
    return { connection, interaction };
  }

  it('logs in with the key from memory when the host presents the pinned key, asks nothing and records nothing', async () => {
    const key = makeClientKey(temp.dir, 'vm');
    sshd.authorize(key);
    const privateKey = readFileSync(key.privatePath, 'utf8');
    // A config whose Host * would send the connection elsewhere: a pinned machine does not read it.
    const config = path.join(temp.dir, 'config');
    writeFileSync(config, 'Host *\n  Port 1\n  User nobody\n  ProxyJump 127.0.0.1:1\n');
    const { connection, interaction } = connect([sshd.hostPublicKey], privateKey, { configFiles: [config] });
    const result = await connection.exec('echo pinned-ok');
    assert.equal(result.stdout.trim(), 'pinned-ok');
    assert.equal(interaction.hostKeys.length, 0, 'no question about the host key');
    assert.ok(!existsSync(path.join(temp.dir, 'known_hosts')), 'known_hosts left alone');
  });

  it('refuses a host that presents any other key, without asking, saying it is not the key made for the machine', async () => {
    const key = makeClientKey(temp.dir, 'vm');
    sshd.authorize(key);
    const other = makeClientKey(temp.dir, 'other-host');
    const { connection, interaction } = connect([other.publicLine], readFileSync(key.privatePath, 'utf8'));
    const error = await connection.connect().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SshError, String(error));
    assert.equal(error.failure, 'host-key-changed');
    assert.match(error.message, /not the host key made for this machine/);
    assert.equal(interaction.hostKeys.length, 0);
  });

  it('says the login failed (naming the machine key) when the host does not accept the key in memory', async () => {
    const stranger = makeClientKey(temp.dir, 'stranger');
    const { connection } = connect([sshd.hostPublicKey], readFileSync(stranger.privatePath, 'utf8'));
    const error = await connection.connect().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SshError, String(error));
    assert.equal(error.failure, 'auth-failed');
    assert.match(error.message, /machine's own key/);
  });

  it("forwards a local socket to the engine over such a connection: the docker CLI reaches it there, and the socket is private and goes on close", async () => {
    const key = makeClientKey(temp.dir, 'vm');
    sshd.authorize(key);
    const { connection } = connect([sshd.hostPublicKey], readFileSync(key.privatePath, 'utf8'));
    const forward = await EngineSocketForward.start(connection, path.join(temp.dir, 'run'), 'vm');
    try {
      assert.equal(statSync(path.join(temp.dir, 'run')).mode & 0o777, 0o700);
      assert.equal(statSync(forward.socketPath).mode & 0o777, 0o600);
      const { stdout } = await promisify(execFile)('/usr/bin/docker', ['-H', `unix://${forward.socketPath}`, 'version', '--format', '{{.Server.Version}}'], { timeout: 20_000 });
      assert.match(stdout.trim(), /^\d+\.\d+/, 'the engine answered through the forward');
    } finally {
      await forward.close();
    }
    assert.ok(!existsSync(forward.socketPath), 'the socket is removed');
  });

  it('opens an interactive shell with a terminal on such a connection (SSH into Machine for a VM)', async () => {
    const key = makeClientKey(temp.dir, 'vm');
    sshd.authorize(key);
    const { connection } = connect([sshd.hostPublicKey], readFileSync(key.privatePath, 'utf8'));
    const channel = await connection.shell({ rows: 30, cols: 100 });
    let output = '';
    channel.on('data', (data: Buffer) => (output += data.toString('utf8')));
    const closed = new Promise<void>((resolve) => channel.on('close', () => resolve()));
    channel.write('stty size; echo shell-$((40+2)); exit\n');
    await closed;
    assert.match(output, /30 100/, 'the terminal has the size asked for');
    assert.match(output, /shell-42/);
  });
});

