// Container commands in real VS Code against the real engine, run on tree nodes the way the
// context menu runs them (node, selected nodes).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { menu } from './menuArguments';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { DockerHostsApi } from '../../../src/extension/api';
import { localGroup } from './localGroups';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { cleanUp, createContainer, eventually, localDocker, newRunId } from '../../support/engine';

const docker = localDocker();
const runId = newRunId();
let api: DockerHostsApi;

async function containerNode(name: string): Promise<TreeNode> {
  const group = await localGroup(api, 'Containers');
  return eventually(`node ${name}`, 5_000, async () => (await api.treeDataProvider.getChildren(group)).find((n) => n.getTreeItem().label === name));
}

const state = async (name: string): Promise<string> => (await docker.getContainer(name).inspect()).State.Status;

function waitForClose(terminal: vscode.Terminal): Promise<number | undefined> {
  return new Promise((resolve) => {
    const subscription = vscode.window.onDidCloseTerminal((closed) => {
      if (closed === terminal) {
        subscription.dispose();
        resolve(closed.exitStatus?.code);
      }
    });
  });
}

describe('Container commands', () => {
  const a = `dh-cmd-a-${runId}`;
  const b = `dh-cmd-b-${runId}`;

  before(async () => {
    api = await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dockerHosts');
    for (const name of [a, b]) {
      await (await createContainer(docker, runId, name)).start();
    }
  });

  after(() => cleanUp(docker, runId));

  it('stops every selected container (multi-select), then starts one', async () => {
    const [nodeA, nodeB] = [await containerNode(a), await containerNode(b)];
    await vscode.commands.executeCommand('dockerHosts.container.stop', nodeA, [nodeA, nodeB]);
    assert.deepEqual([await state(a), await state(b)], ['exited', 'exited']);
    await eventually('the tree to show both exited', 5_000, () => ([nodeA, nodeB].every((n) => n.getTreeItem().contextValue === 'container:exited') ? true : undefined));
    await vscode.commands.executeCommand('dockerHosts.container.start', nodeA, [nodeA]);
    assert.equal(await state(a), 'running');
    assert.equal(await state(b), 'exited');
  });

  it('pauses and unpauses', async () => {
    await vscode.commands.executeCommand('dockerHosts.container.pause', ...(await menu(containerNode(a))));
    assert.equal(await state(a), 'paused');
    await eventually('the paused icon', 5_000, async () => ((await containerNode(a)).getTreeItem().contextValue === 'container:paused' ? true : undefined));
    await vscode.commands.executeCommand('dockerHosts.container.unpause', ...(await menu(containerNode(a))));
    assert.equal(await state(a), 'running');
  });

  it('runs a command in a terminal whose exit code is the command’s', async () => {
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>('dockerHosts.container.runCommand', ...(await menu(containerNode(a))), scripted({ command: 'echo hi; exit 7' }));
    assert.ok(terminal);
    assert.equal(await waitForClose(terminal), 7);
  });

  it('opens a shell that takes what is typed into the terminal', async () => {
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>('dockerHosts.container.shell', ...(await menu(containerNode(a))));
    assert.ok(terminal);
    const closed = waitForClose(terminal);
    await new Promise((resolve) => setTimeout(resolve, 500));
    terminal.sendText('echo typed-in-the-terminal > /proof; exit 4');
    assert.equal(await closed, 4);
    const proof = await docker.getContainer(a).exec({ Cmd: ['cat', '/proof'], AttachStdout: true });
    const stream = await proof.start({ hijack: true, stdin: false });
    const output = await new Promise<string>((resolve) => {
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => resolve(text));
    });
    assert.match(output, /typed-in-the-terminal/, 'the echo ran in the container through the pseudoterminal');
  });

  it('copies the id, shows processes (top) and opens the log in a terminal', async () => {
    const node = await containerNode(a);
    const id = (await docker.getContainer(a).inspect()).Id;
    assert.equal(await vscode.commands.executeCommand('dockerHosts.container.copyId', node, [node]), id);
    assert.equal(await vscode.env.clipboard.readText(), id);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('dockerHosts.container.top', node, [node]);
    assert.match(editor?.document.getText() ?? '', /sleep 600/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const logs = await vscode.commands.executeCommand<vscode.Terminal>('dockerHosts.container.logs', node, [node]);
    assert.equal(logs?.name, `logs: ${a}`);
    assert.equal(logs?.exitStatus, undefined, 'following: the terminal stays open');
    logs?.dispose();
  });

  it('Open in Browser opens the published port at the machine\'s address, and that URL serves the container\'s page', async () => {
    const web = `dh-cmd-web-${runId}`;
    await (
      await createContainer(docker, runId, web, {
        Cmd: ['sh', '-c', 'mkdir -p /www && echo "hello from $(hostname)" > /www/index.html && exec httpd -f -p 8080 -h /www'],
        ExposedPorts: { '8080/tcp': {} },
        HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
      })
    ).start();
    const url = await vscode.commands.executeCommand<string | undefined>('dockerHosts.container.openInBrowser', ...(await menu(containerNode(web))));
    const hostPort = (await docker.getContainer(web).inspect()).NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort;
    assert.ok(hostPort, 'the engine published the port');
    assert.match(url ?? '', new RegExp(`^http://(127\\.0\\.0\\.1|localhost):${hostPort}/?$`));
    const page = await eventually('the page', 10_000, async () => (await fetch(url as string).then((r) => r.text()).catch(() => undefined)) || undefined);
    assert.match(page, /^hello from [0-9a-f]{12}/);
  });

  it('copies a file in and out of the container', async () => {
    const node = await containerNode(a);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-vscode-cp-'));
    writeFileSync(path.join(dir, 'note.txt'), 'from VS Code\n');
    await vscode.commands.executeCommand('dockerHosts.container.copyTo', node, [node], scripted({ localPath: path.join(dir, 'note.txt'), directory: '/' }));
    const out = mkdtempSync(path.join(os.tmpdir(), 'dh-vscode-cp-out-'));
    const copied = await vscode.commands.executeCommand<string>('dockerHosts.container.copyFrom', node, [node], scripted({ containerPath: '/note.txt', directory: out }));
    assert.equal(readFileSync(copied ?? '', 'utf8'), 'from VS Code\n');
  });

  it('renames, then removes with force (confirmed), and the node goes away', async () => {
    await vscode.commands.executeCommand('dockerHosts.container.rename', ...(await menu(containerNode(a))), scripted({ name: `${a}-renamed` }));
    const renamed = await containerNode(`${a}-renamed`);
    await vscode.commands.executeCommand('dockerHosts.container.remove', renamed, [renamed], scripted({ confirmed: true, force: true }));
    await assert.rejects(docker.getContainer(`${a}-renamed`).inspect(), /no such container/i);
  });

  it('turns an engine refusal into an error message, changes nothing, and keeps the host alive', async () => {
    const other = `dh-cmd-c-${runId}`;
    await createContainer(docker, runId, other);
    // The engine refuses a name in use (409 Conflict); the command reports it instead of throwing.
    const result = await vscode.commands.executeCommand('dockerHosts.container.rename', ...(await menu(containerNode(b))), scripted({ name: other }));
    assert.equal(result, undefined);
    assert.equal((await docker.getContainer(b).inspect()).Name, `/${b}`);
    assert.ok(await containerNode(b), 'the tree still works');
  });
});
