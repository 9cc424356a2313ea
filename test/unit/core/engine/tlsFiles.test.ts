import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../../src/core/engine/engineClient';

// The client reads a TLS machine's certificate files when it first calls the engine. A path that
// is a FIFO (or /dev/zero) blocked the extension host when they were read with readFileSync at
// construction; now each is opened non-blocking, must be a small regular file, and a bad one fails
// that machine's calls with the reason, before any connection is made (the port is never dialled).
describe('EngineClient certificate files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dh-tls-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const client = (caPath: string): EngineClient =>
    new EngineClient({ kind: 'tcp', host: '127.0.0.1', port: 9, tls: { verify: true, caPath } }, { requestTimeoutMs: 60_000 });

  it('refuses a CA path that is a FIFO with no writer, without blocking', async () => {
    const fifo = path.join(dir, 'ca.pem');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(client(fifo).version(), /not a regular file/);
  });

  it('refuses /dev/zero and a file over the size cap', async () => {
    await assert.rejects(client('/dev/zero').version(), /not a regular file/);
    const big = path.join(dir, 'big.pem');
    writeFileSync(big, Buffer.alloc(1024 * 1024));
    await assert.rejects(client(big).version(), /too large/);
  });

  it('reads the file again on the next call once it is fixed', async () => {
    const ca = path.join(dir, 'ca.pem');
    const engine = client(ca);
    await assert.rejects(engine.version(), /ENOENT/);
    writeFileSync(ca, 'not a certificate');
    // Now the file is read and TLS is set up with it, so the failure is about the certificate, not the file.
    await assert.rejects(engine.version(), (error: Error) => !/ENOENT|regular file/.test(error.message));
  });
});
