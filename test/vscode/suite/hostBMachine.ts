import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DockerHostsApi } from '../../../src/extension/api';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';

/**
 * Host B added as an SSH machine through New Machine (its host key checked against host B's
 * known_hosts, set in the user's settings meanwhile) while `run` runs; removed afterwards. Its
 * engine is host B's dockerd unless another socket of that host is given (host B shares this
 * machine's file system: only its network is its own).
 */
export async function withHostBMachine<T>(name: string, run: (id: string) => Promise<T>, remoteSocketPath = HOSTB.ssh.remoteSocketPath): Promise<T> {
  await ensureTestHosts();
  const settings = vscode.workspace.getConfiguration('dockerHosts.ssh');
  await settings.update('knownHostsFile', HOSTB.ssh.knownHostsPath, vscode.ConfigurationTarget.Global);
  try {
    const id = await vscode.commands.executeCommand<string>('dockerHosts.machine.new', scripted({
      name,
      driver: 'ssh',
      options: { host: HOSTB.ssh.host, user: HOSTB.ssh.username, identityFile: HOSTB.ssh.privateKeyPath, remoteSocketPath },
    }));
    assert.ok(id, `${name} was added`);
    try {
      return await run(id);
    } finally {
      await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: id, confirmed: true }));
    }
  } finally {
    await settings.update('knownHostsFile', undefined, vscode.ConfigurationTarget.Global);
  }
}

/** A machine's group (Containers, Compose, Images…) by their labels, as the tree provider gives it. */
export async function machineGroup(api: DockerHostsApi, machineName: string, label: string): Promise<TreeNode> {
  const machine = (await api.treeDataProvider.getChildren(undefined)).find((n) => n.getTreeItem().label === machineName);
  assert.ok(machine, `${machineName} is in the tree`);
  const group = (await api.treeDataProvider.getChildren(machine)).find((n) => n.getTreeItem().label === label);
  assert.ok(group, `${machineName} has a ${label} group`);
  return group;
}
