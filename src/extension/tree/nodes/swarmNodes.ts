// The Swarm nodes of the Machines tree: one per swarm (found by its cluster ID among the machines
// that answer), with Nodes, Services (and their tasks), Stacks, Secrets, Configs and overlay Networks.
// The data comes from a SwarmSource (extension/swarm), which asks whichever manager answers.
import * as vscode from 'vscode';
import { NetworkInfo } from '../../../core/engine/resources';
import { SwarmNodeRole, SwarmNodeSummary, SwarmObjectSummary, SwarmServiceSummary, SwarmTaskSummary } from '../../../core/swarm/swarmTypes';
import { md, mdCode } from '../../../core/util/format';
import { ContextValues, NodeIds, SWARM_GROUP_KINDS, SwarmGroupKind, swarmGroupContextValue, swarmNodeContextValue, swarmServiceContextValue } from '../contextValues';
import { MessageNode } from './messageNode';
import { NodeRegistry, TreeNode } from './treeNode';

/** A machine of the tree that is a node of the swarm. */
export interface SwarmMember {
  readonly machineId: string;
  readonly machineName: string;
  readonly nodeId: string;
  readonly manager: boolean;
}

/** One swarm as the machines that answered see it. */
export interface SwarmView {
  readonly clusterId: string;
  readonly members: readonly SwarmMember[];
}

/** A swarm node with the tree machine it is, when one is. */
export interface SwarmNodeView extends SwarmNodeSummary {
  readonly machineName?: string;
}

/** A task with its node's name: the tree machine it is when known, else the node's hostname. */
export interface SwarmTaskView extends SwarmTaskSummary {
  readonly nodeName: string;
}

/** Where the Swarm nodes' data comes from (extension/swarm: the managers of each swarm). */
export interface SwarmSource {
  /** The swarms known now (discovery runs on machine and swarm events). */
  swarms(): readonly SwarmView[];
  /** A machine's role in its swarm as last discovered; undefined when in none (or not yet asked). */
  roleOf(machineId: string): SwarmNodeRole | undefined;
  nodes(clusterId: string): Promise<SwarmNodeView[]>;
  services(clusterId: string): Promise<SwarmServiceSummary[]>;
  /** Tasks of one service; while `watchNodeId` stays expanded they are polled and that node repainted on a change. */
  tasks(clusterId: string, serviceId: string, watchNodeId: string): Promise<SwarmTaskView[]>;
  secrets(clusterId: string): Promise<SwarmObjectSummary[]>;
  configs(clusterId: string): Promise<SwarmObjectSummary[]>;
  networks(clusterId: string): Promise<NetworkInfo[]>;
}

const GROUPS: Record<SwarmGroupKind, { label: string; icon: string; empty: string }> = {
  nodes: { label: 'Nodes', icon: 'server', empty: 'No nodes' },
  services: { label: 'Services', icon: 'server-process', empty: 'No services' },
  stacks: { label: 'Stacks', icon: 'layers', empty: 'No stacks' },
  secrets: { label: 'Secrets', icon: 'lock', empty: 'No secrets' },
  configs: { label: 'Configs', icon: 'settings-gear', empty: 'No configs' },
  networks: { label: 'Networks', icon: 'type-hierarchy', empty: 'No overlay networks' },
};

/** A swarm: its members in the description, its groups as children. */
export class SwarmRootNode extends TreeNode {
  constructor(readonly id: string, public view: SwarmView, private readonly source: SwarmSource, private readonly nodes: NodeRegistry) {
    super(undefined);
  }

  get clusterId(): string {
    return this.view.clusterId;
  }

  getTreeItem(): vscode.TreeItem {
    const { view } = this;
    const item = new vscode.TreeItem('Swarm', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = `${view.clusterId.slice(0, 12)} · ${view.members.map((m) => `${m.machineName}${m.manager ? ' (manager)' : ''}`).join(', ')}`;
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = ContextValues.swarm;
    const lines = [`**Swarm** ${mdCode(view.clusterId)}`, '', 'Machines in this tree that are its nodes:', ...view.members.map((m) => `- ${md(m.machineName)}: ${m.manager ? 'manager' : 'worker'} ${mdCode(m.nodeId.slice(0, 12))}`)];
    item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
    return item;
  }

  override getChildren(): TreeNode[] {
    return SWARM_GROUP_KINDS.map((kind) => {
      const id = NodeIds.swarmGroup(this.clusterId, kind);
      return this.nodes.reuse(id, () => new SwarmGroupNode(this, id, kind, this.source, this.nodes));
    });
  }
}

/** Nodes, Services, Stacks, Secrets, Configs or Networks of one swarm: listed afresh on every expand. */
export class SwarmGroupNode extends TreeNode {
  constructor(readonly swarm: SwarmRootNode, readonly id: string, readonly kind: SwarmGroupKind, private readonly source: SwarmSource, private readonly nodes: NodeRegistry) {
    super(swarm);
  }

