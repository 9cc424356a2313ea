import * as path from 'node:path';
import * as vscode from 'vscode';
import { isPlainName } from '../../../core/containerFiles/directoryListing';
import { copyFromContainer, copyToContainer } from '../../../core/engine/operations/containerFiles';
import { ContainerFileSystem } from '../../files/containerFileSystem';
import { readableFsMessage } from '../../files/fileSystemErrors';
import { confirm } from '../../prompts/confirm';
import { Services } from '../../services';
import { ContainerFileNode, ContainerFolderNode } from '../../tree/nodes/containerFileNodes';
import { TreeNode } from '../../tree/nodes/treeNode';
import { CommandId } from '../commandTable';
import { confirmReplace } from '../containers/copyFiles';
import { Invocation } from '../invocation';
import { isBoolean, isString, isStrings, readOptions } from '../scriptOptions';

type FileCommandId = Extract<CommandId, `dockerHosts.containerFiles.${string}`>;
type Handler = (invocation: Invocation) => unknown;
type PathNode = ContainerFolderNode | ContainerFileNode;

export interface FileCommandContext {
  readonly services: Services;
  readonly fileSystem: ContainerFileSystem;
}

function isPathNode(node: TreeNode): node is PathNode {
  return node instanceof ContainerFolderNode || node instanceof ContainerFileNode;
}

/** The file or folder nodes a command was run on (the clicked one first); refused for anything else. */
function pathNodes(invocation: Invocation, folderOnly = false): PathNode[] {
  const [first] = invocation.nodes;
  if (!first || !isPathNode(first) || (folderOnly && !(first instanceof ContainerFolderNode))) {
    throw new Error(`Run this on a ${folderOnly ? 'folder' : 'file or folder'} under a container's Files in the Docker Hosts tree`);
  }
  return invocation.nodes.filter(isPathNode);
}

function folderOf(node: PathNode): ContainerFolderNode | undefined {
  return node instanceof ContainerFolderNode ? node : node.parent instanceof ContainerFolderNode ? node.parent : undefined;
}

function validateName(value: string): string | undefined {
  return isPlainName(value.trim()) ? undefined : 'A name without "/" (not "." or "..")';
}

