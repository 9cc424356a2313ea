import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  cachedImagePath, checksumProblem, downloadVerified, ensureBaseImage, findInSums, parseChecksum, publishedChecksum,
} from '../../../../../src/core/machines/drivers/qemu/imageCache';

const image = randomBytes(300_000);
const sha256 = createHash('sha256').update(image).digest('hex');
const sha512 = createHash('sha512').update(image).digest('hex');

describe('base image download', () => {
  let dir: string;
  let server: Server;
  let base: string;
  /** What the server does for a path (the image, SUMS files, a stall…). */
  let routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dh-images-'));
    routes = {
      '/images/disk.qcow2': (_req, res) => res.writeHead(200, { 'content-length': image.length }).end(image),
    };
    server = createServer((req, res) => (routes[req.url ?? ''] ?? ((_q, r) => r.writeHead(404).end()))(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const leftovers = (): string[] => readdirSync(dir);

  it('keeps the file only when its checksum matches, with progress', async () => {
    const messages: string[] = [];
    const dest = path.join(dir, 'disk.qcow2');
    await downloadVerified(`${base}/images/disk.qcow2`, dest, { algorithm: 'sha256', hex: sha256 }, { progress: (m) => messages.push(m) });
    assert.deepEqual(readFileSync(dest), image);
    assert.deepEqual(leftovers(), ['disk.qcow2']);
    assert.ok(messages.includes('Downloading disk.qcow2: 100% of 0 MiB'), messages.join('\n'));
  });

  it('a checksum mismatch leaves no file behind and says so', async () => {
    await assert.rejects(downloadVerified(`${base}/images/disk.qcow2`, path.join(dir, 'disk.qcow2'), { algorithm: 'sha512', hex: '0'.repeat(128) }), /failed its SHA512 check.*nothing was kept/);
    assert.deepEqual(leftovers(), []);
  });

  it('a connection cut halfway leaves no partial file', async () => {
    routes['/images/disk.qcow2'] = (_req, res) => {
      res.writeHead(200, { 'content-length': image.length });
      res.write(image.subarray(0, 1000), () => res.destroy());
    };
    await assert.rejects(downloadVerified(`${base}/images/disk.qcow2`, path.join(dir, 'disk.qcow2'), { algorithm: 'sha256', hex: sha256 }));
    assert.deepEqual(leftovers(), []);
  });

  it('a cancelled download leaves no partial file and says it was cancelled', async () => {
    routes['/images/disk.qcow2'] = (_req, res) => {
      res.writeHead(200, { 'content-length': image.length });
      res.write(image.subarray(0, 1000)); // and then nothing
    };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(downloadVerified(`${base}/images/disk.qcow2`, path.join(dir, 'disk.qcow2'), { algorithm: 'sha256', hex: sha256 }, { signal: controller.signal }), /cancelled/);
    assert.deepEqual(leftovers(), []);
  });

  it('a download that goes silent is stopped after the idle bound', async () => {
    routes['/images/disk.qcow2'] = (_req, res) => {
      res.writeHead(200, { 'content-length': image.length });
      res.write(image.subarray(0, 1000));
    };
    await assert.rejects(downloadVerified(`${base}/images/disk.qcow2`, path.join(dir, 'disk.qcow2'), { algorithm: 'sha256', hex: sha256 }, { idleMs: 300 }), /nothing received for 0 s|nothing received/);
    assert.deepEqual(leftovers(), []);
  });

  it('an HTTP error is named', async () => {
    await assert.rejects(downloadVerified(`${base}/images/missing.qcow2`, path.join(dir, 'x'), { algorithm: 'sha256', hex: sha256 }), /failed: 404/);
    assert.deepEqual(leftovers(), []);
  });

  it('takes the checksum from SHA512SUMS beside the image (Debian\'s layout), else SHA256SUMS', async () => {
    routes['/images/SHA512SUMS'] = (_req, res) => res.end(`${'1'.repeat(128)}  other.qcow2\n${sha512}  disk.qcow2\n`);
    assert.deepEqual(await publishedChecksum(`${base}/images/disk.qcow2`), { algorithm: 'sha512', hex: sha512 });
    delete routes['/images/SHA512SUMS'];
    routes['/images/SHA256SUMS'] = (_req, res) => res.end(`${sha256} *disk.qcow2\n`);
    assert.deepEqual(await publishedChecksum(`${base}/images/disk.qcow2`), { algorithm: 'sha256', hex: sha256 });
    delete routes['/images/SHA256SUMS'];
    assert.equal(await publishedChecksum(`${base}/images/disk.qcow2`), undefined);
  });

  it('ensureBaseImage downloads a URL once into images/, verified by the SUMS file, then reuses it', async () => {
    routes['/images/SHA512SUMS'] = (_req, res) => res.end(`${sha512}  disk.qcow2\n`);
    const url = `${base}/images/disk.qcow2`;
    const first = await ensureBaseImage(url, dir, '');
    assert.equal(first, cachedImagePath(dir, url));
    assert.equal(path.dirname(first), path.join(dir, 'images'));
    delete routes['/images/disk.qcow2'];
    assert.equal(await ensureBaseImage(url, dir, ''), first);
  });

  it('ensureBaseImage refuses a URL with no checksum anywhere, and a wrong given one, keeping nothing', async () => {
    await assert.rejects(ensureBaseImage(`${base}/images/disk.qcow2`, dir, ''), /No checksum for disk\.qcow2.*Checksum field/);
    await assert.rejects(ensureBaseImage(`${base}/images/disk.qcow2`, dir, `sha256:${'0'.repeat(64)}`), /failed its SHA256 check/);
    assert.deepEqual(readdirSync(path.join(dir, 'images')), []);
    assert.ok(existsSync(await ensureBaseImage(`${base}/images/disk.qcow2`, dir, `sha256:${sha256}`)));
  });

  it('an image server that cannot be reached is named as such (not as a missing checksum), and nothing is kept', async () => {
    const port = (server.address() as AddressInfo).port;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    server = createServer().listen(0, '127.0.0.1'); // for afterEach
    await assert.rejects(ensureBaseImage(`http://127.0.0.1:${port}/images/disk.qcow2`, dir, ''), /Cannot reach http:\/\/127\.0\.0\.1:\d+\/images\/ for the image's checksum: .*ECONNREFUSED/);
    await assert.rejects(ensureBaseImage(`http://127.0.0.1:${port}/images/disk.qcow2`, dir, `sha256:${sha256}`), /Cannot download .*ECONNREFUSED/);
    assert.deepEqual(readdirSync(path.join(dir, 'images')), []);
  });

  it('ensureBaseImage takes a local file as it is, and names one that is missing', async () => {
    const file = path.join(dir, 'local.qcow2');
    writeFileSync(file, 'x');
    assert.equal(await ensureBaseImage(file, dir, ''), file);
    await assert.rejects(ensureBaseImage(path.join(dir, 'gone.qcow2'), dir, ''), /gone\.qcow2 is missing or unreadable/);
  });
});

describe('checksums', () => {
  it('reads sha256:/sha512: prefixes or bare digits by their length', () => {
    assert.deepEqual(parseChecksum(`sha256:${sha256.toUpperCase()}`), { algorithm: 'sha256', hex: sha256 });
    assert.deepEqual(parseChecksum(sha512), { algorithm: 'sha512', hex: sha512 });
    assert.equal(parseChecksum(`sha512:${sha256}`), undefined);
    assert.equal(parseChecksum('abc'), undefined);
    assert.equal(checksumProblem(''), undefined);
    assert.match(checksumProblem('md5:abc') ?? '', /sha256/);
  });

  it('finds a file in GNU and BSD SUMS lines, not a file whose name only ends the same', () => {
    assert.deepEqual(findInSums(`${sha256}  a/disk.qcow2\n${sha256}  disk.qcow2`, 'disk.qcow2', 'sha256'), { algorithm: 'sha256', hex: sha256 });
    assert.deepEqual(findInSums(`SHA512 (disk.qcow2) = ${sha512}`, 'disk.qcow2', 'sha512'), { algorithm: 'sha512', hex: sha512 });
    assert.equal(findInSums(`${sha256}  mydisk.qcow2`, 'disk.qcow2', 'sha256'), undefined);
  });
});
