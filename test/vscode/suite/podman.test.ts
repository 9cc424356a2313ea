// A Podman engine as a machine of the tree, in real VS Code: added through New Machine as a local
// socket (the set-up's rootful podman), it shows "Podman 4.3.1", its containers and networks, and
// no swarm commands; Initialize Swarm on it is refused in words. The same engine over SSH (host B's
// sshd, its remote socket podman's) lists and stops containers from the tree.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerHostsApi } from '../../../src/extension/api';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { BASE_IMAGE, cleanUp, createContainer, eventually, localDocker, newRunId } from '../../support/engine';
import { PODMAN_SOCKET, podmanDocker, requirePodman } from '../../support/podman';
import { withHostBMachine } from './hostBMachine';
import { menu } from './menuArguments';

const docker = podmanDocker();
const runId = newRunId();
let api: DockerHostsApi;

async function machineRow(name: string): Promise<TreeNode | undefined> {
  return (await api.treeDataProvider.getChildren(undefined)).find((node) => node.getTreeItem().label === name);
}

async function childLabels(machine: TreeNode, group: string): Promise<string[]> {
  const node = (await api.treeDataProvider.getChildren(machine)).find((g) => g.getTreeItem().label === group);
  assert.ok(node, `the machine has a ${group} group`);
  return (await api.treeDataProvider.getChildren(node)).map((c) => String(c.getTreeItem().label));
}

describe('A Podman machine in the tree', () => {
  let machineId: string | undefined;
  const name = `podman-${runId}`;

  before(async () => {
    requirePodman();
    const extension = vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts');
    assert.ok(extension);
    api = await extension.activate();
    await api.ready;
  });

  after(async () => {
    if (machineId && api.machines().some((m) => m.id === machineId)) {
      await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: machineId, confirmed: true }));
    }
    await cleanUp(docker, runId);
  });

  it('adds the Podman socket as a local machine and shows its flavor, its containers and its networks', async () => {
    const container = await createContainer(docker, runId, `dh-vscode-pod-${runId}`);
    await container.start();
    machineId = await vscode.commands.executeCommand<string>('dockerHosts.machine.new', scripted({ name, driver: 'local', options: { socketPath: PODMAN_SOCKET } }));
    assert.ok(machineId, 'New Machine returned the id (the connection test passed)');
    const machine = await eventually('the Podman machine in the tree', 10_000, () => machineRow(name));
    const containers = await childLabels(machine, 'Containers');
    assert.ok(containers.includes(`dh-vscode-pod-${runId}`), `its container is listed: ${containers.join(', ')}`);
    const item = await eventually('the row to show the engine', 10_000, async () => {
      const shown = (await machineRow(name))?.getTreeItem();
      return String(shown?.description ?? '').includes('Podman') ? shown : undefined;
    });
    assert.match(String(item.description), /^running · Podman 4\.3\.\d+ · local$/);
    assert.match(String(item.contextValue), / noswarm$/, 'the menus offer no Initialize or Join Swarm');
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /Engine: Podman 4\\?\.3\\?\.\d+ \(API 1\\?\.41/, 'markdown-escaped in the tooltip');
    assert.match(tooltip, /Podman has no swarm mode/);
    assert.ok((await childLabels(machine, 'Networks')).includes('bridge'), 'podman’s default network, named bridge by the compat API');
    // The local Docker engine keeps its own description.
    const local = await eventually('local to connect', 10_000, async () => {
      const localNode = await machineRow('local');
      if (localNode) await api.treeDataProvider.getChildren(localNode); // expanding it connects
      const description = String((await machineRow('local'))?.getTreeItem().description ?? '');
      return description.startsWith('running') ? description : undefined;
    });
    assert.match(local, /^running · Docker \d+/);
  });

  it('builds with Build Image… on the Podman machine when it is the active one (the classic builder, chosen by itself); the image lands on podman only', async () => {
    assert.ok(machineId);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const dir = path.join(folder.uri.fsPath, `podman-build-${runId}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nCOPY note.txt /note.txt\nRUN cat /note.txt\n`);
    writeFileSync(path.join(dir, 'note.txt'), 'built on podman\n');
    const uri = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    const image = `dh-vscode-pod-build-${runId}:1`;
    try {
      await vscode.commands.executeCommand('dockerHosts.machine.setActive', scripted({ machine: machineId }));
      assert.equal(api.activeMachine()?.id, machineId);
      assert.equal(await vscode.commands.executeCommand<number>('dockerHosts.build.image', uri, [uri], scripted({ tag: image })), 0, 'the build succeeded');
      assert.ok(await docker.getImage(image).inspect(), 'the image is on podman');
      await assert.rejects(localDocker().getImage(image).inspect(), 'and not on the local engine');
    } finally {
      await vscode.commands.executeCommand('dockerHosts.machine.setActive', scripted({ machine: 'local' }));
      await docker.getImage(image).remove({ force: true }).catch(() => undefined);
    }
  });

  it('refuses Initialize Swarm on the Podman machine (a script reaches it even where the menu hides it): nothing is made', async () => {
    assert.ok(machineId);
    const result = await vscode.commands.executeCommand('dockerHosts.swarm.init', scripted({ machine: machineId, advertiseAddr: '127.0.0.1', defaultAddrPool: [] }));
    assert.equal(result, undefined, 'no swarm was made (the refusal, "Podman has no swarm mode", is the notification)');
    const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string } };
    assert.equal(info.Swarm?.LocalNodeState, 'inactive');
  });

  it('adds Podman over SSH (New Machine → SSH, the engine socket podman\'s): the row says Podman, and Stop Container from the tree stops a podman container', async () => {
    const container = await createContainer(docker, runId, `dh-vscode-pod-ssh-${runId}`);
    await container.start();
    const sshName = `podman-ssh-${runId}`;
    await withHostBMachine(sshName, async () => {
      const item = await eventually('the SSH Podman row to show the engine', 30_000, async () => {
        const row = await machineRow(sshName);
        if (row) await api.treeDataProvider.getChildren(row); // expanding it connects
        const shown = (await machineRow(sshName))?.getTreeItem();
        return String(shown?.description ?? '').includes('Podman') ? shown : undefined;
      });
      assert.match(String(item.description), /^running · Podman 4\.3\.\d+ · ssh$/);
      assert.match(String(item.contextValue), / noswarm$/);
      const machine = await eventually('the row', 10_000, () => machineRow(sshName));
      const containersGroup = (await api.treeDataProvider.getChildren(machine)).find((g) => g.getTreeItem().label === 'Containers');
      assert.ok(containersGroup);
      const node = await eventually('the podman container under the SSH machine', 20_000, async () =>
        (await api.treeDataProvider.getChildren(containersGroup)).find((c) => c.getTreeItem().label === `dh-vscode-pod-ssh-${runId}`));
      await vscode.commands.executeCommand('dockerHosts.container.stop', ...(await menu(node)));
      assert.equal((await container.inspect()).State.Running, false, 'podman says it stopped');
    }, PODMAN_SOCKET);
  });
});
