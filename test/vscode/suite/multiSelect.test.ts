// Multi-select in real VS Code against the real engine: what a context menu passes when several
// nodes are selected is (clicked node, selected nodes[]); every action works on the selection,
// only on nodes of its kind, and only when the clicked node is part of it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { DockerHostsApi } from '../../../src/extension/api';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { localGroup } from './localGroups';
import { BASE_IMAGE, cleanUp, createContainer, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';

const docker = localDocker();
const runId = newRunId();
let api: DockerHostsApi;

const groupOf = (label: 'Containers' | 'Images' | 'Volumes'): Promise<TreeNode> => localGroup(api, label);

async function nodes(label: 'Containers' | 'Images' | 'Volumes', names: readonly string[]): Promise<TreeNode[]> {
  const group = await groupOf(label);
  return eventually(`${names.join(', ')} in ${label}`, 8_000, async () => {
    const children = await api.treeDataProvider.getChildren(group);
    const found = names.map((name) => children.find((n) => n.getTreeItem().label === name));
    return found.every((n) => n !== undefined) ? (found as TreeNode[]) : undefined;
  });
}

const state = async (name: string): Promise<string> => (await docker.getContainer(name).inspect()).State.Status;
/** A person acts on what the tree shows: wait until the nodes show the engine's states. */
async function shown(all: readonly TreeNode[], states: readonly string[]): Promise<void> {
  const expected = states.map((state) => `container:${state}`);
  const showing = async (): Promise<(string | undefined)[]> => {
    await api.treeDataProvider.getChildren(await groupOf('Containers')); // what an expanded, visible group does
    return all.map((node) => node.getTreeItem().contextValue);
  };
  await eventually(`the tree to show ${states.join(', ')}`, 8_000, async () => ((await showing()).every((value, i) => value === expected[i]) ? true : undefined)).catch(async () =>
    assert.deepEqual(await showing(), expected),
  );
}

const exists = (check: Promise<unknown>): Promise<boolean> => check.then(() => true, () => false);

describe('Multi-select: actions work on the selection', function () {
  this.timeout(60_000);
  const containers = ['a', 'b', 'c', 'd', 'e'].map((letter) => `dh-multi-${letter}-${runId}`);

  before(async () => {
    api = await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dockerHosts');
    for (const name of containers) {
      await (await createContainer(docker, runId, name)).start();
    }
  });

  after(() => cleanUp(docker, runId));

  it('stops five containers at once, pauses and unpauses two, restarts three, kills two, and removes them all', async () => {
    const all = await nodes('Containers', containers);
    const [first] = all;
    assert.ok(first);
    await vscode.commands.executeCommand('dockerHosts.container.stop', first, all);
    assert.deepEqual(await Promise.all(containers.map(state)), containers.map(() => 'exited'));
    await shown(all, containers.map(() => 'exited'));
    await vscode.commands.executeCommand('dockerHosts.container.start', first, all);
    assert.deepEqual(await Promise.all(containers.map(state)), containers.map(() => 'running'));
    await shown(all, containers.map(() => 'running'));
    await vscode.commands.executeCommand('dockerHosts.container.pause', all[1], all.slice(1, 3));
    assert.deepEqual(await Promise.all(containers.map(state)), ['running', 'paused', 'paused', 'running', 'running']);
    await shown(all, ['running', 'paused', 'paused', 'running', 'running']);
    await vscode.commands.executeCommand('dockerHosts.container.unpause', all[2], all.slice(1, 3));
    assert.deepEqual(await Promise.all(containers.map(state)), containers.map(() => 'running'));
    await shown(all, containers.map(() => 'running'));
    const started = async (name: string): Promise<string> => (await docker.getContainer(name).inspect()).State.StartedAt;
    const before = await Promise.all(containers.map(started));
    await vscode.commands.executeCommand('dockerHosts.container.restart', all[0], all.slice(0, 3));
    const after = await Promise.all(containers.map(started));
    assert.deepEqual(after.map((time, i) => time !== before[i]), [true, true, true, false, false]);
    await shown(all, containers.map(() => 'running'));
    await vscode.commands.executeCommand('dockerHosts.container.kill', all[3], all.slice(3), scripted({ signal: 'SIGKILL' }));
    assert.deepEqual(await Promise.all(containers.map(state)), ['running', 'running', 'running', 'exited', 'exited']);
    await vscode.commands.executeCommand('dockerHosts.container.remove', first, all, scripted({ confirmed: true, force: true }));
    const left = await Promise.all(containers.map((name) => exists(docker.getContainer(name).inspect())));
    assert.deepEqual(left, containers.map(() => false));
  });

  it('acts on the clicked node alone when it is not part of the selection (as VS Code lists do)', async () => {
    const [x, y] = [`dh-multi-x-${runId}`, `dh-multi-y-${runId}`];
    await (await createContainer(docker, runId, x)).start();
    await (await createContainer(docker, runId, y)).start();
    const [nodeX, nodeY] = await nodes('Containers', [x, y]);
    assert.ok(nodeX && nodeY);
    await shown([nodeX, nodeY], ['running', 'running']);
    await vscode.commands.executeCommand('dockerHosts.container.stop', nodeX, [nodeY]);
    assert.deepEqual([await state(x), await state(y)], ['exited', 'running']);
  });

  it('removes three images at once, and ignores selected nodes of another kind', async () => {
    const repo = `dh-multi-image-${runId}`;
    const tags = ['1', '2', '3'].map((version) => `${repo}:${version}`);
    for (const version of ['1', '2', '3']) {
      await docker.getImage(BASE_IMAGE).tag({ repo, tag: version });
    }
    await vscode.commands.executeCommand('dockerHosts.refresh');
    const images = await nodes('Images', tags);
    const [container] = await nodes('Containers', [`dh-multi-y-${runId}`]);
    assert.ok(container);
    await vscode.commands.executeCommand('dockerHosts.image.remove', images[0], [...images, container], scripted({ confirmed: true }));
    assert.deepEqual(await Promise.all(tags.map((tag) => exists(docker.getImage(tag).inspect()))), [false, false, false]);
    assert.ok(await exists(docker.getContainer(`dh-multi-y-${runId}`).inspect()), 'the selected container is untouched');
    assert.ok(await exists(docker.getImage(BASE_IMAGE).inspect()), 'the base image keeps its own tag');
  });

  it('removes two volumes at once', async () => {
    const names = [`dh-multi-v1-${runId}`, `dh-multi-v2-${runId}`];
    for (const name of names) {
      await docker.createVolume({ Name: name, Labels: { [TEST_LABEL]: runId } });
    }
    await vscode.commands.executeCommand('dockerHosts.refresh');
    const volumes = await nodes('Volumes', names);
    await vscode.commands.executeCommand('dockerHosts.volume.remove', volumes[1], volumes, scripted({ confirmed: true }));
    assert.deepEqual(await Promise.all(names.map((name) => exists(docker.getVolume(name).inspect()))), [false, false]);
  });
});
