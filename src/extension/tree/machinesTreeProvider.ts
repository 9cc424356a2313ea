import * as vscode from 'vscode';
import { MachineChange } from '../../core/engine/machineSession';
import { MachineRegistry } from '../../core/machines/machineRegistry';
import { ResourceFilter } from '../../core/engine/resourceFilter';
import { NodeIds } from './contextValues';
import { applyFilter } from './filterNodes';
import { ComposeSource } from './nodes/composeNodes';
import { MachineNode, RunStateSource } from './nodes/machineNode';
import { ComposeFolderNode, ContainerNode } from './nodes/containerNode';
import { ImageNode } from './nodes/imageNode';
import { NetworkNode } from './nodes/networkNode';
import { SwarmRootNode, SwarmSource } from './nodes/swarmNodes';
import { NodeRegistry, TreeNode } from './nodes/treeNode';
import { VolumeNode } from './nodes/volumeNode';

const COMPOSE_REPAINT_MS = 250;

/**
 * The Machines view. It refreshes exactly what an engine event changed: one node when a
 * resource's fields changed, its group when membership changed, the machine when its state did.
 */
export class MachinesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly filterChanged = new vscode.EventEmitter<ResourceFilter | undefined>();
  readonly onDidChangeFilter = this.filterChanged.event;
  private readonly nodes = new NodeRegistry();
  private readonly subscription: { dispose(): void };
  /** The Filter… command's filter on containers and images, or undefined for all. */
  private filter: ResourceFilter | undefined;
  /** Compose groups to repaint after a burst of container events (an `up` sends several per container). */
  private readonly composeRepaints = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly registry: MachineRegistry,
    private readonly compose: ComposeSource,
    private readonly swarm?: SwarmSource,
    /** Where machines the extension runs itself (VMs) are, when their engine does not answer. */
    private readonly runStates?: RunStateSource,
  ) {
    this.subscription = registry.onDidChange((change) => {
      if (change.type === 'machines') {
        this.refreshAll();
      } else {
        this.onMachineChange(change.session.machine.id, change.change);
      }
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  private runStatesWithRepaint(): RunStateSource | undefined {
    const source = this.runStates;
    return source && { has: (machine) => source.has(machine), runState: (id) => source.runState(id), repaint: (node) => this.changed.fire(node) };
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    if (!node) {
      const machines: TreeNode[] = this.registry.all.map((session) => this.nodes.reuse(session.machine.id, () => new MachineNode(session, this.nodes, this.compose, (id) => this.swarm?.roleOf(id), this.runStatesWithRepaint())));
      return [...machines, ...this.swarmNodes()];
    }
    const children = node.getChildren();
    const filter = this.filter;
    return filter ? Promise.resolve(children).then((shown) => applyFilter(filter, node, shown)) : children;
  }

  /**
   * One node per swarm, after the machines: a swarm spans machines, so it is shown once (its
   * members named in its description) rather than again under each machine.
   */
  private swarmNodes(): TreeNode[] {
    const { swarm } = this;
    if (!swarm) {
      return [];
    }
    return swarm.swarms().map((view) => {
      const id = NodeIds.swarm(view.clusterId);
      return this.nodes.reuse(id, () => new SwarmRootNode(id, view, swarm, this.nodes), (node) => (node.view = view));
    });
  }

  /** Repaints one node by id, when it is shown (swarm groups and services, from extension/swarm). */
  refreshNode(id: string): void {
    this.fireNode(id);
  }

  /** Repaints a node that is not kept by id (the folders of a container's Files, read afresh each time). */
  repaint(node: TreeNode): void {
    this.changed.fire(node);
  }

  /** Re-reads the top level (the set of swarms changed); expanded machines keep their nodes. */
  refreshRoot(): void {
    this.changed.fire(undefined);
  }

  get activeFilter(): ResourceFilter | undefined {
    return this.filter;
  }

  /** Shows only the containers and images that match (undefined: all), keeping what is expanded. */
  setFilter(filter: ResourceFilter | undefined): void {
    this.filter = filter;
    this.filterChanged.fire(filter);
    this.changed.fire(undefined);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Re-reads everything (the Refresh command, or the view becoming visible again). */
  refreshAll(): void {
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  /** Repaints the Compose group of one machine, or of all (the workspace's compose files changed). */
  refreshCompose(machineId?: string): void {
    const ids = machineId ? [machineId] : this.registry.all.map((session) => session.machine.id);
    ids.forEach((id) => this.fireNode(NodeIds.composeGroup(id)));
  }

  dispose(): void {
    this.composeRepaints.forEach((timer) => clearTimeout(timer));
    this.subscription.dispose();
    this.changed.dispose();
    this.filterChanged.dispose();
  }

  private onMachineChange(machineId: string, change: MachineChange): void {
    if (change.scope !== 'machine' && change.kind === 'container') {
      this.repaintComposeSoon(machineId);
    }
    if (change.scope === 'machine') {
      this.fireNode(NodeIds.machine(machineId));
    } else if (change.scope === 'group') {
      this.fireNode(NodeIds.group(machineId, change.kind));
    } else {
      const node = this.nodes.get(NodeIds.resource(machineId, change.kind, change.resource.key));
      if (!node) {
        return; // Not shown (its group is collapsed or never listed): nothing to repaint.
      }
      updateInfo(node, change.resource);
      if (this.filter && node.parent) {
        this.changed.fire(node.parent); // the change may move it in or out of the filter
        return;
      }
      // A compose project's "n/m running" depends on its members; repaint it with them.
      this.changed.fire(node.parent instanceof ComposeFolderNode ? node.parent : node);
    }
  }

  private repaintComposeSoon(machineId: string): void {
    if (this.composeRepaints.has(machineId)) {
      return;
    }
    this.composeRepaints.set(machineId, setTimeout(() => {
      this.composeRepaints.delete(machineId);
      this.refreshCompose(machineId);
    }, COMPOSE_REPAINT_MS));
  }

  private fireNode(id: string): void {
    const node = this.nodes.get(id);
    if (node) {
      this.changed.fire(node);
    }
  }
}

function updateInfo(node: TreeNode, info: ContainerNode['info'] | ImageNode['info'] | VolumeNode['info'] | NetworkNode['info']): void {
  if (node instanceof ContainerNode && info.kind === 'container') {
    node.info = info;
  } else if (node instanceof ImageNode && info.kind === 'image') {
    node.info = info;
  } else if (node instanceof VolumeNode && info.kind === 'volume') {
    node.info = info;
  } else if (node instanceof NetworkNode && info.kind === 'network') {
    node.info = info;
  }
}
