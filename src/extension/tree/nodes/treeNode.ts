import * as vscode from 'vscode';

/** A node of the Machines tree. `id` is stable (machine id + kind + object key) across refreshes. */
export abstract class TreeNode {
  abstract readonly id: string;
  constructor(readonly parent: TreeNode | undefined) {}
  abstract getTreeItem(): vscode.TreeItem;
  getChildren(): Promise<TreeNode[]> | TreeNode[] {
    return [];
  }
}

/**
 * Keeps one object per node id so that a partial refresh can fire the very element VS Code
 * already holds (the tree view looks elements up by identity).
 */
export class NodeRegistry {
  private readonly nodes = new Map<string, TreeNode>();

  reuse<T extends TreeNode>(id: string, create: () => T, update?: (existing: T) => void): T {
    const existing = this.nodes.get(id) as T | undefined;
    if (existing) {
      update?.(existing);
      return existing;
    }
    const node = create();
    this.nodes.set(id, node);
    return node;
  }

  get(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** Forgets nodes below a prefix that a fresh listing no longer produced. */
  prune(prefix: string, keep: ReadonlySet<string>): void {
    for (const id of this.nodes.keys()) {
      if (id.startsWith(prefix) && !keep.has(id)) {
        this.nodes.delete(id);
      }
    }
  }

  clear(): void {
    this.nodes.clear();
  }
}
