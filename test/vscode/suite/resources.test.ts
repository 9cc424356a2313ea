// Image, volume and network commands in real VS Code against the real engine (and a real
// registry on 127.0.0.1:5000), run on the tree's own nodes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { menu } from './menuArguments';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { DockerHostsApi } from '../../../src/extension/api';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { localGroup } from './localGroups';
import { BASE_IMAGE, cleanUp, createContainer, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';

const docker = localDocker();
const runId = newRunId();
let api: DockerHostsApi;

const group = (label: 'Images' | 'Volumes' | 'Networks'): Promise<TreeNode> => localGroup(api, label);

async function labels(parent: TreeNode): Promise<string[]> {
  return (await api.treeDataProvider.getChildren(parent)).map((n) => String(n.getTreeItem().label));
}

async function child(parent: TreeNode, label: string): Promise<TreeNode> {
  return eventually(`"${label}" in the tree`, 8_000, async () => (await api.treeDataProvider.getChildren(parent)).find((n) => n.getTreeItem().label === label));
}

describe('Image, volume and network commands', () => {
  const tag = `127.0.0.1:5000/dh-vscode-${runId}:v1`;

  before(async () => {
    api = await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dockerHosts');
  });

  after(async () => {
    await cleanUp(docker, runId);
    await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    await vscode.workspace.getConfiguration('dockerHosts.images').update('sortBy', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('dockerHosts.images').update('showDangling', undefined, vscode.ConfigurationTarget.Global);
  });

  it('tags an image from its node; the new tag appears in the tree by itself', async () => {
    const images = await group('Images');
    await vscode.commands.executeCommand('dockerHosts.image.tag', ...(await menu(child(images, BASE_IMAGE))), scripted({ tag }));
    assert.ok(await child(images, tag));
  });

  it('pushes to a registry, removes the local tag and pulls it back', async () => {
    const images = await group('Images');
    await vscode.commands.executeCommand('dockerHosts.image.push', ...(await menu(child(images, tag))));
    await vscode.commands.executeCommand('dockerHosts.image.remove', ...(await menu(child(images, tag))), scripted({ confirmed: true }));
    await assert.rejects(docker.getImage(tag).inspect());
    await vscode.commands.executeCommand('dockerHosts.image.pull', images, [images], scripted({ reference: tag }));
    assert.ok(await docker.getImage(tag).inspect());
    assert.ok(await child(images, tag));
  });

  it('runs an image with the options of the Run wizard', async () => {
    const id = await vscode.commands.executeCommand<string>('dockerHosts.image.run', ...(await menu(child(await group('Images'), BASE_IMAGE))), scripted({
      spec: { name: `dh-vscode-run-${runId}`, env: ['WHO=vscode'], command: 'sleep 600', restart: 'no' },
    }));
    assert.ok(id);
    const info = await docker.getContainer(id).inspect();
    await docker.getContainer(id).remove({ force: true });
    assert.equal(info.State.Status, 'running');
    assert.ok(info.Config.Env.includes('WHO=vscode'));
  });

  it('shows history and sorts images by size', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('dockerHosts.image.history', ...(await menu(child(await group('Images'), BASE_IMAGE))));
    assert.match(editor?.document.getText() ?? '', /busybox/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('dockerHosts.image.sortBy', scripted({ order: 'size' }));
    const sizes = (await api.treeDataProvider.getChildren(await group('Images'))).map((n) => (n as unknown as { info: { size: number } }).info.size);
    assert.ok(sizes.length > 1);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a), 'largest first');
  });

  it('hides dangling images when asked', async () => {
    // Committing twice under one tag leaves the first image untagged (dangling).
    const maker = await createContainer(docker, runId, `dh-dangle-${runId}`);
    await maker.commit({ repo: `dh-dangle-${runId}`, tag: 'x', changes: [`LABEL ${TEST_LABEL}=${runId}`, 'LABEL n=1'] } as never);
    await maker.commit({ repo: `dh-dangle-${runId}`, tag: 'x', changes: [`LABEL ${TEST_LABEL}=${runId}`, 'LABEL n=2'] } as never);
    const images = await group('Images');
    await eventually('a <none> image', 8_000, async () => ((await labels(images)).some((l) => l.startsWith('<none>')) ? true : undefined));
    await vscode.commands.executeCommand('dockerHosts.image.hideDangling');
    await eventually('no <none> image', 8_000, async () => ((await labels(await group('Images'))).some((l) => l.startsWith('<none>')) ? undefined : true));
    await vscode.commands.executeCommand('dockerHosts.image.showDangling');
  });

  it('creates a volume, browses a file in it read-only, refuses to remove it while used, then removes it', async () => {
    const name = `dh-vscode-vol-${runId}`;
    const volumes = await group('Volumes');
    await vscode.commands.executeCommand('dockerHosts.volume.create', volumes, [volumes], scripted({ spec: { name, labels: { [TEST_LABEL]: runId } } }));
    const user = await createContainer(docker, runId, `dh-vscode-voluser-${runId}`, { Cmd: ['sh', '-c', 'echo "hello volume" > /data/hello.txt; sleep 600'], HostConfig: { Binds: [`${name}:/data`] } });
    await user.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const node = await child(volumes, name);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('dockerHosts.volume.browse', node, [node], scripted({ file: 'hello.txt' }));
    assert.equal(editor?.document.getText(), 'hello volume\n');
    assert.equal(editor?.document.uri.scheme, 'docker-hosts-volume');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand('dockerHosts.volume.remove', node, [node], scripted({ confirmed: true }));
    assert.ok(await docker.getVolume(name).inspect(), 'in use: refused, still there');
    await user.remove({ force: true });
    await vscode.commands.executeCommand('dockerHosts.volume.remove', ...(await menu(child(volumes, name))), scripted({ confirmed: true }));
    await assert.rejects(docker.getVolume(name).inspect());
  });

  it('creates a network, connects a container (shown as its child), disconnects it and removes the network', async () => {
    const name = `dh-vscode-net-${runId}`;
    const networks = await group('Networks');
    await vscode.commands.executeCommand('dockerHosts.network.create', networks, [networks], scripted({ spec: { name, labels: { [TEST_LABEL]: runId } } }));
    const container = await createContainer(docker, runId, `dh-vscode-netuser-${runId}`);
    await container.start();
    const network = await child(networks, name);
    await vscode.commands.executeCommand('dockerHosts.network.connect', network, [network], scripted({ container: container.id }));
    const member = await child(network, `dh-vscode-netuser-${runId}`);
    assert.equal(member.getTreeItem().contextValue, 'networkMember');
    await vscode.commands.executeCommand('dockerHosts.network.disconnect', member, [member]);
    assert.deepEqual(await labels(network), []);
    await vscode.commands.executeCommand('dockerHosts.network.remove', network, [network], scripted({ confirmed: true }));
    await assert.rejects(docker.getNetwork(name).inspect());
  });

  it('offers no Remove on built-in networks (the command skips them)', async () => {
    await vscode.commands.executeCommand('dockerHosts.network.remove', ...(await menu(child(await group('Networks'), 'bridge'))), scripted({ confirmed: true }));
    assert.ok(await docker.getNetwork('bridge').inspect());
    const menus = (vscode.extensions.getExtension('docker-hosts.docker-hosts')!.packageJSON as { contributes: { menus: Record<string, { command: string; when: string }[]> } }).contributes.menus['view/item/context'];
    assert.ok(menus?.filter((m) => m.command === 'dockerHosts.network.remove').every((m) => m.when.includes('network:user')));
  });
});
