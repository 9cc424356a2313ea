// Container lifecycle operations against the real engine, as the tree's commands run them.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { copyFromContainer, copyToContainer } from '../../../src/core/engine/operations/containerFiles';
import {
  containerLogs, execCommand, execInteractive, formatProcessTable, killContainer, pruneContainers, removeContainer, renameContainer, runContainerAction, topContainer,
} from '../../../src/core/engine/operations/containerOperations';
import { streamStats } from '../../../src/core/engine/operations/containerStats';
import { cleanUp, createContainer, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';

describe('container operations against the real engine', () => {
  const docker = localDocker();
  const runId = newRunId();
  const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 10_000 });
  const state = async (id: string): Promise<string> => (await docker.getContainer(id).inspect()).State.Status;
  after(() => cleanUp(docker, runId));

  it('starts, pauses, unpauses, restarts and stops a container', async () => {
    const { id } = await createContainer(docker, runId, `dh-ops-${runId}`);
    await runContainerAction(client, id, 'start');
    assert.equal(await state(id), 'running');
    await runContainerAction(client, id, 'pause');
    assert.equal(await state(id), 'paused');
    await runContainerAction(client, id, 'unpause');
    await runContainerAction(client, id, 'restart');
    assert.equal(await state(id), 'running');
    await runContainerAction(client, id, 'stop');
    assert.equal(await state(id), 'exited');
  });

  it('kills with the chosen signal', async () => {
    const { id } = await createContainer(docker, runId, `dh-kill-${runId}`, { Cmd: ['sh', '-c', 'trap "exit 42" HUP; while true; do sleep 0.1; done'] });
    await runContainerAction(client, id, 'start');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await killContainer(client, id, 'SIGHUP');
    await eventually('the container to exit', 5_000, async () => ((await state(id)) === 'exited' ? true : undefined));
    assert.equal((await docker.getContainer(id).inspect()).State.ExitCode, 42);
  });

  it('renames, refusing names Docker would refuse', async () => {
    const { id } = await createContainer(docker, runId, `dh-rename-${runId}`);
    await renameContainer(client, id, `dh-renamed-${runId}`);
    assert.equal((await docker.getContainer(id).inspect()).Name, `/dh-renamed-${runId}`);
    await assert.rejects(renameContainer(client, id, 'bad name!'), /Names start with a letter/);
  });

  it('removes a running container only with force, and its anonymous volumes when asked', async () => {
    const { id } = await createContainer(docker, runId, `dh-rm-${runId}`, { Volumes: { '/data': {} } } as never);
    await runContainerAction(client, id, 'start');
    const volume = (await docker.getContainer(id).inspect()).Mounts[0]?.Name;
    await assert.rejects(removeContainer(client, id, { force: false, volumes: true }), /stop the container before removing|cannot remove a running container/i);
    await removeContainer(client, id, { force: true, volumes: true });
    await assert.rejects(docker.getContainer(id).inspect(), /no such container/i);
    assert.ok(volume);
    await assert.rejects(docker.getVolume(volume).inspect(), /no such volume/i);
  });

  it('prunes stopped containers and reports what it deleted', async () => {
    const { id } = await createContainer(docker, runId, `dh-prune-${runId}`);
    const result = await pruneContainers(client, { label: [`${TEST_LABEL}=${runId}`] });
    assert.ok(result.deleted.includes(id));
    assert.equal(typeof result.spaceReclaimed, 'number');
  });

  it('reads logs (tail, merged stdout and stderr) and follows new lines', async () => {
    const { id } = await createContainer(docker, runId, `dh-logs-${runId}`, { Cmd: ['sh', '-c', 'echo one; echo two >&2; sleep 0.3; echo three; sleep 1; echo four; sleep 600'] });
    const all = async (): Promise<string> => {
      let text = '';
      for await (const chunk of (await containerLogs(client, id, { follow: false, timestamps: false, tail: 'all' }, new AbortController().signal)) as AsyncIterable<Buffer>) {
        text += chunk.toString();
      }
      return text;
    };
    await runContainerAction(client, id, 'start');
    await eventually('the first lines', 5_000, async () => ((await all()).includes('three') ? true : undefined));
    assert.deepEqual((await all()).split('\n').sort(), ['', 'one', 'three', 'two'], 'stdout and stderr, frames removed');
    let tail = '';
    for await (const chunk of (await containerLogs(client, id, { follow: false, timestamps: false, tail: 1 }, new AbortController().signal)) as AsyncIterable<Buffer>) {
      tail += chunk.toString();
    }
    assert.equal(tail, 'three\n');
    const controller = new AbortController();
    const followed = await containerLogs(client, id, { follow: true, timestamps: true, tail: 'all' }, controller.signal);
    let live = '';
    followed.on('data', (chunk: Buffer) => (live += chunk.toString()));
    followed.on('error', () => undefined);
    await eventually('the line written after following began', 5_000, () => (live.includes('four') ? true : undefined));
    assert.match(live, /^\d{4}-\d\d-\d\dT[\d:.]+Z one$/m);
    controller.abort();
  });

  it('runs a command and returns its output and exit code', async () => {
    const { id } = await createContainer(docker, runId, `dh-exec-${runId}`);
    await runContainerAction(client, id, 'start');
    const result = await execCommand(client, id, ['sh', '-c', 'echo out; echo err >&2; exit 3']);
    // stdout and stderr are separate streams: their relative order is not defined.
    assert.deepEqual(result.output.split('\n').sort(), ['', 'err', 'out']);
    assert.equal(result.exitCode, 3);
  });

  it('opens an interactive shell with a TTY that takes input and its window size', async () => {
    const { id } = await createContainer(docker, runId, `dh-shell-${runId}`);
    await runContainerAction(client, id, 'start');
    const shell = await execInteractive(client, id, 'shell', { columns: 91, rows: 37 });
    let screen = '';
    shell.stream.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    shell.stream.write('stty size; echo done-$((6*7))\n');
    await eventually('the shell to answer', 5_000, () => (screen.includes('done-42') ? true : undefined));
    assert.match(screen, /37 91/);
    shell.stream.write('exit 5\n');
    await eventually('the exit code', 5_000, async () => ((await shell.exitCode()) === 5 ? true : undefined));
  });

  it('lists processes (top) as a table', async () => {
    const { id } = await createContainer(docker, runId, `dh-top-${runId}`);
    await runContainerAction(client, id, 'start');
    const table = await topContainer(client, id);
    assert.ok(table.titles.includes('PID'));
    assert.match(formatProcessTable(table), /sleep 600/);
  });

  it('streams live stats', async () => {
    const { id } = await createContainer(docker, runId, `dh-stats-${runId}`);
    await runContainerAction(client, id, 'start');
    const controller = new AbortController();
    const samples = [];
    for await (const sample of streamStats(client, id, controller.signal)) {
      samples.push(sample);
      if (samples.length === 2) {
        controller.abort();
      }
    }
    assert.equal(samples.length, 2);
    assert.ok((samples[1]?.memoryUsed ?? 0) > 0);
    assert.ok((samples[1]?.pids ?? 0) >= 1);
  });

  it('copies a file into a container and back out (archive endpoints)', async () => {
    const { id } = await createContainer(docker, runId, `dh-cp-${runId}`);
    await runContainerAction(client, id, 'start');
    const local = mkdtempSync(path.join(os.tmpdir(), 'dh-cp-'));
    writeFileSync(path.join(local, 'hello.txt'), 'hello from the host\n');
    await execCommand(client, id, ['mkdir', '-p', '/tmp']);
    await copyToContainer(client, id, path.join(local, 'hello.txt'), '/tmp');
    assert.equal((await execCommand(client, id, ['cat', '/tmp/hello.txt'])).output, 'hello from the host\n');
    await execCommand(client, id, ['sh', '-c', 'mkdir -p /out && echo inside > /out/made.txt']);
    const back = mkdtempSync(path.join(os.tmpdir(), 'dh-cp-back-'));
    const copied = (await copyFromContainer(client, id, '/out', back)).path;
    assert.equal(readFileSync(path.join(copied, 'made.txt'), 'utf8'), 'inside\n');
  });

  it('copies a folder out with its links left behind and named, and replaces an existing file only when confirmed', async () => {
    const { id } = await createContainer(docker, runId, `dh-cp-links-${runId}`);
    await runContainerAction(client, id, 'start');
    // What a container can really put in a folder it is asked for: links to the host user's secrets.
    await execCommand(client, id, ['sh', '-c', 'mkdir -p /out/sub && echo one > /out/sub/file.txt && ln -s /root/.ssh /out/ssh && ln -s ../../etc/passwd /out/up && ln -s /root/.ssh /sshlink']);
    const back = mkdtempSync(path.join(os.tmpdir(), 'dh-cp-links-'));
    const result = await copyFromContainer(client, id, '/out', back);
    assert.equal(readFileSync(path.join(result.path, 'sub/file.txt'), 'utf8'), 'one\n');
    assert.deepEqual([...result.skipped].sort(), ['out/ssh (symlink → /root/.ssh)', 'out/up (symlink → ../../etc/passwd)']);
    assert.equal(existsSync(path.join(result.path, 'ssh')), false);
    assert.equal(existsSync(path.join(result.path, 'up')), false);

    const link = await copyFromContainer(client, id, '/sshlink', back);
    assert.deepEqual(link.skipped, ['sshlink (symlink → /root/.ssh)'], 'a link asked for by name is not followed either');
    assert.equal(existsSync(path.join(back, 'sshlink')), false);

    await execCommand(client, id, ['sh', '-c', 'echo two > /out/sub/file.txt']);
    await assert.rejects(copyFromContainer(client, id, '/out', back), /file\.txt already exists; nothing existing was replaced/);
    assert.equal(readFileSync(path.join(result.path, 'sub/file.txt'), 'utf8'), 'one\n');
    const asked: string[] = [];
    await copyFromContainer(client, id, '/out', back, undefined, { confirmOverwrite: async (file) => (asked.push(file), true) });
    assert.deepEqual(asked, [path.join(result.path, 'sub/file.txt')]);
    assert.equal(readFileSync(path.join(result.path, 'sub/file.txt'), 'utf8'), 'two\n');
  });
});
