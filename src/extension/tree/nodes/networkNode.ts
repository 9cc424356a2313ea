import * as vscode from 'vscode';
import { EngineClient } from '../../../core/engine/engineClient';
import { AttachedContainer, attachedContainers } from '../../../core/engine/operations/networkOperations';
import { NetworkInfo, shortId } from '../../../core/engine/resources';
import { md, mdCode } from '../../../core/util/format';
import { ContextValues, networkContextValue, NodeIds } from '../contextValues';
import { TreeNode } from './treeNode';

export class NetworkNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly machineId: string, public info: NetworkInfo, private readonly engine: () => EngineClient) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const { info } = this;
    // host and none never have members worth listing.
    const expandable = info.name !== 'host' && info.name !== 'none';
    const item = new vscode.TreeItem(info.name, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [info.driver, info.scope, ...info.subnets, info.builtIn ? 'built-in' : '', info.internal ? 'internal' : '']
      .filter((part) => part !== '')
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(info.builtIn ? 'lock' : 'type-hierarchy');
    item.contextValue = networkContextValue(info.builtIn);
    const lines = [
      `**${md(info.name)}**${info.builtIn ? ' (built-in)' : ''}`,
      '',
      `ID: ${mdCode(shortId(info.id))}`,
      `Driver: ${md(info.driver)}`,
      `Scope: ${md(info.scope)}`,
      `Subnet: ${info.subnets.length > 0 ? md(info.subnets.join(', ')) : 'none'}`,
    ];
    item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
    return item;
  }

  /** The containers attached to it, from the network's own inspect data. */
  override async getChildren(): Promise<TreeNode[]> {
    const members = await attachedContainers(this.engine(), this.info.id);
    return members.map((member) => new NetworkMemberNode(this, NodeIds.networkMember(this.id, member.id), this.machineId, this.info.id, member));
  }
}

export class NetworkMemberNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly machineId: string, readonly networkId: string, readonly member: AttachedContainer) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.member.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.member.ipv4;
    item.iconPath = new vscode.ThemeIcon('plug');
    item.contextValue = ContextValues.networkMember;
    return item;
  }
}
