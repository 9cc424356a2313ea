import * as vscode from 'vscode';
import { describeEndpoint } from '../../../core/engine/endpoint';
import { MachineState } from '../../../core/engine/machineSession';
import { MachineSession } from '../../../core/machines/session';
import { RESOURCE_KINDS } from '../../../core/engine/resources';
import { isCertificateRenewable } from '../../../core/util/failureKind';
import { md, mdCode } from '../../../core/util/format';
import { SwarmNodeRole } from '../../../core/swarm/swarmTypes';
import { ContextValues, machineContextValue, NodeIds, ShownRunState } from '../contextValues';
import { ComposeGroupNode, ComposeSource } from './composeNodes';
import { GroupNode } from './groupNode';
import { failureNodes, MessageNode } from './messageNode';
import { NodeRegistry, TreeNode } from './treeNode';

const STATE_ICONS: Record<MachineState, vscode.ThemeIcon> = {
  connecting: new vscode.ThemeIcon('loading~spin'),
  reconnecting: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.yellow')),
  running: new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('charts.green')),
  unreachable: new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('errorForeground')),
};

/** Where machines the extension runs itself are (extension/machines' MachineLifecycles is one). */
export interface RunStateSource {
  has(machine: { readonly driver: string }): boolean;
  runState(machineId: string): Promise<ShownRunState | undefined>;
  repaint?(node: TreeNode): void;
}

export class MachineNode extends TreeNode {
  constructor(
    readonly session: MachineSession,
    private readonly nodes: NodeRegistry,
    private readonly compose: ComposeSource,
    /** Its role in a swarm as last discovered (extension/swarm), for the menus. */
    private readonly swarmRoleOf: (machineId: string) => SwarmNodeRole | undefined = () => undefined,
    private readonly runStates?: RunStateSource,
  ) {
    super(undefined);
  }

  /** For machines the extension runs (VMs): their state when last asked, for the description and the menus. */
  private runState: ShownRunState | undefined;

  get id(): string {
    return NodeIds.machine(this.session.machine.id);
  }

  getTreeItem(): vscode.TreeItem {
    const { machine, state, version, error } = this.session;
    const item = new vscode.TreeItem(machine.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const runState = this.runStates?.has(machine) ? this.runState : undefined;
    // A VM that is simply stopped (or still booting) says so, rather than "connecting" or the connection error.
    const shownState = state !== 'running' && runState && runState !== 'unreachable' && runState !== 'running' ? runState : state;
    item.description = [shownState, version ? version.flavor.label : '', machine.driver].filter((s) => s !== '').join(' · ');
    item.iconPath = shownState === 'stopped' ? new vscode.ThemeIcon('vm-outline') : shownState === 'starting' || shownState === 'stopping' ? new vscode.ThemeIcon('loading~spin') : STATE_ICONS[state];
    item.contextValue = machineContextValue({
      state, driver: machine.driver, stored: machine.stored === true, operations: machine.operations ?? [], failure: this.session.failure, swarmRole: this.swarmRoleOf(machine.id),
      ...(machine.provisioned === true && { provisioned: true }),
      ...(this.runStates?.has(machine) && { runState: runState ?? 'unknown' }),
      ...(version && !version.flavor.capabilities.swarm && { noSwarm: true }),
    });
    const lines = [
      `**${md(machine.name)}** — ${state}`,
      '',
      `Driver: ${md(machine.driver)}`,
      `Address: ${mdCode(describeEndpoint(machine.endpoint))} (from ${md(machine.source)})`,
    ];
    if (version) {
      lines.push(`Engine: ${md(version.flavor.label)} (API ${md(version.apiVersion)}, ${md(version.os)}/${md(version.arch)})`);
      lines.push(...version.flavor.notes.map(md));
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
    return this.session.machine.provisioned === true && this.session.machine.stored === true && isCertificateRenewable(this.session.failure);
  }

  private startNode(): MessageNode {
    const command = { title: 'Start Machine', command: 'dockerHosts.machine.startVm', arguments: [this] };
    return new MessageNode(this, NodeIds.message(this.id, 'start'), 'Stopped — Start Machine', new vscode.ThemeIcon('debug-start'), command, ContextValues.message);
  }

  private regenerateNode(): MessageNode {
    const command = { title: 'Regenerate Certificates', command: 'dockerHosts.machine.regenerateCertificates', arguments: [this] };
    return new MessageNode(this, NodeIds.message(this.id, 'regenerate'), 'Regenerate Certificates', new vscode.ThemeIcon('key'), command, ContextValues.regenerate);
  }

  override async getChildren(): Promise<TreeNode[]> {
    await this.session.connect();
    if (this.runStates?.has(this.session.machine)) {
      const before = this.runState;
      this.runState = this.session.state === 'running' ? 'running' : await this.runStates.runState(this.session.machine.id);
      if (this.runState !== before) {
        this.runStates.repaint?.(this); // the description and menus follow the state just learnt
      }
      if (this.session.state === 'unreachable' && this.runState === 'stopped') {
        return [this.startNode()];
      }
    }
    if (this.session.state === 'unreachable') {
      const failure = failureNodes(this, this.session.error ?? 'Unreachable');
      return this.certificateNeedsRenewal() ? [...failure, this.regenerateNode()] : failure;
    }
    const groups: TreeNode[] = RESOURCE_KINDS.map((kind) => {
      const id = NodeIds.group(this.session.machine.id, kind);
      return this.nodes.reuse(id, () => new GroupNode(this, id, this.session, kind, this.nodes));
    });
    const composeId = NodeIds.composeGroup(this.session.machine.id);
    // After Containers: the same containers, by project and service, with the project's commands.
    groups.splice(1, 0, this.nodes.reuse(composeId, () => new ComposeGroupNode(this, composeId, this.session, this.compose, this.nodes)));
    return groups;
  }
}
