import * as assert from 'node:assert/strict';
import type { DockerHostsApi } from '../../../src/extension/api';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';

export type GroupLabel = 'Containers' | 'Compose' | 'Images' | 'Volumes' | 'Networks';

/** The local machine's group of that name, as the tree provider gives it (what a user expands). */
export async function localGroup(api: DockerHostsApi, label: GroupLabel): Promise<TreeNode> {
  const local = (await api.treeDataProvider.getChildren(undefined)).find((n) => n.getTreeItem().label === 'local');
  assert.ok(local, 'the local machine is in the tree');
  const group = (await api.treeDataProvider.getChildren(local)).find((n) => n.getTreeItem().label === label);
  assert.ok(group, `local has a ${label} group`);
  return group;
}
