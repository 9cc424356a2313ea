import * as vscode from 'vscode';
import { MachineChange } from '../../core/engine/machineSession';
import { MachineRegistry } from '../../core/machines/machineRegistry';
import { groupNodeId, resourceNodeId } from './nodes/groupNode';
import { MachineNode } from './nodes/machineNode';
import { ComposeProjectNode, ContainerNode } from './nodes/containerNode';
import { ImageNode } from './nodes/imageNode';
import { NetworkNode } from './nodes/networkNode';
import { NodeRegistry, TreeNode } from './nodes/treeNode';
import { VolumeNode } from './nodes/volumeNode';

/**
 * The Machines view. It refreshes exactly what an engine event changed: one node when a
 * resource's fields changed, its group when membership changed, the machine when its state did.
 */
export class MachinesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new NodeRegistry();
  private readonly subscription: { dispose(): void };

  constructor(private readonly registry: MachineRegistry) {
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

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    if (!node) {
      return this.registry.all.map((session) => this.nodes.reuse(session.machine.id, () => new MachineNode(session, this.nodes)));
    }
    return node.getChildren();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Re-reads everything (the Refresh command, or the view becoming visible again). */
  refreshAll(): void {
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private onMachineChange(machineId: string, change: MachineChange): void {
    if (change.scope === 'machine') {
      this.fireNode(machineId);
    } else if (change.scope === 'group') {
      this.fireNode(groupNodeId(machineId, change.kind));
    } else {
      const node = this.nodes.get(resourceNodeId(machineId, change.kind, change.resource.key));
      if (!node) {
        return; // Not shown (its group is collapsed or never listed): nothing to repaint.
      }
      updateInfo(node, change.resource);
      // A compose project's "n/m running" depends on its members; repaint it with them.
      this.changed.fire(node.parent instanceof ComposeProjectNode ? node.parent : node);
    }
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
