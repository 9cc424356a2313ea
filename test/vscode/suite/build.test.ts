// The build task and Build Image… in real VS Code, against the real engine (BuildKit, as 'auto'
// picks on it): tasks offered per Dockerfile, a successful build tagged, a failure shown on its
// Dockerfile line and cleared by the next good build, secrets and a cache mount from tasks.json,
// the classic builder when a task asks for it, and a terminated build that the engine stops.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { DockerHostsApi } from '../../../src/extension/api';
import Docker from 'dockerode';
import { BASE_IMAGE, eventually, fileInImage, localDocker, newRunId, processesWith } from '../../support/engine';
import { HOSTB } from '../../support/testHosts';
import { machineGroup, withHostBMachine } from './hostBMachine';

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
    const exitCode = await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, [uri], scripted({ tag: tag }));
    assert.equal(exitCode, 0);
    assert.ok(await docker.getImage(tag).inspect());
  });

  it('shows a failing step on its Dockerfile line, and a good build clears it', async () => {
    const lines = [`FROM ${BASE_IMAGE}`, 'RUN echo fine', '', '# the next step fails', 'RUN echo about to fail && exit 7'];
    const uri = workspaceFile(`bad-${runId}/Dockerfile`, lines.join('\n'));
    const exitCode = await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, [uri], scripted({ tag: `dh-vscode-bad-${runId}:1` }));
    assert.equal(exitCode, 1);
    const [diagnostic] = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'docker build');
    assert.ok(diagnostic, 'a build diagnostic');
    assert.equal(diagnostic.range.start.line, 4);
    assert.match(diagnostic.message, /RUN echo about to fail && exit 7: .*exit code: 7/);
    assert.match(diagnostic.message, /about to fail$/m, "the step's output is in the message");
    await assert.rejects(docker.getImage(`dh-vscode-bad-${runId}:1`).inspect(), 'nothing tagged');
    workspaceFile(`bad-${runId}/Dockerfile`, lines.slice(0, 2).join('\n'));
    assert.equal(await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, [uri], scripted({ tag: `dh-vscode-bad-${runId}:1` })), 0);
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
    const api = vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.exports;
    const hostB = new Docker({ socketPath: HOSTB.engine.socketPath });
    const image = `dh-vscode-remote-${runId}:1`;
    await withHostBMachine(`build-b-${runId}`, async (id) => {
      try {
        await vscode.commands.executeCommand('dockerHosts.machine.setActive', scripted({ machine: id }));
        assert.equal(api.activeMachine()?.id, id);
        const uri = workspaceFile(`remote-${runId}/Dockerfile`, `FROM ${BASE_IMAGE}\nCOPY note.txt /note.txt\n`);
        workspaceFile(`remote-${runId}/note.txt`, 'built on host B\n');
        assert.equal(await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, [uri], scripted({ tag: image })), 0);
        assert.ok(await hostB.getImage(image).inspect(), 'the image is on host B');
        await assert.rejects(docker.getImage(image).inspect(), 'and not on the local engine');
        const images = await machineGroup(api, `build-b-${runId}`, 'Images');
        assert.ok((await api.treeDataProvider.getChildren(images)).some((n) => n.getTreeItem().label === image), 'under the machine’s Images');
      } finally {
        await vscode.commands.executeCommand('dockerHosts.machine.setActive', scripted({ machine: 'local' }));
        await hostB.getImage(image).remove({ force: true }).catch(() => undefined);
      }
    });
  });

  it('mounts secrets from tasks.json (a file in the workspace and a variable) and keeps a cache mount between runs', async () => {
    const label = `secrets-${runId}`;
    const image = `dh-vscode-secrets-${runId}:1`;
    const variable = `DH_VSCODE_SECRET_${runId.replace(/\W/g, '_')}`;
    process.env[variable] = `from the environment ${runId}`; // the suite runs in the extension host: its environment
    workspaceFile(`secrets-${runId}/token.txt`, `from a file ${runId}`);
    workspaceFile(`secrets-${runId}/Dockerfile`, [
      `FROM ${BASE_IMAGE}`,
      'ARG ROUND',
      `RUN --mount=type=cache,id=dh-vscode-${runId},target=/cache --mount=type=secret,id=token,required=true --mount=type=secret,id=api,required=true \\`,
      '    echo "$ROUND" >> /cache/rounds && wc -c < /run/secrets/token > /token-length && wc -c < /run/secrets/api > /api-length && cp /cache/rounds /rounds',
    ].join('\n'));
    const taskFor = (round: string): object => ({
      type: 'docker-hosts-build', label, dockerfile: `secrets-${runId}/Dockerfile`, tags: [image], buildArgs: { ROUND: round },
      secrets: [{ id: 'token', src: `secrets-${runId}/token.txt` }, { id: 'api', env: variable }],
    });
    try {
      for (const round of ['first', 'second']) {
        workspaceFile('.vscode/tasks.json', JSON.stringify({ version: '2.0.0', tasks: [taskFor(round)] }));
        const task = await eventually('the tasks.json task', 15_000, async () => (await vscode.tasks.fetchTasks({ type: 'docker-hosts-build' })).find((t) => t.name === label && (t.definition.buildArgs as { ROUND?: string } | undefined)?.ROUND === round));
        const ended = waitForEnd(label);
        await vscode.tasks.executeTask(task);
        assert.equal(await ended, 0, `the ${round} run succeeds`);
      }
      assert.equal((await fileInImage(docker, image, '/token-length')).trim(), String(`from a file ${runId}`.length));
      assert.equal((await fileInImage(docker, image, '/api-length')).trim(), String(`from the environment ${runId}`.length));
      assert.equal((await fileInImage(docker, image, '/rounds')).trim(), 'first\nsecond', 'the second run saw what the first left in the cache mount');
    } finally {
      delete process.env[variable];
      await docker.getImage(image).remove({ force: true }).catch(() => undefined);
    }
  });

  it('writes the result into a workspace folder when the task has output: { type: "local" }', async () => {
    const label = `output-${runId}`;
    workspaceFile(`output-${runId}/Dockerfile`, [`FROM ${BASE_IMAGE} AS build`, `RUN mkdir /out && echo made for ${runId} > /out/result.txt`, 'FROM scratch', 'COPY --from=build /out /'].join('\n'));
    workspaceFile('.vscode/tasks.json', JSON.stringify({ version: '2.0.0', tasks: [{ type: 'docker-hosts-build', label, dockerfile: `output-${runId}/Dockerfile`, output: { type: 'local', dest: `output-${runId}/dist` } }] }));
    const task = await eventually('the output task', 15_000, async () => (await vscode.tasks.fetchTasks({ type: 'docker-hosts-build' })).find((t) => t.name === label));
    const ended = waitForEnd(label);
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 0);
    const written = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, `output-${runId}`, 'dist', 'result.txt');
    assert.equal(readFileSync(written, 'utf8'), `made for ${runId}\n`);
  });

  it('Build Image… (the Explorer\'s arguments) builds a Dockerfile the way its tasks.json task says: secrets and build args', async () => {
    const image = `dh-vscode-flow-${runId}:1`;
    workspaceFile(`flow-${runId}/secret.txt`, `flow secret ${runId}`);
    const uri = workspaceFile(`flow-${runId}/Dockerfile`, [`FROM ${BASE_IMAGE}`, 'ARG WHO', 'RUN --mount=type=secret,id=s,required=true wc -c < /run/secrets/s > /length && echo "$WHO" > /who'].join('\n'));
    workspaceFile('.vscode/tasks.json', JSON.stringify({ version: '2.0.0', tasks: [{ type: 'docker-hosts-build', label: `flow-${runId}`, dockerfile: `flow-${runId}/Dockerfile`, tags: ['ignored:by-build-image'], buildArgs: { WHO: 'from tasks.json' }, secrets: [{ id: 's', src: `flow-${runId}/secret.txt` }] }] }));
    await eventually('the tasks.json task', 15_000, async () => (await vscode.tasks.fetchTasks({ type: 'docker-hosts-build' })).find((t) => t.name === `flow-${runId}`));
    try {
      assert.equal(await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, [uri], scripted({ tag: image })), 0);
      assert.equal((await fileInImage(docker, image, '/length')).trim(), String(`flow secret ${runId}`.length));
      assert.equal((await fileInImage(docker, image, '/who')).trim(), 'from tasks.json');
      await assert.rejects(docker.getImage('ignored:by-build-image').inspect(), 'the tag asked wins over the task\'s');
    } finally {
      await docker.getImage(image).remove({ force: true }).catch(() => undefined);
    }
  });

  it('builds with the classic builder when the task says builder: "classic"', async () => {
    const label = `classic-${runId}`;
    const image = `dh-vscode-classic-${runId}:1`;
    workspaceFile(`classic-${runId}/Dockerfile`, `FROM ${BASE_IMAGE}\nRUN echo classic > /which\n`);
    workspaceFile('.vscode/tasks.json', JSON.stringify({ version: '2.0.0', tasks: [{ type: 'docker-hosts-build', label, dockerfile: `classic-${runId}/Dockerfile`, tags: [image], builder: 'classic' }] }));
    const task = await eventually('the classic task', 15_000, async () => (await vscode.tasks.fetchTasks({ type: 'docker-hosts-build' })).find((t) => t.name === label));
    const ended = waitForEnd(label);
    await vscode.tasks.executeTask(task);
    assert.equal(await ended, 0);
    // The classic builder leaves a parent chain and no BuildKit marker in the history.
    const history = await docker.getImage(image).history();
    assert.ok(!JSON.stringify(history).includes('buildkit.dockerfile'), 'built by the classic builder');
    await docker.getImage(image).remove({ force: true });
  });

  it('uses the classic builder on a machine the user settings name in dockerHosts.build.builderByMachine', async () => {
    const image = `dh-vscode-bymachine-${runId}:1`;
    writeFileSync(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '.vscode', 'tasks.json'), '{"version":"2.0.0","tasks":[]}');
    const uri = workspaceFile(`bymachine-${runId}/Dockerfile`, `FROM ${BASE_IMAGE}\nRUN echo by machine > /which\n`);
    const settings = vscode.workspace.getConfiguration('dockerHosts.build');
    await settings.update('builderByMachine', { local: 'classic' }, vscode.ConfigurationTarget.Global);
    try {
      assert.equal(await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, [uri], scripted({ tag: image })), 0);
      assert.ok(!JSON.stringify(await docker.getImage(image).history()).includes('buildkit.dockerfile'), 'built by the classic builder');
    } finally {
      await settings.update('builderByMachine', undefined, vscode.ConfigurationTarget.Global);
      await docker.getImage(image).remove({ force: true }).catch(() => undefined);
    }
  });

  it('stops the engine’s build when the task is terminated', async () => {
    writeFileSync(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, '.vscode', 'tasks.json'), '{"version":"2.0.0","tasks":[]}');
    const marker = `${runId}-slow`;
    workspaceFile(`slow-${runId}/Dockerfile`, `FROM ${BASE_IMAGE}\nRUN echo ${marker}; sleep 60; echo ${marker} done\n`);
    const task = await eventually('the slow task', 15_000, async () => (await vscode.tasks.fetchTasks({ type: 'docker-hosts-build' })).find((t) => t.definition.dockerfile === path.join(`slow-${runId}`, 'Dockerfile')));
    const execution = await vscode.tasks.executeTask(task);
    // BuildKit runs the step with runc on this machine: its shell is among this machine's processes.
    await eventually('the RUN step to run', 30_000, () => (processesWith(`echo ${marker}`) > 0 ? true : undefined));
    execution.terminate();
    await eventually('the engine to stop the build', 30_000, () => (processesWith(`echo ${marker}`) === 0 ? true : undefined));
  });
});

