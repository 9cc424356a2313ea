// Dropped connections against a real sshd: in-flight requests fail in words, nothing crashes,
// the connection reports its state and comes back by itself.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { SshStateChange } from '../../../src/core/ssh/sshConnection';
import { SshError } from '../../../src/core/ssh/sshErrors';
import { cleanUp, createContainer, eventually, localDocker, newRunId } from '../../support/engine';
import { ClientKey, makeClientKey, sshdAvailable, tempDir, TestSshd } from '../../support/sshd';
import { recordingInteraction, sshEndpoint, testSettings } from '../../support/sshTestbed';

describe('SSH connection drops and recovery (real sshd)', function () {
  this.timeout(60_000);
  const docker = localDocker();
  const runId = newRunId();
  let sshd: TestSshd;
  let temp: ReturnType<typeof tempDir>;
  let key: ClientKey;
  let containerId: string;
  const clients: EngineClient[] = [];
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => {
    uncaught.push(error);
  };

  before(async function () {
    if (!sshdAvailable()) {
      this.skip();
    }
    sshd = await TestSshd.start();
    temp = tempDir('dh-ssh-drop-');
    key = makeClientKey(temp.dir, 'id');
    sshd.authorize(key);
    const container = await createContainer(docker, runId, `dh-ssh-drop-${runId}`);
    await container.start();
    containerId = container.id;
    process.on('uncaughtException', onUncaught);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) {
      client.dispose();
    }
  });

  after(async () => {
    process.removeListener('uncaughtException', onUncaught);
    await cleanUp(docker, runId);
    await sshd?.stop();
    temp?.cleanup();
  });

  function engine(extra = {}): { client: EngineClient; states: SshStateChange[] } {
    const client = new EngineClient(sshEndpoint(sshd, key), { requestTimeoutMs: 20_000, ssh: testSettings(temp.dir, recordingInteraction(), extra) });
    clients.push(client);
    const states: SshStateChange[] = [];
    client.sshConnection?.onDidChangeState((change) => states.push(change));
    return { client, states };
  }

  it('fails a long request with a clear error when the sshd process of the connection is killed, and the next request reconnects', async () => {
    const { client, states } = engine({ reconnectDelaysMs: [60_000] }); // no background retry: the next request must do it
    await client.listContainers();
    const logins = sshd.acceptedLogins();
    // POST /containers/{id}/wait answers only when the container stops: a request that is in flight for as long as we like.
    const waiting = client.call((d, abortSignal) => d.getContainer(containerId).wait({ abortSignal }), { allowanceMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(sshd.killConnections(), 1, 'one connection process was killed');
    const error = await waiting.then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SshError, `a clear error, not ${String(error)}`);
    assert.equal(error.failure, 'connection-lost');
    assert.match(error.message, new RegExp(`^SSH connection to root@127\\.0\\.0\\.1:${sshd.port} was lost .*the connection is re-established on the next request$`));
    assert.equal(client.sshConnection?.state, 'reconnecting');

    const containers = await client.listContainers();
    assert.ok(containers.some((c) => c.id === containerId));
    assert.equal(sshd.acceptedLogins(), logins + 1, 'one new login');
    assert.deepEqual(states.map((s) => s.state), ['connecting', 'connected', 'reconnecting', 'connected']);
    assert.deepEqual(uncaught, [], 'no uncaught exception');
  });

  it('fails an open event stream when the connection dies, without crashing, and reconnects in the background', async () => {
    const { client, states } = engine();
    const stream = await client.openStream((d, abortSignal) => d.getEvents({ abortSignal }), { idle: 'quiet-ok' });
    const ended = new Promise<string>((resolve) => {
      stream.on('error', (e: Error) => resolve(`error: ${e.message}`));
      stream.on('end', () => resolve('end'));
      stream.on('close', () => resolve('close'));
    });
    sshd.killConnections();
    assert.match(await ended, /^(error|close|end)/, 'the stream ended');
    await eventually('background reconnect', 10_000, () => (client.sshConnection?.state === 'connected' && states.length >= 4 ? true : undefined));
    assert.deepEqual(states.map((s) => s.state), ['connecting', 'connected', 'reconnecting', 'connected']);
    assert.equal(sshd.connectionPids().length, 1);
    assert.deepEqual(uncaught, []);
  });

  it('reports failed after the retries when sshd is gone, says so in words, and recovers by itself on the next request once it is back', async () => {
    const { client, states } = engine({ reconnectDelaysMs: [100, 200] });
    await client.listContainers();
    await sshd.halt();
    await eventually('state failed', 10_000, () => (client.sshConnection?.state === 'failed' ? true : undefined));
    assert.deepEqual(states.map((s) => s.state), ['connecting', 'connected', 'reconnecting', 'failed']);
    await assert.rejects(client.listContainers(), (error: Error) => {
      assert.match(error.message, new RegExp(`^SSH connection to 127\\.0\\.0\\.1:${sshd.port} was refused — is sshd running there and listening on port ${sshd.port}\\?$`));
      return true;
    });
    await sshd.restart();
    assert.ok((await client.listContainers()).some((c) => c.id === containerId));
    assert.equal(client.sshConnection?.state, 'connected');
    assert.deepEqual(uncaught, []);
  });

  it('closes an unused connection after the idle time and opens a new one on the next request', async () => {
    const { client, states } = engine({ idleTimeoutMs: 300 });
    await client.listContainers();
    const logins = sshd.acceptedLogins();
    await eventually('the idle close', 5_000, () => (client.sshConnection?.state === 'idle' ? true : undefined));
    await eventually('the server to see it go', 5_000, () => (sshd.connectionPids().length === 0 ? true : undefined));
    await client.listContainers();
    assert.equal(sshd.acceptedLogins(), logins + 1);
    assert.deepEqual(states.map((s) => s.state), ['connecting', 'connected', 'idle', 'connecting', 'connected']);
  });

  it('turns a server that does not speak SSH into one sentence, without crashing', async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const client = new EngineClient({ ...sshEndpoint(sshd, key), port }, { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, recordingInteraction()) });
      clients.push(client);
      await assert.rejects(client.version(), (error: Error) => {
        assert.ok(error instanceof SshError, String(error));
        assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
        return true;
      });
      assert.equal(client.sshConnection?.state, 'failed');
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
    assert.deepEqual(uncaught, []);
  });

  it('shows the SSH sentence, not "is the engine running?", on a MachineSession that cannot connect', async () => {
    const { MachineSession } = await import('../../../src/core/engine/machineSession');
    const session = new MachineSession(
      { id: 'ssh-down', name: 'down', driver: 'ssh', source: 'test', endpoint: { ...sshEndpoint(sshd, key), port: 1 } },
      { requestTimeoutMs: 5_000, log: () => undefined, ssh: testSettings(temp.dir, recordingInteraction()) },
    );
    try {
      await session.connect();
      assert.equal(session.state, 'unreachable');
      assert.equal(session.error, 'SSH connection to 127.0.0.1:1 was refused — is sshd running there and listening on port 1?');
    } finally {
      session.dispose();
      session.engine.dispose();
    }
  });
});
