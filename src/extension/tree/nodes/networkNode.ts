import * as vscode from 'vscode';
import { NetworkInfo, shortId } from '../../../core/engine/resources';
import { md } from '../../../core/util/format';
import { TreeNode } from './treeNode';

export class NetworkNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly machineId: string, public info: NetworkInfo) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const { info } = this;
    const item = new vscode.TreeItem(info.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [info.driver, info.scope, ...info.subnets, info.builtIn ? 'built-in' : '', info.internal ? 'internal' : '']
      .filter((part) => part !== '')
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(info.builtIn ? 'lock' : 'type-hierarchy');
    item.contextValue = info.builtIn ? 'network:builtin' : 'network:user';
    const lines = [
      `**${md(info.name)}**${info.builtIn ? ' (built-in)' : ''}`,
      '',
      `ID: \`${shortId(info.id)}\``,
      `Driver: ${md(info.driver)}`,
      `Scope: ${md(info.scope)}`,
      `Subnet: ${info.subnets.length > 0 ? md(info.subnets.join(', ')) : 'none'}`,
    ];
    item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
    return item;
  }
}