/**
 * Runs a command as a menu does and answers the tag input box it shows with its offered value
 * (the test cannot type; accepting takes what the box proposes). Resolves with the command's result.
 */
async function runAcceptingInput<T>(command: string, ...args: unknown[]): Promise<T | undefined> {
  let settled = false;
  const result = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (settled = true));
  const accepting = (async (): Promise<void> => {
    const until = Date.now() + 30_000;
    while (!settled && Date.now() < until) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const value = await result;
  await accepting;
  return value;
}

describe('Build Image… from the Explorer and editor menus', function () {
  this.timeout(120_000);
  const folderName = `menu-${runId}`;
  const remembered = `dh-vscode-menu-${runId}:2`;

  before(async () => {
    await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
  });

  after(async () => {
    for (const image of [remembered, `${folderName}:latest`]) {
      await docker.getImage(image).remove({ force: true }).catch(() => undefined);
    }
  });

  it('from the Explorer, (uri, selectedUris[]): asks for the tag, offers the last one used, and the image gets it', async () => {
    const uri = workspaceFile(`${folderName}/Dockerfile`, `FROM ${BASE_IMAGE}\nRUN echo ${runId} > /menu\n`);
    assert.equal(await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, [uri], scripted({ tag: remembered })), 0);
    await docker.getImage(remembered).remove();
    // What the Explorer passes: the file and the selection. The selection must not become the tag.
    assert.equal(await runAcceptingInput<number>('dockerHosts.build.image', uri, [uri]), 0);
    const image = await docker.getImage(remembered).inspect();
    assert.ok(image.RepoTags.includes(remembered), `tagged ${image.RepoTags.join(', ')}`);
  });

  it('from the editor title, (uri, { groupId }): offers a tag named after the folder for a file never built, and tags the image', async () => {
    const uri = workspaceFile(`${folderName}/web.Dockerfile`, `FROM ${BASE_IMAGE}\nRUN echo ${runId} > /web\n`);
    assert.equal(await runAcceptingInput<number>('dockerHosts.build.image', uri, { groupId: 1 }), 0);
    assert.ok((await docker.getImage(`${folderName}:latest`).inspect()).RepoTags.includes(`${folderName}:latest`));
  });

  it('refuses a positional tag (the old way a menu could fill) and builds nothing', async () => {
    const uri = workspaceFile(`${folderName}/Dockerfile`, `FROM ${BASE_IMAGE}\nRUN echo ${runId} > /menu\n`);
    const positional = `dh-vscode-positional-${runId}:1`;
    assert.equal(await vscode.commands.executeCommand('dockerHosts.build.image', uri, positional), undefined);
    await assert.rejects(docker.getImage(positional).inspect(), /no such image/i);
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
