import * as vscode from 'vscode';
import { ContainerInfo } from '../../../core/engine/resources';
import { MachineSession } from '../../../core/machines/session';
import { md, mdCode } from '../../../core/util/format';
import { ComposeProjectState, composeProjectContextValue, ContextValues, NodeIds } from '../contextValues';
import { ContainerNode } from './containerNode';
import { failureNodes, MessageNode } from './messageNode';
import { NodeRegistry, TreeNode } from './treeNode';

/** One service of a project as the Compose group shows it. */
export interface ComposeServiceView {
  readonly name: string;
  /** Its containers on the machine (none while the project is down). */
  readonly containers: readonly ContainerInfo[];
}

/** A compose project on a machine, or in the workspace's files and not yet up there. */
export interface ComposeProjectView {
  readonly name: string;
  readonly state: ComposeProjectState;
  readonly services: readonly ComposeServiceView[];
  /** Its compose files, when they are on this computer (from the workspace, or the labels' paths when they exist here). */
  readonly files?: { readonly configFiles: readonly string[]; readonly workingDir: string };
  /** Why its files could not be read (shown; Up then says it in full). */
  readonly problem?: string;
}

/** Where the Compose group's projects come from (extension/compose: the engine's labels and the workspace's files). */
export interface ComposeSource {
  projects(session: MachineSession, signal?: AbortSignal): Promise<ComposeProjectView[]>;
}

/** The Compose group of one machine: its projects, running or not, and the workspace's projects not up there. */
export class ComposeGroupNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly id: string,
    readonly session: MachineSession,
    private readonly source: ComposeSource,
    private readonly nodes: NodeRegistry,
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Compose', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = ContextValues.composeGroup;
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    let projects: ComposeProjectView[];
    try {
      projects = await this.source.projects(this.session);
    } catch (error) {
      return failureNodes(this, (error as Error).message);
    }
    const machineId = this.session.machine.id;
    const children = projects.map((view) => {
      const id = NodeIds.composeProject(machineId, view.name);
      return this.nodes.reuse(id, () => new ComposeProjectNode(this, id, machineId, view, this.nodes), (node) => node.update(view));
    });
    this.nodes.prune(`${this.id}/`, new Set(children.flatMap((node) => node.descendantIds())));
    if (children.length === 0) {
      return [new MessageNode(this, NodeIds.message(this.id, 'empty'), 'No compose projects here or in the workspace', new vscode.ThemeIcon('info'))];
    }
    return children;
  }
}

const PROJECT_ICONS: Record<ComposeProjectState, [icon: string, color?: string]> = {
  running: ['layers-active', 'charts.green'],
  partial: ['layers-dot', 'charts.yellow'],
  stopped: ['layers'],
  down: ['layers'],
};

/** A compose project on a machine: its services, and the commands (Up, Down, Logs…) of its context menu. */
export class ComposeProjectNode extends TreeNode {
  private services: ComposeServiceNode[] = [];

  constructor(parent: TreeNode, readonly id: string, readonly machineId: string, public view: ComposeProjectView, private readonly nodes: NodeRegistry) {
    super(parent);
    this.update(view);
  }

  get project(): string {
    return this.view.name;
  }

  update(view: ComposeProjectView): void {
    this.view = view;
    this.services = view.services.map((service) => {
      const id = NodeIds.composeService(this.id, service.name);
      return this.nodes.reuse(id, () => new ComposeServiceNode(this, id, this.machineId, service, this.nodes), (node) => node.update(service));
    });
  }

  descendantIds(): string[] {
    return [this.id, ...this.services.flatMap((service) => service.descendantIds())];
  }

  getTreeItem(): vscode.TreeItem {
    const { view } = this;
    const item = new vscode.TreeItem(view.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const containers = view.services.flatMap((service) => service.containers);
    const running = containers.filter((c) => c.state === 'running' || c.state === 'unhealthy').length;
    item.description = view.problem ? 'cannot be read' : view.state === 'down' ? `not up · ${view.services.length} services` : `${running}/${containers.length} running`;
    const [icon, color] = view.problem ? ['warning', 'problemsWarningIcon.foreground'] : PROJECT_ICONS[view.state];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = composeProjectContextValue(view.state, view.files !== undefined);
    const lines = [`**${md(view.name)}** — ${view.state === 'down' ? 'not up on this machine' : md(view.state)}`];
    if (view.files) {
      lines.push('', `Folder: ${mdCode(view.files.workingDir)}`, ...view.files.configFiles.map((file) => `File: ${mdCode(file)}`));
    }
    if (view.problem) {
      lines.push('', md(view.problem));
    }
    item.tooltip = new vscode.MarkdownString(lines.join('  \n'));
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.services;
  }
}

/** One service of a project, with its containers (one per replica). */
export class ComposeServiceNode extends TreeNode {
  private containers: ContainerNode[] = [];

  constructor(parent: TreeNode, readonly id: string, readonly machineId: string, public view: ComposeServiceView, private readonly nodes: NodeRegistry) {
    super(parent);
    this.update(view);
  }

  update(view: ComposeServiceView): void {
    this.view = view;
    this.containers = view.containers.map((info) => {
      const id = NodeIds.composeContainer(this.id, info.key);
      return this.nodes.reuse(id, () => new ContainerNode(this, id, this.machineId, info), (node) => (node.info = info));
    });
  }

  descendantIds(): string[] {
    return [this.id, ...this.containers.map((container) => container.id)];
  }

  getTreeItem(): vscode.TreeItem {
    const { containers } = this.view;
    const item = new vscode.TreeItem(this.view.name, containers.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const running = containers.filter((c) => c.state === 'running' || c.state === 'unhealthy').length;
    item.description = containers.length === 0 ? 'no container' : `${running}/${containers.length} running`;
    item.iconPath = new vscode.ThemeIcon('server-process', running > 0 ? new vscode.ThemeColor('charts.green') : undefined);
    item.contextValue = ContextValues.composeService;
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.containers;
  }
}
