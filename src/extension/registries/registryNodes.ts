import * as vscode from 'vscode';
import { imageReference, RegistryAddress } from '../../core/registry/registryAddress';
import { RegistryClient, TagDetails } from '../../core/registry/registryClient';
import { isRegistryError } from '../../core/registry/registryError';
import { platformLabel } from '../../core/registry/manifests';
import { shortId } from '../../core/engine/resources';
import { formatAge, formatSize, md, mdCode } from '../../core/util/format';
import { ContextValues, NodeIds } from '../tree/contextValues';
import { MessageNode } from '../tree/nodes/messageNode';
import { NodeRegistry, TreeNode } from '../tree/nodes/treeNode';
import { RegistryEntry } from './registryList';

/**
 * What registry nodes need from the view: a client per registry, repainting one node, and one
 * object per tag id (details repaint the very element VS Code holds, however often it asked).
 */
export interface RegistryViewContext {
  clientFor(entry: RegistryEntry): RegistryClient;
  repaint(node: TreeNode): void;
  readonly tagNodes: NodeRegistry;
}

/** Tags whose details (digest, size, date) are fetched per repository, at most; the rest show their name only. */
const DETAILED_TAGS = 100;
const PARALLEL_DETAILS = 4;

export class RegistryNode extends TreeNode {
  readonly id: string;

  constructor(readonly entry: RegistryEntry, readonly address: RegistryAddress | undefined, private readonly addressProblem: string | undefined, private readonly view: RegistryViewContext) {
    super(undefined);
    this.id = NodeIds.registry(entry.id);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.address?.dockerHub ? 'Docker Hub' : (this.address?.host ?? this.entry.address), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = ContextValues.registry;
    item.iconPath = new vscode.ThemeIcon('package');
    const auth = this.entry.auth === 'anonymous' ? 'anonymous' : this.entry.auth === 'docker' ? "docker's credentials" : `signed in as ${this.entry.username ?? '?'}`;
    item.description = auth;
    item.tooltip = new vscode.MarkdownString(`${md(this.address?.origin ?? this.entry.address)}  \n${md(auth)}`);
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!this.address) {
      return [errorNode(this, this.addressProblem ?? 'This registry address is not usable')];
    }
    const client = this.view.clientFor(this.entry);
    let listed: string[] = [];
    let note: TreeNode | undefined;
    try {
      listed = await client.catalog();
    } catch (error) {
      if (!isRegistryError(error, 'no-catalog')) {
        return [errorNode(this, messageOf(error)), retryNode(this, this)];
      }
      note = new MessageNode(this, NodeIds.message(this.id, 'no-catalog'), 'Not listed by this registry: Add Repository…', new vscode.ThemeIcon('info'), {
        title: 'Add Repository…',
        command: 'dockerHosts.registry.addRepository',
        arguments: [this],
      });
    }
    const names = [...new Set([...listed, ...this.entry.repositories])].sort();
    const repositories = names.map((name) => new RepositoryNode(this, name, this.view));
    if (names.length === 0 && !note) {
      return [new MessageNode(this, NodeIds.message(this.id, 'empty'), 'No repositories', new vscode.ThemeIcon('info'))];
    }
    return note ? [...repositories, note] : repositories;
  }
}

export class RepositoryNode extends TreeNode {
  readonly id: string;

  constructor(readonly registry: RegistryNode, readonly repository: string, private readonly view: RegistryViewContext) {
    super(registry);
    this.id = NodeIds.registryRepository(registry.entry.id, repository);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.repository, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = ContextValues.registryRepository;
    item.iconPath = new vscode.ThemeIcon('repo');
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    const client = this.view.clientFor(this.registry.entry);
    let tags: string[];
    try {
      tags = await client.tags(this.repository);
    } catch (error) {
      return [errorNode(this, messageOf(error)), retryNode(this, this.registry)];
    }
    if (tags.length === 0) {
      return [new MessageNode(this, NodeIds.message(this.id, 'empty'), 'No tags', new vscode.ThemeIcon('info'))];
    }
    const nodes = tags.sort(compareTags).map((tag) => this.view.tagNodes.reuse(NodeIds.registryTag(this.id, tag), () => new TagNode(this, tag)));
    this.view.tagNodes.prune(`${this.id}:`, new Set(nodes.map((node) => node.id)));
    void this.loadDetails(client, nodes.slice(0, DETAILED_TAGS).filter((node) => !node.loading && !node.details));
    return nodes;
  }