  get clusterId(): string {
    return this.swarm.clusterId;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(GROUPS[this.kind].label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(GROUPS[this.kind].icon);
    item.contextValue = swarmGroupContextValue(this.kind);
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    let children: TreeNode[];
    try {
      children = await this.listChildren();
    } catch (error) {
      return [new MessageNode(this, NodeIds.message(this.id, 'error'), (error as Error).message, new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')))];
    }
    if (children.length === 0) {
      return [new MessageNode(this, NodeIds.message(this.id, 'empty'), GROUPS[this.kind].empty, new vscode.ThemeIcon('info'))];
    }
    return children;
  }

  private async listChildren(): Promise<TreeNode[]> {
    const { clusterId, source } = this;
    const child = <T extends TreeNode>(key: string, create: (id: string) => T, update: (node: T) => void): T => {
      const id = NodeIds.swarmObject(this.id, key);
      return this.nodes.reuse(id, () => create(id), update);
    };
    switch (this.kind) {
      case 'nodes':
        return sortBy(await source.nodes(clusterId), (n) => n.hostname).map((info) => child(info.id, (id) => new SwarmMemberNode(this, id, clusterId, info), (n) => (n.info = info)));
      case 'services':
        return sortBy(await source.services(clusterId), (s) => s.name).map((info) => child(info.id, (id) => new SwarmServiceNode(this, id, clusterId, info, source), (n) => (n.info = info)));
      case 'stacks': {
        const byStack = new Map<string, SwarmServiceSummary[]>();
        for (const service of await source.services(clusterId)) {
          if (service.stack !== undefined) {
            byStack.set(service.stack, [...(byStack.get(service.stack) ?? []), service]);
          }
        }
        return [...byStack.keys()].sort().map((name) => {
          const services = byStack.get(name) ?? [];
          return child(name, (id) => new SwarmStackNode(this, id, clusterId, name, services, source, this.nodes), (n) => (n.services = services));
        });
      }
      case 'secrets':
      case 'configs': {
        const objects = this.kind === 'secrets' ? await source.secrets(clusterId) : await source.configs(clusterId);
        const contextValue = this.kind === 'secrets' ? ContextValues.swarmSecret : ContextValues.swarmConfig;
        return sortBy(objects, (o) => o.name).map((info) => child(info.id, (id) => new SwarmObjectNode(this, id, clusterId, info, contextValue), (n) => (n.info = info)));
      }
      case 'networks':
        return sortBy(await source.networks(clusterId), (n) => n.name).map((info) => child(info.id, (id) => new SwarmNetworkNode(this, id, clusterId, info), (n) => (n.info = info)));
    }
  }
}

const NODE_STATE_ICONS: Record<string, [string, string?]> = {
  ready: ['vm-running', 'charts.green'],
  down: ['vm-outline', 'errorForeground'],
  disconnected: ['debug-disconnect', 'charts.yellow'],
};

/** A node of the swarm: role, availability, state, engine version, and which machine of the tree it is. */
export class SwarmMemberNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly clusterId: string, public info: SwarmNodeView) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const { info } = this;
    const item = new vscode.TreeItem(info.hostname, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const role = info.role === 'manager' ? (info.leader ? 'leader' : 'manager') : 'worker';
    item.description = [role, info.availability, info.state, info.engineVersion ? `Docker ${info.engineVersion}` : '', info.machineName ? `= ${info.machineName}` : 'not in this tree'].filter((s) => s !== '').join(' · ');
    const [icon, color] = NODE_STATE_ICONS[info.state] ?? ['vm'];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = swarmNodeContextValue(info.role, info.availability);
    const lines = [
      `**${md(info.hostname)}** — ${md(role)}, ${md(info.availability)}, ${md(info.state)}`,
      '',
      `ID: ${mdCode(info.id)}`,
      `Address: ${mdCode(info.address)}`,
      info.reachability ? `Manager reachability: ${md(info.reachability)}` : '',
      `Machine in this tree: ${info.machineName ? md(info.machineName) : 'none'}`,
    ].filter((line) => line !== '');
    item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
    return item;
  }
}

/** `:8080->80/tcp`, as `docker service ls` prints a published port. */
export function describePorts(service: SwarmServiceSummary): string {
  return service.ports.map((p) => `${p.published !== undefined ? `*:${p.published}->` : ''}${p.target}/${p.protocol}`).join(', ');
}

/** `3/3` for replicated services, `2/2 (global)` for global ones, as `docker service ls` counts. */
export function describeReplicas(service: SwarmServiceSummary): string {
  return service.mode === 'replicated' ? `${service.runningTasks}/${service.desiredReplicas ?? 0}` : `${service.runningTasks} (global)`;
}

/** A service: mode, running/desired, image, ports; its tasks as children, kept current while expanded. */
export class SwarmServiceNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly clusterId: string, public info: SwarmServiceSummary, private readonly source: SwarmSource) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const { info } = this;
    const item = new vscode.TreeItem(info.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const updating = info.updateState && !/completed$/.test(info.updateState) ? info.updateState : '';
    item.description = [info.mode, describeReplicas(info), info.image, describePorts(info), updating].filter((s) => s !== '').join(' · ');
    const healthy = info.mode === 'global' || info.runningTasks >= (info.desiredReplicas ?? 0);
    item.iconPath = new vscode.ThemeIcon('server-process', new vscode.ThemeColor(healthy ? 'charts.green' : 'charts.yellow'));
    item.contextValue = swarmServiceContextValue(info.mode);
    const lines = [
      `**${md(info.name)}** — ${md(info.mode)}, ${md(describeReplicas(info))} running`,
      '',
      `ID: ${mdCode(info.id)}`,
      `Image: ${mdCode(info.image)}`,
      info.ports.length > 0 ? `Ports: ${md(describePorts(info))}` : '',
      info.stack ? `Stack: ${md(info.stack)}` : '',
      info.updateState ? `Update: ${md(info.updateState)}${info.updateMessage ? ` — ${md(info.updateMessage)}` : ''}` : '',
    ].filter((line) => line !== '');
    item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    try {
      const tasks = await this.source.tasks(this.clusterId, this.info.id, this.id);
      if (tasks.length === 0) {
        return [new MessageNode(this, NodeIds.message(this.id, 'empty'), 'No tasks', new vscode.ThemeIcon('info'))];
      }
      return tasks.map((task) => new SwarmTaskNode(this, NodeIds.swarmObject(this.id, task.id), this.info.name, task));
    } catch (error) {
      return [new MessageNode(this, NodeIds.message(this.id, 'error'), (error as Error).message, new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')))];
    }
  }
}

const TASK_ICONS: Record<string, [string, string?]> = {
  running: ['pass-filled', 'charts.green'],
  failed: ['error', 'errorForeground'],
  rejected: ['error', 'errorForeground'],
  shutdown: ['circle-slash'],
  complete: ['check'],
};

/** One task of a service: which node runs it, and its state (and what it wants). */
export class SwarmTaskNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly serviceName: string, readonly task: SwarmTaskView) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const { task } = this;
    const label = task.slot !== undefined ? `${this.serviceName}.${task.slot}` : `${this.serviceName}.${task.nodeName}`;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const wants = task.desiredState !== task.state && task.desiredState !== 'running' ? ` (→ ${task.desiredState})` : '';
    item.description = `${task.nodeName} · ${task.state}${wants}${task.error ? ` · ${task.error}` : ''}`;
    const [icon, color] = TASK_ICONS[task.state] ?? ['loading~spin'];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = ContextValues.swarmTask;
    item.tooltip = new vscode.MarkdownString([`**${md(label)}** on ${md(task.nodeName)}`, '', `Task: ${mdCode(task.id)}`, `State: ${md(task.state)} (desired ${md(task.desiredState)})`, `Message: ${md(task.message)}`, task.error ? `Error: ${md(task.error)}` : '', `Since: ${md(task.updatedAt)}`].filter((l) => l !== '').join('  \n'));
    return item;
  }
}

