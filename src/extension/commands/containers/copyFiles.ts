import * as vscode from 'vscode';
import { copyFromContainer, copyToContainer } from '../../../core/engine/operations/containerFiles';
import { Services } from '../../services';
import { TreeNode } from '../../tree/nodes/treeNode';
import { resolveContainers } from './resolveContainers';

/** Copy a local file or folder into a container folder (docker cp path container:dir). */
export async function copyIntoContainer(services: Services, nodes: readonly TreeNode[], localPath?: string, containerDirectory?: string): Promise<void> {
  const [target] = await resolveContainers(services, nodes, { verb: 'Copy File to Container' });
  const source = target && (localPath ?? (await vscode.window.showOpenDialog({ title: 'File or folder to copy', canSelectFolders: true, canSelectFiles: true }))?.[0]?.fsPath);
  const destination = source && (containerDirectory ?? (await vscode.window.showInputBox({ title: `Copy into ${target.info.name}`, prompt: 'Folder in the container', value: '/tmp' })));
  if (!target || !source || !destination) {
    return;
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Copying into ${target.info.name}…`, cancellable: true }, (_p, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return copyToContainer(target.session.engine, target.info.id, source, destination, controller.signal);
  });
}

/** Copy a file or folder out of a container into a local folder (docker cp container:path dir). */
export async function copyFromContainerCommand(services: Services, nodes: readonly TreeNode[], containerPath?: string, localDirectory?: string): Promise<string | undefined> {
  const [target] = await resolveContainers(services, nodes, { verb: 'Copy File from Container' });
  const source = target && (containerPath ?? (await vscode.window.showInputBox({ title: `Copy from ${target.info.name}`, prompt: 'Path in the container' })));
  const destination = source && (localDirectory ?? (await vscode.window.showOpenDialog({ title: 'Folder to copy into', canSelectFolders: true, canSelectFiles: false }))?.[0]?.fsPath);
  if (!target || !source || !destination) {
    return undefined;
  }
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Copying from ${target.info.name}…`, cancellable: true }, (_p, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return copyFromContainer(target.session.engine, target.info.id, source, destination, controller.signal, { confirmOverwrite: confirmReplace });
  });
  if (result.skipped.length > 0) {
    const shown = result.skipped.slice(0, 5).join(', ') + (result.skipped.length > 5 ? ` and ${result.skipped.length - 5} more` : '');
    void vscode.window.showWarningMessage(`Copied ${source} from ${target.info.name}; links and special files were not copied: ${shown}`);
  }
  return result.path;
}

/** Asked once per copy, at the first file that already exists in the chosen folder. */
export async function confirmReplace(existing: string): Promise<boolean> {
  const replace = 'Replace Existing Files';
  const answer = await vscode.window.showWarningMessage(`${existing} already exists. Replace it and any other existing file the copy brings?`, { modal: true }, replace);
  return answer === replace;
}
