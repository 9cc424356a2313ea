import * as vscode from 'vscode';
import { containerMatches, imageMatches, ResourceFilter } from '../../core/engine/resourceFilter';
import { ComposeFolderNode, ContainerNode } from './nodes/containerNode';
import { GroupNode } from './nodes/groupNode';
import { ImageNode } from './nodes/imageNode';
import { MessageNode } from './nodes/messageNode';
import { TreeNode } from './nodes/treeNode';

/**
 * The children of a Containers or Images group (or a compose project) that the filter lets through;
 * a project stays while one of its members matches. Other nodes are not filtered.
 */
export function applyFilter(filter: ResourceFilter, parent: TreeNode, children: readonly TreeNode[]): TreeNode[] {
  if (!(parent instanceof GroupNode || parent instanceof ComposeFolderNode)) {
    return [...children];
  }
  const shown = children.filter((child) => keeps(filter, child));
  if (shown.length === 0 && children.some((child) => !(child instanceof MessageNode))) {
    return [new MessageNode(parent, `${parent.id}/filtered`, `Nothing matches "${filter.text}"`, new vscode.ThemeIcon('filter'))];
  }
  return shown;
}

function keeps(filter: ResourceFilter, node: TreeNode): boolean {
  if (node instanceof ContainerNode) return containerMatches(filter, node.info);
  if (node instanceof ImageNode) return imageMatches(filter, node.info);
  if (node instanceof ComposeFolderNode) return node.children.some((member) => containerMatches(filter, member.info));
  return true; // messages, and the resources the filter does not cover
}
