import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { QmpClient, QmpError, QmpEvent, withQmp } from '../../../../../src/core/machines/drivers/qemu/qmpClient';

const hasQemu = ['/usr/bin/qemu-system-x86_64', '/usr/local/bin/qemu-system-x86_64'].some((file) => existsSync(file));

async function waitForSocket(file: string): Promise<void> {
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('QMP client', function () {
  this.timeout(20_000);
  let dir: string;
  let qemu: ChildProcess | undefined;
  let socket: string;

  beforeEach(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dh-qmp-'));
    socket = path.join(dir, 'qmp.sock');
  });

  afterEach(() => {
    qemu?.kill('SIGKILL');
    qemu = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A real QEMU with no machine and no disk: enough to speak QMP. */
  async function startQemu(): Promise<ChildProcess> {
    const child = spawn('qemu-system-x86_64', ['-machine', 'none', '-nodefaults', '-display', 'none', '-qmp', `unix:${socket},server=on,wait=off`], { stdio: 'ignore' });
    qemu = child;
    await waitForSocket(socket);
    return child;
  }

  it('talks to a real QEMU: greeting, capabilities, query-status, an error, then quit ends QEMU (with its SHUTDOWN event)', async function () {
    if (!hasQemu) this.skip();
    const child = await startQemu();
    const events: QmpEvent[] = [];
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const qmp = await QmpClient.connect(socket, { onEvent: (event) => events.push(event) });
    const status = await qmp.queryStatus();
    assert.equal(typeof status.status, 'string');
    assert.equal(typeof status.running, 'boolean');
    await assert.rejects(qmp.execute('no-such-command'), (error: unknown) => error instanceof QmpError && error.errorClass === 'CommandNotFound');
    await qmp.quit();
    await exited;
    assert.ok(events.some((event) => event.event === 'SHUTDOWN'), `events: ${JSON.stringify(events)}`);
    await assert.rejects(qmp.queryStatus(), /QMP connection (closed|failed)/);
    qmp.close();
  });

  it('withQmp closes the connection after the work, also when it throws', async function () {
    if (!hasQemu) this.skip();
    await startQemu();
    await assert.rejects(withQmp(socket, async () => { throw new Error('boom'); }), /boom/);
    assert.equal((await withQmp(socket, (qmp) => qmp.queryStatus())).status !== '', true);
  });

  it('a socket nobody listens on fails with a sentence naming it', async () => {
    await assert.rejects(QmpClient.connect(path.join(dir, 'none.sock')), /Cannot reach QEMU's control socket .*none\.sock/);
  });

  describe('against a server that misbehaves', () => {
    let server: Server | undefined;
    afterEach(() => server?.close());

    it('a server that never greets is given up on within the timeout', async () => {
      server = createServer(() => undefined).listen(socket);
      const started = Date.now();
      await assert.rejects(QmpClient.connect(socket, { timeoutMs: 300 }), /did not send the QMP greeting within 300 ms/);
      assert.ok(Date.now() - started < 2_000);
    });

    it('a command with no answer fails after its timeout; an event between is not taken for the answer', async () => {
      server = createServer((connection) => {
        connection.write('{"QMP": {"version": {}, "capabilities": []}}\n');
        connection.on('data', (data) => {
          const request = JSON.parse(String(data).trim().split('\n')[0] ?? '{}') as { execute: string; id: string };
          if (request.execute === 'qmp_capabilities') connection.write(`{"return": {}, "id": "${request.id}"}\n`);
          else connection.write('{"event": "STOP", "timestamp": {}}\n');
        });
      }).listen(socket);
      const qmp = await QmpClient.connect(socket);
      await assert.rejects(qmp.execute('query-status', undefined, 200), /did not answer query-status within 200 ms/);
      qmp.close();
    });

    it('cancelling the connect stops it at once', async () => {
      server = createServer(() => undefined).listen(socket);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(QmpClient.connect(socket, { signal: controller.signal, timeoutMs: 10_000 }), /cancelled/);
    });
  });
});