export function fileHandlers({ services, fileSystem }: FileCommandContext): Record<FileCommandId, Handler> {
  const repaint = (node: TreeNode | undefined): void => {
    if (node) services.tree.repaint(node);
  };
  const askName = async (title: string, given: string | undefined, value = ''): Promise<string | undefined> => {
    const name = given ?? (await vscode.window.showInputBox({ title, value, valueSelection: [0, value.lastIndexOf('.') > 0 ? value.lastIndexOf('.') : value.length], validateInput: validateName }));
    if (name !== undefined && validateName(name)) throw new Error(`"${name}" is not a file name: ${validateName(name) ?? ''}`);
    return name?.trim();
  };
  /** Runs a provider call, giving its failure to the command guard without VS Code's code suffix. */
  const plain = async <T>(work: () => Thenable<T> | T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new Error(readableFsMessage(error));
    }
  };
  const withProgress = <T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return work(controller.signal);
    });

  return {
    'dockerHosts.containerFiles.newFile': async (inv) => {
      const [folder] = pathNodes(inv, true) as ContainerFolderNode[];
      const name = folder && (await askName(`New file in ${folder.containerPath}`, readOptions(inv.options, { name: isString }).name));
      if (!folder || !name) return undefined;
      const uri = vscode.Uri.joinPath(folder.uri, name);
      await plain(() => fileSystem.writeFile(uri, new Uint8Array(), { create: true, overwrite: false }));
      repaint(folder);
      if (!inv.options) await vscode.window.showTextDocument(uri, { preview: false });
      return uri.path;
    },
    'dockerHosts.containerFiles.newFolder': async (inv) => {
      const [folder] = pathNodes(inv, true) as ContainerFolderNode[];
      const name = folder && (await askName(`New folder in ${folder.containerPath}`, readOptions(inv.options, { name: isString }).name));
      if (!folder || !name) return undefined;
      const uri = vscode.Uri.joinPath(folder.uri, name);
      await plain(() => fileSystem.createDirectory(uri));
      repaint(folder);
      return uri.path;
    },
    'dockerHosts.containerFiles.rename': async (inv) => {
      const [node] = pathNodes(inv);
      const oldName = node ? path.posix.basename(node.containerPath) : '';
      const name = node && (await askName(`Rename ${node.containerPath}`, readOptions(inv.options, { name: isString }).name, oldName));
      if (!node || !name || name === oldName) return undefined;
      const target = vscode.Uri.joinPath(node.uri, '..', name);
      await plain(() => fileSystem.rename(node.uri, target, { overwrite: false }));
      repaint(node.parent);
      return target.path;
    },
    'dockerHosts.containerFiles.delete': async (inv) => {
      const nodes = pathNodes(inv).filter((node) => node.containerPath !== '/');
      const { confirmed } = readOptions(inv.options, { confirmed: isBoolean });
      if (nodes.length === 0) throw new Error("The container's root folder cannot be deleted");
      const container = nodes[0]?.container.name ?? '';
      const what = nodes.length === 1 ? (nodes[0]?.containerPath ?? '') : `${nodes.length} items`;
      const answer = confirmed ? 'Delete' : await confirm(`Delete ${what} from ${container}?`, `${nodes.map((n) => n.containerPath).slice(0, 10).join('\n')}\n\nThis cannot be undone: the files are removed inside the container.`, ['Delete']);
      if (answer !== 'Delete') return [];
      const failures: string[] = [];
      const deleted: string[] = [];
      for (const node of nodes) {
        try {
          await fileSystem.delete(node.uri, { recursive: true });
          deleted.push(node.containerPath);
        } catch (error) {
          failures.push(readableFsMessage(error));
        }
      }
      new Set(nodes.map((node) => node.parent)).forEach(repaint);
      if (failures.length > 0) throw new Error(failures.join('; '));
      return deleted;
    },
    'dockerHosts.containerFiles.download': async (inv) => {
      const [node] = pathNodes(inv);
      const given = readOptions(inv.options, { directory: isString }).directory;
      const defaultUri = vscode.workspace.workspaceFolders?.[0]?.uri;
      const directory = node && (given ?? (await vscode.window.showOpenDialog({ title: `Download ${node.containerPath} into`, canSelectFolders: true, canSelectFiles: false, ...(defaultUri && { defaultUri }) }))?.[0]?.fsPath);
      if (!node || !directory) return undefined;
      const { files, engine, address } = fileSystem.filesOf(node.uri);
      // Through a link, the file or folder it points to (links themselves are not copied out).
      const source = (await files.stat(node.containerPath)).realPath;
      const result = await withProgress(`Downloading ${node.containerPath} from ${node.container.name}…`, (signal) => copyFromContainer(engine, address.containerId, source, directory, signal, { confirmOverwrite: confirmReplace }));
      const skipped = result.skipped.length > 0 ? `; links and special files were not copied: ${result.skipped.slice(0, 5).join(', ')}${result.skipped.length > 5 ? ` and ${result.skipped.length - 5} more` : ''}` : '';
      void vscode.window.showInformationMessage(`Downloaded ${node.containerPath} to ${result.path}${skipped}`);
      return result.path;
    },
    'dockerHosts.containerFiles.upload': async (inv) => {
      const [folder] = pathNodes(inv, true) as ContainerFolderNode[];
      const given = readOptions(inv.options, { localPaths: isStrings }).localPaths;
      const defaultUri = vscode.workspace.workspaceFolders?.[0]?.uri;
      const sources = folder && (given ?? (await vscode.window.showOpenDialog({ title: `Upload into ${folder.containerPath}`, canSelectFiles: true, canSelectFolders: true, canSelectMany: true, ...(defaultUri && { defaultUri }) }))?.map((uri) => uri.fsPath));
      if (!folder || !sources || sources.length === 0) return undefined;
      const { files, engine, address } = fileSystem.filesOf(folder.uri);
      const target = (await files.stat(folder.containerPath)).realPath;
      await withProgress(`Uploading into ${folder.containerPath} of ${folder.container.name}…`, async (signal) => {
        for (const source of sources) {
          await copyToContainer(engine, address.containerId, source, target, signal);
        }
      }).then(undefined, async (error: unknown) => {
        throw new Error(`Upload into ${folder.containerPath} failed: ${(await files.explain(error, target)).message}`);
      });
      fileSystem.refresh(folder.uri);
      repaint(folder);
      return sources.map((source) => path.posix.join(folder.containerPath, path.basename(source)));
    },
    'dockerHosts.containerFiles.refresh': (inv) => {
      const [node] = pathNodes(inv);
      const folder = node && folderOf(node);
      if (!folder) return;
      fileSystem.refresh(folder.uri);
      repaint(folder);
    },
  };
}
