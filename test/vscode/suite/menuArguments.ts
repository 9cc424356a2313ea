import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';

/** What VS Code passes a view/item/context command run on one node: the node, and the selection it is part of. */
export async function menu(node: TreeNode | Promise<TreeNode>): Promise<[TreeNode, TreeNode[]]> {
  const clicked = await node;
  return [clicked, [clicked]];
}
