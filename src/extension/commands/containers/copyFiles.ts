import * as vscode from 'vscode';
import { copyFromContainer, copyToContainer } from '../../../core/engine/operations/containerFiles';
import { Services } from '../../services';
import { resolveContainers } from './resolveContainers';

/** Copy a local file or folder into a container folder (docker cp path container:dir). */
export async function copyIntoContainer(services: Services, node?: unknown, localPath?: string, containerDirectory?: string): Promise<void> {
  const [target] = await resolveContainers(services, node, undefined, { verb: 'Copy File to Container' });
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
export async function copyFromContainerCommand(services: Services, node?: unknown, containerPath?: string, localDirectory?: string): Promise<string | undefined> {
  const [target] = await resolveContainers(services, node, undefined, { verb: 'Copy File from Container' });
  const source = target && (containerPath ?? (await vscode.window.showInputBox({ title: `Copy from ${target.info.name}`, prompt: 'Path in the container' })));
  const destination = source && (localDirectory ?? (await vscode.window.showOpenDialog({ title: 'Folder to copy into', canSelectFolders: true, canSelectFiles: false }))?.[0]?.fsPath);
  if (!target || !source || !destination) {
    return undefined;
  }
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Copying from ${target.info.name}…`, cancellable: true }, (_p, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return copyFromContainer(target.session.engine, target.info.id, source, destination, controller.signal);
  });
}
