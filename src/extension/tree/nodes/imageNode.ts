import * as vscode from 'vscode';
import { ImageInfo, shortId } from '../../../core/engine/resources';
import { formatAge, formatSize, md, mdCode } from '../../../core/util/format';
import { imageContextValue } from '../contextValues';
import { TreeNode } from './treeNode';

export class ImageNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly machineId: string, public info: ImageInfo) {
    super(parent);
  }

  get label(): string {
    return this.info.tag ?? `<none> ${shortId(this.info.id)}`;
  }

  getTreeItem(): vscode.TreeItem {
    const { info } = this;
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${formatSize(info.size)} · ${formatAge(info.created)}`;
    item.iconPath = new vscode.ThemeIcon(info.tag ? 'package' : 'circle-slash');
    item.contextValue = imageContextValue(info.tag !== undefined);
    const lines = [
      `**${md(this.label)}**`,
      '',
      `ID: ${mdCode(shortId(info.id))}`,
      `Created: ${info.created.toLocaleString()} (${formatAge(info.created)})`,
      `Size: ${formatSize(info.size)}`,
    ];
    if (info.containers >= 0) {
      lines.push(`Containers: ${info.containers}`);
    }
    item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
    return item;
  }
}
