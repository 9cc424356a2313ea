import * as vscode from 'vscode';
import { ContainerInfo, ContainerState, formatPort, shortId } from '../../../core/engine/resources';
import { formatAge, md, mdCode } from '../../../core/util/format';
import { containerContextValue, ContextValues } from '../contextValues';
import { ContainerFolderNode } from './containerFileNodes';
import { TreeNode } from './treeNode';

const STATE_ICONS: Record<ContainerState, [icon: string, color?: string]> = {
  running: ['vm-running', 'charts.green'],
  paused: ['debug-pause', 'charts.yellow'],
  restarting: ['sync', 'charts.blue'],
  unhealthy: ['warning', 'charts.red'],
  exited: ['vm-outline'],
  created: ['circle-outline'],
  removing: ['trash'],
  dead: ['error', 'charts.red'],
};

export class ContainerNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly machineId: string, public info: ContainerInfo) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const { info } = this;
    const item = new vscode.TreeItem(info.name, this.hasFiles() ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const ports = info.ports.filter((p) => p.hostPort !== undefined).map(formatPort).join(', ');
    item.description = [info.image, info.status, ports].filter((part) => part !== '').join(' · ');
    const [icon, color] = STATE_ICONS[info.state] ?? ['circle-outline'];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = containerContextValue(info.state, info.ports.some((p) => p.hostPort !== undefined));
    item.tooltip = this.tooltip();
    item.accessibilityInformation = { label: `${info.name}, ${info.state}, image ${info.image}` };
    return item;
  }

  /** Its Files node: the archive endpoints reach a container's files in every state but these. */
  private hasFiles(): boolean {
    return this.info.state !== 'removing' && this.info.state !== 'dead';
  }

  override getChildren(): TreeNode[] {
    return this.hasFiles() ? [new ContainerFolderNode(this, this.machineId, this.id, this.info, '/', false)] : [];
  }

  private tooltip(): vscode.MarkdownString {
    const { info } = this;
    const lines = [
      `**${md(info.name)}** — ${md(info.state)}`,
      '',
      `ID: ${mdCode(shortId(info.id))}`,
      `Image: ${md(info.image)}`,
      `Command: ${mdCode(info.command)}`,
      `Created: ${info.created.toLocaleString()} (${formatAge(info.created)})`,
      `Status: ${md(info.status)}`,
    ];
    if (info.ports.length > 0) {
      lines.push(`Ports: ${md(info.ports.map(formatPort).join(', '))}`);
    }
    const labels = Object.entries(info.labels);
    if (labels.length > 0) {
      lines.push('', 'Labels:', ...labels.map(([k, v]) => `- ${md(k)}=${md(v)}`));
    }
    return new vscode.MarkdownString(lines.join('  \n'));
  }
}

/** Containers of one compose project, as a folder in the Containers group (the Compose group has the project's commands). */
export class ComposeFolderNode extends TreeNode {
  children: ContainerNode[] = [];

  constructor(parent: TreeNode, readonly id: string, readonly project: string) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.project, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const running = this.children.filter((c) => c.info.state === 'running').length;
    item.description = `compose · ${running}/${this.children.length} running`;
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = ContextValues.composeFolder;
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.children;
  }
}
