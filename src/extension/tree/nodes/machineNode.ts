import * as vscode from 'vscode';
import { describeEndpoint } from '../../../core/engine/endpoint';
import { MachineSession, MachineState } from '../../../core/engine/machineSession';
import { RESOURCE_KINDS } from '../../../core/engine/resources';
import { md } from '../../../core/util/format';
import { groupNodeId, GroupNode } from './groupNode';
import { failureNodes, MessageNode } from './messageNode';
import { NodeRegistry, TreeNode } from './treeNode';

const STATE_ICONS: Record<MachineState, vscode.ThemeIcon> = {
  connecting: new vscode.ThemeIcon('loading~spin'),
  reconnecting: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.yellow')),
  running: new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.green')),
  unreachable: new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('errorForeground')),
};

export class MachineNode extends TreeNode {
  constructor(readonly session: MachineSession, private readonly nodes: NodeRegistry) {
    super(undefined);
  }

  get id(): string {
    return this.session.machine.id;
  }

  getTreeItem(): vscode.TreeItem {
    const { machine, state, version, error } = this.session;
    const item = new vscode.TreeItem(machine.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = [state, version ? `Docker ${version.version}` : '', machine.driver].filter((s) => s !== '').join(' · ');
    item.iconPath = STATE_ICONS[state];
    // Menus match these flags: state, driver, and whether the user can edit it (stored) or not (auto).
    // Operations follow as " op-start op-ssh" so that menus need not know driver names.
    const operations = (machine.operations ?? []).map((operation) => ` op-${operation}`).join('');
    item.contextValue = `machine:${state}:${machine.driver}:${machine.stored ? 'stored' : 'auto'}${operations}`;
    const lines = [
      `**${md(machine.name)}** — ${state}`,
      '',
      `Driver: ${md(machine.driver)}`,
      `Address: \`${describeEndpoint(machine.endpoint)}\` (from ${md(machine.source)})`,
    ];
    if (version) {
      lines.push(`Engine: ${md(version.version)} (API ${md(version.apiVersion)}, ${md(version.os)}/${md(version.arch)})`);
    }
    lines.push(...(machine.remarks ?? []).map(md));
    if (error) {
      lines.push('', md(error));
    }
    item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
    return item;
  }

  /** A provisioned machine refused because its certificate expired or names another address. */
  private certificateNeedsRenewal(): boolean {
    return this.session.machine.driver === 'generic' && /TLS certificate of .* (does not name that address|has expired)/.test(this.session.error ?? '');
  }

  private regenerateNode(): MessageNode {
    const command = { title: 'Regenerate Certificates', command: 'dockerHosts.machine.regenerateCertificates', arguments: [this.id] };
    return new MessageNode(this, `${this.id}/regenerate`, 'Regenerate Certificates', new vscode.ThemeIcon('key'), command, 'regenerate');
  }

  override async getChildren(): Promise<TreeNode[]> {
    await this.session.connect();
    if (this.session.state === 'unreachable') {
      const failure = failureNodes(this, this.id, this.session.error ?? 'Unreachable');
      return this.certificateNeedsRenewal() ? [...failure, this.regenerateNode()] : failure;
    }
    return RESOURCE_KINDS.map((kind) => {
      const id = groupNodeId(this.id, kind);
      return this.nodes.reuse(id, () => new GroupNode(this, id, this.session, kind, this.nodes));
    });
  }
}
