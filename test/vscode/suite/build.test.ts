// The build task and Build Image… in real VS Code, against the real engine: tasks offered per
// Dockerfile, a successful build tagged, a failure shown on its Dockerfile line and cleared by
// the next good build, and a terminated build that the engine stops.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerHostsApi } from '../../../src/extension/api';
import Docker from 'dockerode';
import { BASE_IMAGE, eventually, localDocker, newRunId } from '../../support/engine';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';

const docker = localDocker();
const runId = newRunId();

function workspaceFile(relative: string, content: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const full = path.join(folder.uri.fsPath, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return vscode.Uri.file(full);
}

describe('Build task and Build Image', function () {
  this.timeout(120_000);
  const tag = `dh-vscode-build-${runId}:1`;

  before(async () => {
    await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
  });

  after(async () => {
    await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
  });

  it('offers one build task per Dockerfile in the workspace', async () => {
    workspaceFile(`app-${runId}/Dockerfile`, `FROM ${BASE_IMAGE}\nRUN echo built > /built\n`);
    workspaceFile(`app-${runId}/web.Dockerfile`, `FROM ${BASE_IMAGE}\n`);
    const tasks = await eventually('the provided tasks', 10_000, async () => {
      const found = (await vscode.tasks.fetchTasks({ type: 'docker-hosts-build' })).map((t) => t.definition.dockerfile as string);
      return found.includes(path.join(`app-${runId}`, 'Dockerfile')) ? found : undefined;
    });
    assert.ok(tasks.includes(path.join(`app-${runId}`, 'web.Dockerfile')));
  });

  it('builds and tags an image with Build Image… (exit code 0)', async () => {
    const uri = workspaceFile(`app-${runId}/Dockerfile`, `FROM ${BASE_IMAGE}\nRUN echo built > /built\n`);
    const exitCode = await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, tag);
    assert.equal(exitCode, 0);
    assert.ok(await docker.getImage(tag).inspect());
  });

  it('shows a failing step on its Dockerfile line, and a good build clears it', async () => {
    const lines = [`FROM ${BASE_IMAGE}`, 'RUN echo fine', '', '# the next step fails', 'RUN echo about to fail && exit 7'];
    const uri = workspaceFile(`bad-${runId}/Dockerfile`, lines.join('\n'));
    const exitCode = await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, `dh-vscode-bad-${runId}:1`);
    assert.equal(exitCode, 1);
    const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker build');
    assert.ok(diagnostic, 'a build diagnostic');
    assert.equal(diagnostic.range.start.line, 4);
    assert.match(diagnostic.message, /returned a non-zero code: 7/);
    await assert.rejects(docker.getImage(`dh-vscode-bad-${runId}:1`).inspect(), 'nothing tagged');
    workspaceFile(`bad-${runId}/Dockerfile`, lines.slice(0, 2).join('\n'));
    assert.equal(await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, `dh-vscode-bad-${runId}:1`), 0);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker build'), []);
    await docker.getImage(`dh-vscode-bad-${runId}:1`).remove();
  });

  it('runs a task written in tasks.json, with build args and a target', async () => {
    workspaceFile(`multi-${runId}/Dockerfile`, [`FROM ${BASE_IMAGE} AS one`, 'ARG WORD', 'RUN echo "$WORD" > /word', `FROM ${BASE_IMAGE} AS two`, 'COPY --from=one /word /word'].join('\n'));
    const image = `dh-vscode-multi-${runId}:1`;
    const label = `multi-${runId}`;
    workspaceFile('.vscode/tasks.json', JSON.stringify({
      version: '2.0.0',
      tasks: [{ type: 'docker-hosts-build', label, dockerfile: `multi-${runId}/Dockerfile`, tags: [image], buildArgs: { WORD: 'from-tasks-json' }, target: 'two' }],
    }));
    const task = await eventually('the tasks.json task', 15_000, async () => (await vscode.tasks.fetchTasks({ type: 'docker-hosts-build' })).find((t) => t.name === label));
    const ended = waitForEnd(label);
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 0);
    const container = await docker.createContainer({ Image: image, Cmd: ['cat', '/word'] });
    await container.start();
    await container.wait();
    const output = ((await container.logs({ stdout: true })) as unknown as Buffer).toString();
    await container.remove();
    await docker.getImage(image).remove();
    assert.match(output, /from-tasks-json/);
  });

  it('builds on the active machine when that is a remote one (host B over SSH); the image shows under its Images', async () => {
    await ensureTestHosts();
    const api = vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.exports;
    const hostB = new Docker({ socketPath: HOSTB.engine.socketPath });
    const image = `dh-vscode-remote-${runId}:1`;
    const settings = vscode.workspace.getConfiguration('dockerHosts.ssh');
    await settings.update('knownHostsFile', HOSTB.ssh.knownHostsPath, vscode.ConfigurationTarget.Global);
    const id = await vscode.commands.executeCommand<string>('dockerHosts.machine.new', {
      name: `build-b-${runId}`,
      driver: 'ssh',
      options: { host: HOSTB.ssh.host, user: HOSTB.ssh.username, identityFile: HOSTB.ssh.privateKeyPath, remoteSocketPath: HOSTB.ssh.remoteSocketPath },
    });
    assert.ok(id);
    try {
      await vscode.commands.executeCommand('dockerHosts.machine.setActive', id);
      assert.equal(api.activeMachine()?.id, id);
      const uri = workspaceFile(`remote-${runId}/Dockerfile`, `FROM ${BASE_IMAGE}\nCOPY note.txt /note.txt\n`);
      workspaceFile(`remote-${runId}/note.txt`, 'built on host B\n');
      assert.equal(await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, image), 0);
      assert.ok(await hostB.getImage(image).inspect(), 'the image is on host B');
      await assert.rejects(docker.getImage(image).inspect(), 'and not on the local engine');
      const machine = (await api.treeDataProvider.getChildren(undefined)).find((n) => n.getTreeItem().label === `build-b-${runId}`);
      assert.ok(machine);
      const images = (await api.treeDataProvider.getChildren(machine)).find((n) => n.getTreeItem().label === 'Images');
      assert.ok(images);
      assert.ok((await api.treeDataProvider.getChildren(images)).some((n) => n.getTreeItem().label === image), 'under the machine’s Images');
    } finally {
      await vscode.commands.executeCommand('dockerHosts.machine.setActive', 'local');
      await vscode.commands.executeCommand('dockerHosts.machine.remove', id, true);
      await settings.update('knownHostsFile', undefined, vscode.ConfigurationTarget.Global);
      await hostB.getImage(image).remove({ force: true }).catch(() => undefined);
    }
  });

  it('stops the engine’s build when the task is terminated', async () => {
    writeFileSync(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '.vscode', 'tasks.json'), '{"version":"2.0.0","tasks":[]}');
    workspaceFile(`slow-${runId}/Dockerfile`, `FROM ${BASE_IMAGE}\nRUN echo ${runId}-slow && sleep 60\n`);
    const task = await eventually('the slow task', 15_000, async () => (await vscode.tasks.fetchTasks({ type: 'docker-hosts-build' })).find((t) => t.definition.dockerfile === path.join(`slow-${runId}`, 'Dockerfile')));
    const execution = await vscode.tasks.executeTask(task);
    const running = async (): Promise<boolean> => (await docker.listContainers()).some((c) => c.Command.includes(`${runId}-slow`));
    await eventually('the RUN step to run', 30_000, async () => ((await running()) ? true : undefined));
    execution.terminate();
    await eventually('the engine to stop the build', 30_000, async () => ((await running()) ? undefined : true));
  });
});

function waitForEnd(taskName: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.name === taskName) {
        subscription.dispose();
        resolve(event.exitCode);
      }
    });
  });
}
