// The Engine API over one real SSH connection: lists, streams, many requests on one login,
// a configurable remote socket, and the dial-stdio fallback when stream-local is refused.
import * as assert from 'node:assert/strict';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { MachineSession } from '../../../src/core/engine/machineSession';
import { execCommand, execInteractive } from '../../../src/core/engine/operations/containerOperations';
import { cleanUp, createContainer, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { SocketProxy } from '../../support/socketProxy';
import { ClientKey, makeClientKey, sshdAvailable, tempDir, TestSshd } from '../../support/sshd';
import { recordingInteraction, sshEndpoint, testSettings } from '../../support/sshTestbed';

describe('Engine API over SSH (real sshd, real engine)', function () {
  this.timeout(60_000);
  const docker = localDocker();
  const runId = newRunId();
  let sshd: TestSshd;
  let refusing: TestSshd;
  let temp: ReturnType<typeof tempDir>;
  let key: ClientKey;
  let runningId: string;
  const clients: EngineClient[] = [];

  before(async function () {
    if (!sshdAvailable()) {
      this.skip();
    }
    sshd = await TestSshd.start();
    refusing = await TestSshd.start({ allowStreamLocal: false });
    temp = tempDir('dh-ssh-engine-');
    key = makeClientKey(temp.dir, 'id');
    sshd.authorize(key);
    refusing.authorize(key);
    const container = await createContainer(docker, runId, `dh-ssh-${runId}`);
    await container.start();
    runningId = container.id;
  });

  afterEach(() => {
    for (const client of clients.splice(0)) {
      client.dispose();
    }
  });

  after(async () => {
    await cleanUp(docker, runId);
    await sshd?.stop();
    await refusing?.stop();
    temp?.cleanup();
  });

  function engineFor(server: TestSshd, extra = {}): EngineClient {
    const client = new EngineClient(sshEndpoint(server, key, extra), { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, recordingInteraction()) });
    clients.push(client);
    return client;
  }

  it('lists the same containers over SSH as on the local socket', async () => {
    const overSsh = await engineFor(sshd).listContainers();
    const local = await docker.listContainers({ all: true });
    assert.ok(overSsh.some((c) => c.name === `dh-ssh-${runId}`), 'the test container is listed');
    assert.deepEqual(new Set(overSsh.map((c) => c.id)), new Set(local.map((c) => c.Id)));
  });

  it('carries 60 requests (40 in a row, 20 at once) on ONE SSH connection: one login, one server process', async () => {
    const logins = sshd.acceptedLogins();
    const engine = engineFor(sshd);
    for (let i = 0; i < 40; i++) {
      await engine.listContainers();
    }
    await Promise.all(Array.from({ length: 20 }, () => engine.listImages()));
    assert.equal(sshd.acceptedLogins() - logins, 1, 'one login for all requests');
    assert.equal(sshd.connectionPids().length, 1, 'one connection on the server');
    assert.equal(engine.sshConnection?.transport, 'stream-local');
  });

  it('follows the event stream over SSH while other requests share the connection', async () => {
    const engine = engineFor(sshd);
    const stream = await engine.openStream<NodeJS.ReadableStream & { destroy(): void }>((d, abortSignal) => d.getEvents({ filters: { label: [`${TEST_LABEL}=${runId}`] }, abortSignal }), { idle: 'quiet-ok' });
    const seen = new Promise<string>((resolve) => stream.on('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    await engine.listContainers();
    const made = await createContainer(docker, runId, `dh-ssh-ev-${runId}`);
    const event = JSON.parse(await seen) as { Action?: string; id?: string };
    stream.destroy();
    assert.equal(event.Action, 'create');
    assert.equal(event.id, made.id);
  });

  it('runs a MachineSession for an SSH machine: connects, learns the version, lists', async () => {
    const session = new MachineSession(
      { id: 'ssh-test', name: 'ssh test', driver: 'ssh', source: 'test', endpoint: sshEndpoint(sshd, key) },
      { requestTimeoutMs: 10_000, log: () => undefined, ssh: testSettings(temp.dir, recordingInteraction()) },
    );
    try {
      await session.connect();
      assert.equal(session.state, 'running', session.error);
      assert.match(session.version?.apiVersion ?? '', /^1\.\d+$/);
      assert.ok((await session.list('container')).some((c) => c.name === `dh-ssh-${runId}`));
    } finally {
      session.dispose();
      session.engine.dispose();
    }
  });

  it('runs a command on the host over the same connection (for machine operations), and cancels one', async () => {
    const logins = sshd.acceptedLogins();
    const engine = engineFor(sshd);
    await engine.listContainers();
    const connection = engine.sshConnection!;
    assert.deepEqual(await connection.exec('echo hi; echo oops >&2; exit 7'), { code: 7, stdout: 'hi\n', stderr: 'oops\n' });
    const controller = new AbortController();
    const long = connection.exec('sleep 30', controller.signal);
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(long, { name: 'AbortError' });
    await engine.listContainers();
    assert.equal(sshd.acceptedLogins() - logins, 1, 'requests and commands share one login');
  });

  it('reaches the engine at a configured remote socket path', async () => {
    const proxy = new SocketProxy();
    await proxy.listen();
    try {
      const engine = engineFor(sshd, { remoteSocketPath: proxy.socketPath });
      assert.ok((await engine.listContainers()).some((c) => c.name === `dh-ssh-${runId}`));
      assert.equal(engine.sshConnection?.transport, 'stream-local');
    } finally {
      await proxy.close();
    }
  });

  it('says which socket and host when nothing answers at the remote socket path', async () => {
    const engine = engineFor(sshd, { remoteSocketPath: '/nonexistent/docker.sock' });
    await assert.rejects(engine.listContainers(), (error: Error) => {
      assert.match(error.message, new RegExp(`cannot reach Docker on 127\\.0\\.0\\.1:${sshd.port}: stream-local forwarding of /nonexistent/docker\\.sock was refused .* and "docker system dial-stdio" failed \\(exit \\d+: .*/nonexistent/docker\\.sock`));
      return true;
    });
  });

  for (const [transport, server] of [['stream-local', () => sshd], ['dial-stdio', () => refusing]] as const) {
    it(`carries hijacked exec streams over ${transport}: a command's output and an interactive TTY shell`, async () => {
      const engine = engineFor(server());
      const result = await execCommand(engine, runningId, ['sh', '-c', 'echo out; echo err >&2; exit 3']);
      assert.equal(result.exitCode, 3);
      assert.deepEqual(result.output.split('\n').sort(), ['', 'err', 'out'], 'both streams arrive (their order is not defined)');
      const shell = await execInteractive(engine, runningId, 'shell', { columns: 83, rows: 29 });
      let screen = '';
      shell.stream.on('data', (chunk: Buffer) => (screen += chunk.toString()));
      shell.stream.write('stty size; echo done-$((6*7))\n');
      await eventually('the shell to answer', 5_000, () => (screen.includes('done-42') ? true : undefined));
      assert.match(screen, /29 83/);
      shell.stream.write('exit 4\n');
      await eventually('the exit code', 5_000, async () => ((await shell.exitCode()) === 4 ? true : undefined));
      assert.equal(engine.sshConnection?.transport, transport);
    });
  }

  it('falls back to `docker system dial-stdio` when the server refuses stream-local forwarding', async () => {
    const logins = refusing.acceptedLogins();
    const engine = engineFor(refusing);
    for (let i = 0; i < 10; i++) {
      assert.ok((await engine.listContainers()).some((c) => c.name === `dh-ssh-${runId}`));
    }
    await Promise.all(Array.from({ length: 12 }, () => engine.version())); // more than OpenSSH's 10 sessions at once
    assert.equal(engine.sshConnection?.transport, 'dial-stdio');
    assert.equal(refusing.acceptedLogins() - logins, 1, 'still one connection');
    assert.match(refusing.log(), /refused streamlocal port forward/i, 'the server did refuse stream-local');
  });
});
