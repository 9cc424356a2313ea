// Runs inside real VS Code's extension host, against the real local engine: walks the tree
// through the extension's own provider, exactly what the Machines view renders.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerHostsApi } from '../../../src/extension/api';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { cleanUp, createContainer, eventually, localDocker, newRunId } from '../../support/engine';
import { hangingSocket } from '../../support/hangingSocket';

const docker = localDocker();
const runId = newRunId();
let api: DockerHostsApi;

async function activateExtension(): Promise<DockerHostsApi> {
  const extension = vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts');
  assert.ok(extension, 'the extension is installed in this VS Code');
  return extension.activate();
}

async function childByLabel(parent: TreeNode | undefined, label: string): Promise<TreeNode> {
  const children = await api.treeDataProvider.getChildren(parent);
  const match = children.find((child) => child.getTreeItem().label === label);
  assert.ok(match, `"${label}" among [${children.map((c) => String(c.getTreeItem().label)).join(', ')}]`);
  return match;
}

function iconId(node: TreeNode): string | undefined {
  const icon = node.getTreeItem().iconPath;
  return icon instanceof vscode.ThemeIcon ? icon.id : undefined;
}

describe('Machines view in VS Code', () => {
  before(async () => {
    api = await activateExtension();
    // Open the view so that it is visible and follows engine events, as for a user.
    await vscode.commands.executeCommand('workbench.view.extension.dockerHosts');
  });

  after(() => cleanUp(docker, runId));

  it('shows the local engine as a running machine with its Docker version', async () => {
    const local = await childByLabel(undefined, 'local');
    await api.treeDataProvider.getChildren(local);
    const item = local.getTreeItem();
    assert.match(String(item.description), /^running · Docker \d+\.\d+/);
    assert.equal(item.contextValue, 'machine:running:local:auto');
    const groups = (await api.treeDataProvider.getChildren(local)).map((g) => g.getTreeItem().label);
    assert.deepEqual(groups, ['Containers', 'Compose', 'Images', 'Volumes', 'Networks']);
  });

  it('lists a container made through the Engine API under local → Containers, with its state', async () => {
    const name = `dh-vscode-${runId}`;
    const container = await createContainer(docker, runId, name, { HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '0' }] } } as never, ExposedPorts: { '80/tcp': {} } } as never);
    await container.start();
    const containers = await childByLabel(await childByLabel(undefined, 'local'), 'Containers');
    const node = await eventually('the container node', 10_000, async () => {
      const children = await api.treeDataProvider.getChildren(containers);
      return children.find((c) => c.getTreeItem().label === name);
    });
    const item = node.getTreeItem();
    assert.equal(item.contextValue, 'container:running:published');
    assert.equal(iconId(node), 'vm-running');
    assert.match(String(item.description), /^docker-hosts\/busybox(:latest)? · Up .* · \d+→80\/tcp$/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /sleep 600/);
  });

  it('repaints only that container node when it stops (engine event, no polling)', async () => {
    const name = `dh-vscode-${runId}`;
    const containers = await childByLabel(await childByLabel(undefined, 'local'), 'Containers');
    const node = await childByLabel(containers, name);
    const fired: (TreeNode | undefined)[] = [];
    const subscription = api.treeDataProvider.onDidChangeTreeData((element) => fired.push(element));
    try {
      await docker.getContainer(name).stop({ t: 0 });
      await eventually('the node to show exited', 10_000, () => (node.getTreeItem().contextValue === 'container:exited' ? true : undefined));
    } finally {
      subscription.dispose();
    }
    assert.ok(fired.includes(node), 'the change event named the container node itself');
    assert.ok(!fired.includes(undefined), 'the whole tree was not refreshed');
    assert.equal(iconId(node), 'vm-outline');
    assert.match(String(node.getTreeItem().description), /Exited/);
  });

  it('shows an engine that never answers as unreachable, with the reason and Retry, within 10 s', async () => {
    const hang = await hangingSocket();
    const added = api.addMachine({ id: `hang-${runId}`, name: 'hanging', driver: 'local', endpoint: { kind: 'unix', socketPath: hang.socketPath }, source: 'test' });
    try {
      const machine = await childByLabel(undefined, 'hanging');
      const started = Date.now();
      const children = await api.treeDataProvider.getChildren(machine);
      assert.ok(Date.now() - started <= 10_000, `answered in ${Date.now() - started} ms`);
      const [error, retry] = children.map((c) => c.getTreeItem());
      assert.match(String(error?.label), /No answer from unix:\/\/.* within \d+ s/);
      assert.equal(retry?.label, 'Retry');
      assert.equal(retry?.command?.command, 'dockerHosts.machine.retry');
      // The kind of failure comes from core, not from the sentence, and menus can match it.
      assert.equal(machine.getTreeItem().contextValue, 'machine:unreachable:local:auto failure-timeout');
      assert.equal(iconId(machine), 'vm-outline');
      // The other machine keeps working meanwhile.
      assert.equal((await childByLabel(undefined, 'local')).getTreeItem().contextValue, 'machine:running:local:auto');
    } finally {
      added.dispose();
      await hang.close();
    }
  });

  it('says plainly when there is no engine socket at all, and Retry runs without error', async () => {
    const added = api.addMachine({ id: `gone-${runId}`, name: 'gone', driver: 'local', endpoint: { kind: 'unix', socketPath: '/nonexistent/docker.sock' }, source: 'test' });
    try {
      const machine = await childByLabel(undefined, 'gone');
      const [error, retry] = await api.treeDataProvider.getChildren(machine);
      assert.match(String(error?.getTreeItem().label), /No Docker socket at unix:\/\/\/nonexistent\/docker.sock/);
      await vscode.commands.executeCommand(retry?.getTreeItem().command?.command ?? '', ...(retry?.getTreeItem().command?.arguments ?? []));
      assert.equal(machine.getTreeItem().contextValue, 'machine:unreachable:local:auto failure-no-socket');
    } finally {
      added.dispose();
    }
  });

  it('fetches nothing while the view is hidden, and catches up when it is shown again', async () => {
    const containers = await childByLabel(await childByLabel(undefined, 'local'), 'Containers');
    await api.treeDataProvider.getChildren(containers);
    await vscode.commands.executeCommand('workbench.view.explorer');
    const fired: (TreeNode | undefined)[] = [];
    const subscription = api.treeDataProvider.onDidChangeTreeData((element) => fired.push(element));
    const name = `dh-hidden-${runId}`;
    try {
      await (await createContainer(docker, runId, name)).start();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.deepEqual(fired, [], 'no engine event was followed while hidden');
      await vscode.commands.executeCommand('workbench.view.extension.dockerHosts');
      await eventually('a full refresh on becoming visible', 5_000, () => (fired.some((element) => element === undefined) ? true : undefined));
    } finally {
      subscription.dispose();
    }
    const fresh = await childByLabel(await childByLabel(undefined, 'local'), 'Containers');
    assert.ok(await childByLabel(fresh, name), 'the container made while hidden is listed');
  });

  it('opens Inspect as a read-only JSON document', async () => {
    const name = `dh-vscode-${runId}`;
    const containers = await childByLabel(await childByLabel(undefined, 'local'), 'Containers');
    const node = await childByLabel(containers, name);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('dockerHosts.container.inspect', node, [node]);
    assert.ok(editor, 'an editor opened');
    assert.equal(editor.document.uri.scheme, 'docker-hosts-inspect');
    assert.equal(editor.document.languageId, 'json');
    const details = JSON.parse(editor.document.getText()) as { Name: string; State: { Status: string } };
    assert.equal(details.Name, `/${name}`);
    assert.equal(details.State.Status, 'exited');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Refresh re-reads the tree', async () => {
    let fired = false;
    const subscription = api.treeDataProvider.onDidChangeTreeData(() => (fired = true));
    await vscode.commands.executeCommand('dockerHosts.refresh');
    subscription.dispose();
    assert.ok(fired);
    assert.ok(await childByLabel(undefined, 'local'));
  });
});
