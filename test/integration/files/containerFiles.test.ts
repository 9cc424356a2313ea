// The files of containers through the Engine API (core/containerFiles), against the real local engine:
// running, stopped, read-only, shell-less containers; links, binary and large files; a container
// removed while in use.
import * as assert from 'node:assert/strict';
import Docker from 'dockerode';
import * as tarStream from 'tar-stream';
import { ContainerFiles } from '../../../src/core/containerFiles/containerFiles';
import { ContainerFileError, ContainerFileErrorKind } from '../../../src/core/containerFiles/fileErrors';
import { readByArchive } from '../../../src/core/containerFiles/engineArchive';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { copyToContainer } from '../../../src/core/engine/operations/containerFiles';
import { BASE_IMAGE, cleanUp, createContainer, localDocker, newRunId, TEST_LABEL } from '../../support/engine';

/** Runs a shell command in the container and returns its output (the test's own view, not the code under test). */
async function sh(docker: Docker, id: string, script: string): Promise<string> {
  const exec = await docker.getContainer(id).exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true } as never);
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  return Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n');
}

async function rejectsWith(promise: Promise<unknown>, kind: ContainerFileErrorKind, words?: RegExp): Promise<ContainerFileError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ContainerFileError, `expected a ContainerFileError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    if (words) assert.match(error.message, words);
    return error;
  }
  assert.fail(`expected a ${kind} failure`);
}

/** An image with busybox as /busybox and nothing else: no sh, no rm, no ls. */
async function buildShellLessImage(docker: Docker, tag: string, runId: string): Promise<void> {
  const pack = tarStream.pack();
  pack.entry({ name: 'Dockerfile' }, `FROM ${BASE_IMAGE} AS tools\nFROM scratch\nCOPY --from=tools /bin/busybox /busybox\nLABEL ${TEST_LABEL}=${runId}\n`);
  pack.finalize();
  const stream = await docker.buildImage(pack as never, { t: tag });
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
    const failed = output?.find((line) => line.error);
    return error || failed ? reject(error ?? new Error(failed?.error)) : resolve();
  }));
}

describe('container files over the Engine API (real engine)', function () {
  this.timeout(120_000);
  const docker = localDocker();
  const runId = newRunId();
  const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 10_000 });
  let running: string;
  let stopped: string;
  after(async () => {
    client.dispose();
    await cleanUp(docker, runId);
  });

  before(async () => {
    const a = await createContainer(docker, runId, `dh-files-run-${runId}`);
    await a.start();
    running = a.id;
    await sh(docker, running, [
      'mkdir -p /work/sub /work/empty && echo hello > /work/a.txt && printf "#!/bin/sh\\necho hi\\n" > /work/tool.sh',
      'chmod 0750 /work/tool.sh && chown 1234:2345 /work/tool.sh',
      'ln -s /work/a.txt /work/link && ln -s /etc /work/etclink && ln -s /nowhere /work/dangling && echo deep > /work/sub/deep.txt',
    ].join(' && '));
    const b = await createContainer(docker, runId, `dh-files-stopped-${runId}`, { Cmd: ['sh', '-c', 'mkdir -p /keep && echo kept > /keep/k.txt'] });
    await b.start();
    await b.wait();
    stopped = b.id;
  });

  describe('a running container', () => {
    it('stats files, folders and links (links followed, and said to be links)', async () => {
      const files = new ContainerFiles(client, running);
      const file = await files.stat('/work/a.txt');
      assert.deepEqual([file.type, file.link, file.size, file.readonly], ['file', false, 6, false]);
      assert.ok(file.mtime > Date.parse('2020-01-01'), 'mtime in milliseconds');
      assert.equal((await files.stat('/work')).type, 'directory');
      const link = await files.stat('/work/link');
      assert.deepEqual([link.type, link.link, link.realPath, link.size], ['file', true, '/work/a.txt', 6]);
      const folderLink = await files.stat('/work/etclink');
      assert.deepEqual([folderLink.type, folderLink.link], ['directory', true]);
      const dangling = await files.stat('/work/dangling');
      assert.deepEqual([dangling.type, dangling.link], ['other', true]);
      await rejectsWith(files.stat('/work/missing'), 'not-found', /does not exist/);
    });

    it('lists a folder with its shell: folders first, links by what they point to', async () => {
      const entries = await new ContainerFiles(client, running).list('/work');
      assert.deepEqual(entries.map((e) => `${e.name}:${e.type}${e.link ? '@' : ''}`), [
        'empty:directory', 'etclink:directory@', 'sub:directory', 'a.txt:file', 'dangling:other@', 'link:file@', 'tool.sh:file',
      ]);
      assert.deepEqual(await new ContainerFiles(client, running).list('/work/empty'), []);
      await rejectsWith(new ContainerFiles(client, running).list('/work/a.txt'), 'not-a-directory');
      await rejectsWith(new ContainerFiles(client, running).list('/nope'), 'not-found');
    });

    it('writes a file back keeping its mode and owner, as the container sees it', async () => {
      const files = new ContainerFiles(client, running);
      assert.equal((await files.read('/work/tool.sh')).toString(), '#!/bin/sh\necho hi\n');
      await files.write('/work/tool.sh', Buffer.from('#!/bin/sh\necho edited\n'), { create: false, overwrite: true });
      assert.equal(await sh(docker, running, '/work/tool.sh'), 'edited\n', 'still executable, new content');
      assert.equal((await sh(docker, running, 'stat -c "%a %u %g" /work/tool.sh')).trim(), '750 1234 2345');
    });

    it('writes through a link into the file it points to, leaving the link a link', async () => {
      const files = new ContainerFiles(client, running);
      assert.equal((await files.read('/work/link')).toString(), 'hello\n');
      await files.write('/work/link', Buffer.from('via link\n'), { create: false, overwrite: true });
      assert.equal(await sh(docker, running, 'cat /work/a.txt; readlink /work/link'), 'via link\n/work/a.txt\n');
    });

    it('keeps binary content byte for byte', async () => {
      const files = new ContainerFiles(client, running);
      const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
      await files.write('/work/blob.bin', bytes, { create: true, overwrite: false });
      assert.deepEqual(await files.read('/work/blob.bin'), bytes);
      assert.equal((await sh(docker, running, 'wc -c < /work/blob.bin')).trim(), '4096');
    });

    it('refuses a file above the size cap before reading it, with a plain message', async () => {
      await sh(docker, running, 'dd if=/dev/zero of=/work/big.bin bs=1024 count=2048 2>/dev/null');
      const files = new ContainerFiles(client, running);
      await rejectsWith(files.read('/work/big.bin', 1024 * 1024), 'too-large', /2 MB, more than the 1 MB.*Download/);
      // The archive reader checks the entry's header too (a file that grew after stat).
      await rejectsWith(readByArchive(client, running, '/work/big.bin', 1024 * 1024), 'too-large');
      assert.equal((await files.stat('/work/big.bin')).size, 2 * 1024 * 1024, 'stat still works');
    });

    it('creates, refuses to overwrite, renames and deletes', async () => {
      const files = new ContainerFiles(client, running);
      await files.createDirectory('/work/made');
      await files.write('/work/made/n.txt', Buffer.from('new'), { create: true, overwrite: false });
      await rejectsWith(files.write('/work/made/n.txt', Buffer.from('x'), { create: true, overwrite: false }), 'exists');
      await rejectsWith(files.write('/work/nofolder/n.txt', Buffer.from('x'), { create: true, overwrite: false }), 'not-found');
      await rejectsWith(files.createDirectory('/work/made'), 'exists');
      await files.rename('/work/made/n.txt', '/work/made/m.txt', { overwrite: false });
      await rejectsWith(files.rename('/work/made/m.txt', '/work/a.txt', { overwrite: false }), 'exists');
      assert.equal(await sh(docker, running, 'ls /work/made; cat /work/made/m.txt'), 'm.txt\nnew');
      await files.delete('/work/made', { recursive: true });
      await files.delete('/work/dangling', { recursive: false });
      assert.equal(await sh(docker, running, 'ls /work/made 2>&1; ls /work/dangling 2>&1; ls -d /nowhere 2>&1 | grep -c "No such"'), 'ls: /work/made: No such file or directory\nls: /work/dangling: No such file or directory\n1\n');
    });

    it('shows changes made by other processes at the next read (nothing is cached)', async () => {
      const files = new ContainerFiles(client, running);
      await files.read('/work/sub/deep.txt');
      const before = await files.stat('/work/sub/deep.txt');
      await sh(docker, running, 'sleep 1; echo changed by someone else > /work/sub/deep.txt; touch /work/sub/added');
      const after = await files.stat('/work/sub/deep.txt');
      assert.notEqual(after.mtime, before.mtime);
      assert.equal((await files.read('/work/sub/deep.txt')).toString(), 'changed by someone else\n');
      assert.ok((await files.list('/work/sub')).some((e) => e.name === 'added'));
    });
  });

  describe('a stopped container', () => {
    it('lists (from the archive), reads and writes, but cannot delete or rename, and says why', async () => {
      const files = new ContainerFiles(client, stopped);
      assert.deepEqual((await files.list('/keep')).map((e) => e.name), ['k.txt']);
      assert.ok((await files.list('/')).some((e) => e.name === 'bin' && e.type === 'directory'));
      assert.equal((await files.read('/keep/k.txt')).toString(), 'kept\n');
      await files.write('/keep/k.txt', Buffer.from('edited while stopped\n'), { create: false, overwrite: true });
      assert.equal((await files.read('/keep/k.txt')).toString(), 'edited while stopped\n');
      await rejectsWith(files.delete('/keep/k.txt', { recursive: false }), 'needs-running', /not running.*Start the container/);
      await rejectsWith(files.rename('/keep/k.txt', '/keep/j.txt', { overwrite: false }), 'needs-running');
    });
  });

  describe('a container with a read-only root file system', () => {
    it('reports read-only, refuses writes plainly, and writes on its read-write volume', async () => {
      const c = await createContainer(docker, runId, `dh-files-ro-${runId}`, { HostConfig: { ReadonlyRootfs: true }, Volumes: { '/data': {} } } as never);
      await c.start();
      const files = new ContainerFiles(client, c.id);
      assert.equal((await files.stat('/bin')).readonly, true);
      assert.equal((await files.stat('/data')).readonly, false);
      await rejectsWith(files.write('/x.txt', Buffer.from('x'), { create: true, overwrite: false }), 'read-only', /read-only/);
      await rejectsWith(files.createDirectory('/newdir'), 'read-only');
      await rejectsWith(files.delete('/bin/busybox', { recursive: false }), 'read-only');
      // An upload (Upload…, through copyToContainer) refused by the engine is explained in the same words.
      const refused = await copyToContainer(client, c.id, __filename, '/').then(() => undefined, (error: unknown) => files.explain(error, '/'));
      assert.equal(refused?.kind, 'read-only', refused?.message);
      await files.write('/data/ok.txt', Buffer.from('on the volume'), { create: true, overwrite: false });
      assert.equal((await files.read('/data/ok.txt')).toString(), 'on the volume');
    });
  });

  describe('a container without a shell', () => {
    it('lists from the archive, reads and writes, and says delete needs a tool it lacks', async () => {
      const tag = `dh-files-noshell:${runId}`;
      await buildShellLessImage(docker, tag, runId);
      const c = await docker.createContainer({ Image: tag, Cmd: ['/busybox', 'sleep', '600'], Labels: { [TEST_LABEL]: runId } });
      await c.start();
      const files = new ContainerFiles(client, c.id);
      const root = await files.list('/');
      assert.ok(root.some((e) => e.name === 'busybox' && e.type === 'file'), JSON.stringify(root));
      await files.createDirectory('/notes');
      await files.write('/notes/n.txt', Buffer.from('no shell needed'), { create: true, overwrite: false });
      assert.deepEqual((await files.list('/notes')).map((e) => e.name), ['n.txt']);
      assert.equal((await files.read('/notes/n.txt')).toString(), 'no shell needed');
      await rejectsWith(files.delete('/notes/n.txt', { recursive: false }), 'no-tool', /has no rm|cannot run rm/);
    });
  });

  describe('a container removed while its files are in use', () => {
    it('says the container is gone, for reads, writes and listings', async () => {
      const c = await createContainer(docker, runId, `dh-files-gone-${runId}`);
      await c.start();
      const files = new ContainerFiles(client, c.id);
      await files.write('/f.txt', Buffer.from('before'), { create: true, overwrite: false });
      await c.remove({ force: true });
      await rejectsWith(files.read('/f.txt'), 'container-gone', /container is gone/);
      await rejectsWith(files.write('/f.txt', Buffer.from('after'), { create: false, overwrite: true }), 'container-gone');
      await rejectsWith(files.list('/'), 'container-gone');
    });
  });
});
