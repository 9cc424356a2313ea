// A hostile engine for BuildKit builds (an HTTP server on a unix socket: no real engine sends
// these bytes): a trace that does not decode, and a session the engine drops mid-build. The
// build ends with one clear message and the extension host sees no uncaught error.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage } from '../../../src/core/build/buildImage';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { listenOnUnixSocket, UnixSocketServer } from '../../support/unixSocketServer';

describe('BuildKit against a hostile engine', function () {
  this.timeout(20_000);
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => void uncaught.push(error);
  let server: UnixSocketServer | undefined;
  before(() => process.on('uncaughtException', onUncaught));
  after(async () => {
    process.off('uncaughtException', onUncaught);
    await server?.close();
  });

  it('says the engine closed the session when it drops it mid-build, after a trace that does not decode', async () => {
    const http1 = http.createServer((request, response) => {
      if (request.url?.includes('/_ping')) {
        response.writeHead(200, { 'Api-Version': '1.41', Ostype: 'linux' });
        response.end('OK');
      } else if (request.url?.includes('/build')) {
        request.resume();
        response.writeHead(200, { 'Content-Type': 'application/json' });
        // Not protobuf, not base64 of anything, an aux of the wrong type: each dropped, the build goes on.
        response.write('{"id":"moby.buildkit.trace","aux":"////"}\n{"id":"moby.buildkit.trace","aux":42}\n{"id":"moby.image.id","aux":"x"}\n');
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    // The session is accepted, then cut while the build is still running.
    http1.on('upgrade', (_request, socket: import('node:stream').Duplex) => {
      socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n');
      setTimeout(() => socket.destroy(), 500);
    });
    server = await listenOnUnixSocket(http1, 'dh-hostile-bk-');
    const client = new EngineClient({ kind: 'unix', socketPath: server.socketPath }, { requestTimeoutMs: 2000 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-hostile-bk-'));
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    let output = '';
    await assert.rejects(
      buildImage(client, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: ['never:x'] }, { output: (text) => (output += text) }),
      /The engine closed the build session before the build ended/,
    );
    assert.equal(output, '', 'nothing undecodable was printed');
    assert.deepEqual(uncaught, []);
    client.dispose();
  });
});
