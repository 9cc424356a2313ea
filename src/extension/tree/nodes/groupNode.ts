import * as vscode from 'vscode';
import { MachineSession } from '../../../core/machines/session';
import { ImageOrder, layoutContainers, sortImages, sortNetworks, sortVolumes, volumeUsers } from '../../../core/engine/ordering';
import { ContainerInfo, ResourceKind } from '../../../core/engine/resources';
import { groupContextValue, NodeIds } from '../contextValues';
import { ComposeFolderNode, ContainerNode } from './containerNode';
import { ImageNode } from './imageNode';
import { failureNodes, MessageNode } from './messageNode';
import { NetworkNode } from './networkNode';
import { NodeRegistry, TreeNode } from './treeNode';
import { VolumeNode } from './volumeNode';

const GROUPS: Record<ResourceKind, { label: string; icon: string; empty: string }> = {
  container: { label: 'Containers', icon: 'package', empty: 'No containers' },
  image: { label: 'Images', icon: 'file-binary', empty: 'No images' },
  volume: { label: 'Volumes', icon: 'database', empty: 'No volumes' },
  network: { label: 'Networks', icon: 'type-hierarchy', empty: 'No networks' },
};

/** Containers, Images, Volumes or Networks of one machine: lists afresh on every expand. */
export class GroupNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly id: string,
    readonly session: MachineSession,
    readonly kind: ResourceKind,
    private readonly nodes: NodeRegistry,
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const group = GROUPS[this.kind];
    const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(group.icon);
    item.contextValue = groupContextValue(this.kind);
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    let children: TreeNode[];
    try {
      children = await this.listChildren();
    } catch (error) {
      return failureNodes(this, (error as Error).message);
    }
    this.nodes.prune(`${this.id}/`, new Set(collectIds(children)));
    if (children.length === 0) {
      return [new MessageNode(this, NodeIds.message(this.id, 'empty'), GROUPS[this.kind].empty, new vscode.ThemeIcon('info'))];
    }
    return children;
  }

  private async listChildren(): Promise<TreeNode[]> {
    const machineId = this.session.machine.id;
    switch (this.kind) {
      case 'container':
        return this.containerChildren(await this.session.list('container'));
      case 'image': {
        const settings = vscode.workspace.getConfiguration('dockerHosts.images');
        const images = (await this.session.list('image')).filter((image) => image.tag !== undefined || settings.get<boolean>('showDangling', true));
        return sortImages(images, settings.get<ImageOrder>('sortBy', 'name')).map((info) => {
          const id = NodeIds.resource(machineId, 'image', info.key);
          return this.nodes.reuse(id, () => new ImageNode(this, id, machineId, info), (n) => (n.info = info));
        });
      }
      case 'volume': {
        const [volumes, containers] = await Promise.all([this.session.list('volume'), this.session.peekOrList('container')]);
        const users = volumeUsers(containers);
        return sortVolumes(volumes).map((info) => {
          const usedBy = users.get(info.name) ?? [];
          const id = NodeIds.resource(machineId, 'volume', info.key);
          return this.nodes.reuse(id, () => new VolumeNode(this, id, machineId, info, usedBy), (n) => {
            n.info = info;
            n.usedBy = usedBy;
          });
        });
      }
      case 'network':
        return sortNetworks(await this.session.list('network')).map((info) => {
          const id = NodeIds.resource(machineId, 'network', info.key);
          return this.nodes.reuse(id, () => new NetworkNode(this, id, machineId, info, () => this.session.engine), (n) => (n.info = info));
        });
    }
  }

  private containerChildren(containers: ContainerInfo[]): TreeNode[] {
    const layout = layoutContainers(containers);
    const projectNodes = layout.projects.map(({ name, members }) => {
      const id = NodeIds.composeFolder(this.session.machine.id, name);
      const node = this.nodes.reuse(id, () => new ComposeFolderNode(this, id, name));
      node.children = members.map((info) => this.containerNode(node, info));
      return node;
    });
    return [...projectNodes, ...layout.loose.map((info) => this.containerNode(this, info))];
  }

  private containerNode(parent: TreeNode, info: ContainerInfo): ContainerNode {
    const id = NodeIds.resource(this.session.machine.id, 'container', info.key);
    return this.nodes.reuse(id, () => new ContainerNode(parent, id, this.session.machine.id, info), (n) => (n.info = info));
  }
}

function collectIds(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...(node instanceof ComposeFolderNode ? node.children.map((c) => c.id) : [])]);
}
