import * as vscode from 'vscode';
import { ContextValues, NodeIds } from '../contextValues';
import { TreeNode } from './treeNode';

/** A leaf that says something (an error, an empty list) and may offer one action. */
export class MessageNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly id: string,
    readonly message: string,
    private readonly icon: vscode.ThemeIcon,
    private readonly command?: vscode.Command,
    private readonly contextValue: string = ContextValues.message,
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = this.icon;
    item.tooltip = this.message;
    item.contextValue = this.contextValue;
    if (this.command) {
      item.command = this.command;
    }
    return item;
  }
}

/**
 * The two children shown instead of a list when a machine or a list cannot be reached. Retry runs
 * on `parent` (a machine or group node) as a context menu would.
 */
export function failureNodes(parent: TreeNode, message: string): MessageNode[] {
  return [
    new MessageNode(parent, NodeIds.message(parent.id, 'error'), message, new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))),
    new MessageNode(parent, NodeIds.message(parent.id, 'retry'), 'Retry', new vscode.ThemeIcon('refresh'), {
      title: 'Retry',
      command: 'dockerHosts.machine.retry',
      arguments: [parent],
    }, ContextValues.retry),
  ];
}