/** A stack (services labelled com.docker.stack.namespace), with its services. */
export class SwarmStackNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly clusterId: string, readonly name: string, public services: SwarmServiceSummary[], private readonly source: SwarmSource, private readonly nodes: NodeRegistry) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const running = this.services.filter((s) => s.runningTasks > 0).length;
    item.description = `${this.services.length} services · ${running} running`;
    item.iconPath = new vscode.ThemeIcon('layers-active');
    item.contextValue = ContextValues.swarmStack;
    return item;
  }

  override getChildren(): TreeNode[] {
    return sortBy(this.services, (s) => s.name).map((info) => {
      const id = NodeIds.swarmObject(this.id, info.id);
      return this.nodes.reuse(id, () => new SwarmServiceNode(this, id, this.clusterId, info, this.source), (n) => (n.info = info));
    });
  }
}

/** A secret or a config: name and date; its data is never read. */
export class SwarmObjectNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly clusterId: string, public info: SwarmObjectSummary, private readonly contextValue: string) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.info.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.info.createdAt.slice(0, 19).replace('T', ' ');
    item.iconPath = new vscode.ThemeIcon(this.contextValue === ContextValues.swarmSecret ? 'lock' : 'file');
    item.contextValue = this.contextValue;
    item.tooltip = new vscode.MarkdownString(`**${md(this.info.name)}**  \nID: ${mdCode(this.info.id)}`);
    return item;
  }
}

/** An overlay network of the swarm. */
export class SwarmNetworkNode extends TreeNode {
  constructor(parent: TreeNode, readonly id: string, readonly clusterId: string, public info: NetworkInfo) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const { info } = this;
    const item = new vscode.TreeItem(info.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = [info.driver, ...info.subnets, info.internal ? 'internal' : ''].filter((s) => s !== '').join(' · ');
    item.iconPath = new vscode.ThemeIcon(info.builtIn || info.name === 'ingress' ? 'lock' : 'type-hierarchy');
    item.contextValue = ContextValues.swarmNetwork;
    item.tooltip = new vscode.MarkdownString(`**${md(info.name)}** — ${md(info.driver)}, scope ${md(info.scope)}  \nID: ${mdCode(info.id)}`);
    return item;
  }
}

function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