  /** Details arrive after the names: each tag repaints when its manifest is read. */
  private async loadDetails(client: RegistryClient, nodes: TagNode[]): Promise<void> {
    const queue = [...nodes];
    const worker = async (): Promise<void> => {
      for (let node = queue.shift(); node; node = queue.shift()) {
        const tagNode = node;
        tagNode.loading = true;
        await client.tagDetails(this.repository, tagNode.tag).then(
          (details) => (tagNode.details = details),
          (error: unknown) => (tagNode.problem = messageOf(error)),
        );
        tagNode.loading = false;
        this.view.repaint(tagNode);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_DETAILS }, worker));
  }
}

export class TagNode extends TreeNode {
  readonly id: string;
  details: TagDetails | undefined;
  problem: string | undefined;
  loading = false;

  constructor(readonly repositoryNode: RepositoryNode, readonly tag: string) {
    super(repositoryNode);
    this.id = NodeIds.registryTag(repositoryNode.id, tag);
  }

  get entry(): RegistryEntry {
    return this.repositoryNode.registry.entry;
  }

  /** `host/repo:tag`, or `host/repo@digest` when `byDigest` and the digest is known. */
  reference(byDigest = false): string {
    const address = this.repositoryNode.registry.address;
    if (!address) throw new Error(`The address of ${this.entry.address} is not usable`);
    return imageReference(address, this.repositoryNode.repository, byDigest && this.details ? this.details.digest : this.tag);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.tag, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = ContextValues.registryTag;
    item.iconPath = new vscode.ThemeIcon('tag');
    const details = this.details;
    if (details) {
      const manifest = details.manifest;
      const what = manifest.kind === 'image' ? formatSize(manifest.size) : manifest.kind === 'index' ? `multi-platform (${manifest.platforms.length})` : manifest.mediaType;
      item.description = [shortId(details.digest), what, details.created && formatAge(details.created)].filter(Boolean).join(' · ');
      const lines = [
        `**${md(this.reference())}**`,
        `Digest: ${mdCode(details.digest)}`,
        manifest.kind === 'image' ? `Size: ${formatSize(manifest.size)} (compressed, ${manifest.layers} layers)` : undefined,
        manifest.kind === 'index' ? `Multi-platform: ${md(manifest.platforms.map(platformLabel).join(', ') || 'no platforms listed')}` : undefined,
        details.created ? `Created: ${md(details.created.toISOString())} (${formatAge(details.created)})` : undefined,
        `Media type: ${mdCode(manifest.mediaType)}`,
      ];
      item.tooltip = new vscode.MarkdownString(lines.filter(Boolean).join('  \n'));
    } else if (this.problem) {
      item.description = 'details not available';
      item.tooltip = this.problem;
    }
    return item;
  }
}

function compareTags(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorNode(parent: TreeNode, message: string): MessageNode {
  return new MessageNode(parent, NodeIds.message(parent.id, 'error'), message, new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')));
}

/** Retry under `parent` refreshes the whole registry (its tokens and listings are fetched again). */
function retryNode(parent: TreeNode, registry: RegistryNode): MessageNode {
  return new MessageNode(parent, NodeIds.message(parent.id, 'retry'), 'Retry', new vscode.ThemeIcon('refresh'), { title: 'Retry', command: 'dockerHosts.registry.refresh', arguments: [registry] }, ContextValues.retry);
}
