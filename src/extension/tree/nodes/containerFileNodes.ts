import * as path from 'node:path';
import * as vscode from 'vscode';
import { ContainerInfo } from '../../../core/engine/resources';
import { containerFileUri } from '../../files/containerFileSystem';
import { readableFsMessage } from '../../files/fileSystemErrors';
import { ContainerPathKind, containerPathContextValue, NodeIds } from '../contextValues';
import { MessageNode } from './messageNode';
import { TreeNode } from './treeNode';

/** What a node of a container's file tree stands for. */
export interface ContainerPathTarget {
  readonly machineId: string;
  /** The container node's id: the file nodes' ids hang off it. */
  readonly containerNodeId: string;
  readonly container: ContainerInfo;
  readonly containerPath: string;
  readonly uri: vscode.Uri;
}

/** What the folder and file nodes share: where they are, their id under the container's node, their URI. */
abstract class ContainerPathNode extends TreeNode implements ContainerPathTarget {
  readonly id: string;
  readonly uri: vscode.Uri;

  constructor(
    parent: TreeNode,
    readonly machineId: string,
    readonly containerNodeId: string,
    readonly container: ContainerInfo,
    readonly containerPath: string,
    readonly link: boolean,
  ) {
    super(parent);
    this.id = containerPath === '/' ? NodeIds.containerFiles(containerNodeId) : NodeIds.containerPath(containerNodeId, containerPath);
    this.uri = containerFileUri({ machineId, containerId: container.id }, containerPath);
  }
}

/**
 * A folder of a container (the Files node is its `/`). Children are read through
 * vscode.workspace.fs, i.e. the docker-hosts-container provider, so the tree sees exactly what an
 * editor would.
 */
export class ContainerFolderNode extends ContainerPathNode {
  get kind(): ContainerPathKind {
    return this.containerPath === '/' ? 'containerFiles' : 'containerFolder';
  }

  getTreeItem(): vscode.TreeItem {
    const root = this.containerPath === '/';
    const item = new vscode.TreeItem(root ? 'Files' : path.posix.basename(this.containerPath), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = containerPathContextValue(this.kind, this.link);
    if (root) {
      item.iconPath = new vscode.ThemeIcon('files');
      item.tooltip = `The files of ${this.container.name}`;
    } else {
      item.resourceUri = this.uri; // the file icon theme's folder icon
      item.iconPath = this.link ? new vscode.ThemeIcon('file-symlink-directory') : vscode.ThemeIcon.Folder;
      item.description = this.link ? 'link' : undefined;
      item.tooltip = `${this.containerPath}${this.link ? ' (a link to a folder)' : ''}`;
    }
    return item;
  }

  override async getChildren(): Promise<TreeNode[]> {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(this.uri);
    } catch (error) {
      return [new MessageNode(this, NodeIds.message(this.id, 'error'), readableFsMessage(error), new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')))];
    }
    if (entries.length === 0) {
      return [new MessageNode(this, NodeIds.message(this.id, 'empty'), 'Empty folder', new vscode.ThemeIcon('info'))];
    }
    const notes = this.containerPath === '/' ? await this.readonlyNote() : [];
    return [...notes, ...entries.map(([name, type]) => {
      const childPath = path.posix.join(this.containerPath, name);
      const link = (type & vscode.FileType.SymbolicLink) !== 0;
      return (type & vscode.FileType.Directory) !== 0
        ? new ContainerFolderNode(this, this.machineId, this.containerNodeId, this.container, childPath, link)
        : new ContainerFileNode(this, this.machineId, this.containerNodeId, this.container, childPath, link, (type & vscode.FileType.File) === 0);
    })];
  }

  /** Said first under Files when the root file system is read-only (editors then open read-only too). */
  private async readonlyNote(): Promise<TreeNode[]> {
    const stat = await Promise.resolve(vscode.workspace.fs.stat(this.uri)).catch(() => undefined);
    if (stat?.permissions === undefined || (stat.permissions & vscode.FilePermission.Readonly) === 0) {
      return [];
    }
    return [new MessageNode(this, NodeIds.message(this.id, 'readonly'), 'Read-only: this container\'s root file system is mounted read-only', new vscode.ThemeIcon('lock'))];
  }
}

/** A file of a container; a click opens it in an editor. */
export class ContainerFileNode extends ContainerPathNode {
  constructor(
    parent: TreeNode,
    machineId: string,
    containerNodeId: string,
    container: ContainerInfo,
    containerPath: string,
    link: boolean,
    /** A device, pipe or socket, or a dangling link: shown, not opened. */
    readonly special: boolean,
  ) {
    super(parent, machineId, containerNodeId, container, containerPath, link);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(path.posix.basename(this.containerPath), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.resourceUri = this.uri; // the file icon theme's icon for its type
    item.iconPath = this.link ? new vscode.ThemeIcon('file-symlink-file') : vscode.ThemeIcon.File;
    item.contextValue = containerPathContextValue('containerFile', this.link);
    item.description = this.link ? (this.special ? 'link (target missing)' : 'link') : this.special ? 'special file' : undefined;
    item.tooltip = this.containerPath;
    if (!this.special) {
      item.command = { title: 'Open', command: 'vscode.open', arguments: [this.uri] };
    }
    return item;
  }
}
