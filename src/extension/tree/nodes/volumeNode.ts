import * as vscode from 'vscode';
import { VolumeInfo } from '../../../core/engine/resources';
import { md, mdCode } from '../../../core/util/format';
import { volumeContextValue } from '../contextValues';
import { TreeNode } from './treeNode';

export class VolumeNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly id: string,
    readonly machineId: string,
    public info: VolumeInfo,
    /** Names of the containers that mount it. */
    public usedBy: readonly string[],
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const { info, usedBy } = this;
    const item = new vscode.TreeItem(info.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${info.driver} · ${usedBy.length === 0 ? 'unused' : `used by ${usedBy.join(', ')}`}`;
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = volumeContextValue(usedBy.length > 0);
    const lines = [`**${md(info.name)}**`, '', `Driver: ${md(info.driver)}`, `Mountpoint: ${mdCode(info.mountpoint)}`];
    lines.push(usedBy.length === 0 ? 'Used by: no container' : `Used by: ${md(usedBy.join(', '))}`);
    item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
    return item;
  }
}
