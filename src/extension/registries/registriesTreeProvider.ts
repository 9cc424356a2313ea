import * as vscode from 'vscode';
import { NodeRegistry, TreeNode } from '../tree/nodes/treeNode';
import { NodeIds } from '../tree/contextValues';
import { RegistryConnections } from './registryConnections';
import { addressOf, RegistryList } from './registryList';
import { RegistryNode, RegistryViewContext } from './registryNodes';
import { allowHttpHostsSetting } from './registryConnections';

/** The Registries view: registry → repository → tag, read when expanded. */
export class RegistriesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listening: vscode.Disposable;
  private readonly context: RegistryViewContext;
  private readonly tagNodes = new NodeRegistry();

  constructor(readonly list: RegistryList, readonly connections: RegistryConnections) {
    this.listening = list.onDidChange(() => this.changed.fire(undefined));
    this.context = { clientFor: (entry) => connections.clientFor(entry), repaint: (node) => this.changed.fire(node), tagNodes: this.tagNodes };
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    if (node) return node.getChildren();
    const allowHttp = allowHttpHostsSetting();
    return this.list.all.map((entry) => {
      try {
        return new RegistryNode(entry, addressOf(entry, allowHttp), undefined, this.context);
      } catch (error) {
        // A setting changed since it was added (plain http no longer allowed): said under the node.
        return new RegistryNode(entry, undefined, (error as Error).message, this.context);
      }
    });
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Lists again, with fresh clients (new tokens, the current settings and credentials). */
  refresh(registryId?: string): void {
    this.forget(registryId);
    this.changed.fire(undefined);
  }

  /**
   * Drops a registry's client and tag objects without repainting: for changes to the list,
   * which repaints by itself (a second repaint right after it could swallow a click on a row).
   */
  forget(registryId?: string): void {
    this.connections.reset(registryId);
    // Details are read again: new tag objects for what is listed next.
    if (registryId === undefined) this.tagNodes.clear();
    else this.tagNodes.prune(`${NodeIds.registry(registryId)}/`, new Set());
  }

  dispose(): void {
    this.listening.dispose();
    this.changed.dispose();
  }
}
