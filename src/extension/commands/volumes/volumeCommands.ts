import * as vscode from 'vscode';
import { VolumeBrowser } from '../../../core/engine/operations/volumeBrowser';
import { createVolume, parseKeyValues, pruneVolumes, removeVolume, validateVolumeName, VolumeSpec } from '../../../core/engine/operations/volumeOperations';
import { splitCommandLine } from '../../../core/engine/operations/runSpec';
import { engineMessageOf } from '../../../core/util/errors';
import { formatSize } from '../../../core/util/format';
import { Services } from '../../services';
import { confirm } from '../confirm';
import { sessionFromArgument } from '../machines/resolveMachine';
import { resolveResources } from '../resolveResources';
import { VolumeFileProvider } from './volumeFiles';

export async function createVolumeCommand(services: Services, machine?: unknown, given?: VolumeSpec): Promise<string | undefined> {
  const session = sessionFromArgument(services, machine);
  if (!session) return undefined;
  const spec = given ?? (await askVolumeSpec(session.machine.name));
  if (!spec) return undefined;
  await createVolume(session.engine, spec);
  return spec.name;
}

async function askVolumeSpec(machineName: string): Promise<VolumeSpec | undefined> {
  const title = `New volume on ${machineName}`;
  const keyValues = (value: string): string | undefined => {
    try {
      parseKeyValues(splitCommandLine(value));
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const name = await vscode.window.showInputBox({ title, prompt: 'Name', validateInput: validateVolumeName });
  if (!name) return undefined;
  const driver = await vscode.window.showInputBox({ title, prompt: 'Driver', value: 'local' });
  if (driver === undefined) return undefined;
  const options = await vscode.window.showInputBox({ title, prompt: 'Driver options, space-separated key=value (e.g. type=tmpfs device=tmpfs)', validateInput: keyValues });
  if (options === undefined) return undefined;
  const labels = await vscode.window.showInputBox({ title, prompt: 'Labels, space-separated key=value', validateInput: keyValues });
  if (labels === undefined) return undefined;
  return { name, driver: driver || 'local', driverOptions: parseKeyValues(splitCommandLine(options)), labels: parseKeyValues(splitCommandLine(labels)) };
}

export async function removeVolumesCommand(services: Services, node?: unknown, selection?: unknown, confirmed = false): Promise<void> {
  const targets = await resolveResources(services, 'volume', node, selection, { verb: 'Remove Volume', many: true });
  if (targets.length === 0 || (!confirmed && !(await confirm(`Remove ${targets.map((t) => t.info.name).join(', ')}?`, 'The data in the volume is deleted.', ['Remove'])))) {
    return;
  }
  const failures: string[] = [];
  for (const target of targets) {
    await removeVolume(target.session.engine, target.info.name).catch((error: unknown) => {
      const message = engineMessageOf(error);
      failures.push(`${target.info.name}: ${/in use/.test(message) ? `in use by a container (${message})` : message}`);
    });
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));
}

export async function pruneVolumesCommand(services: Services, machine?: unknown, confirmed = false): Promise<string | undefined> {
  const session = sessionFromArgument(services, machine);
  if (!session || (!confirmed && !(await confirm(`Remove all volumes no container uses on ${session.machine.name}?`, 'Their data is deleted.', ['Prune'])))) {
    return undefined;
  }
  const result = await pruneVolumes(session.engine);
  const message = `Removed ${result.deleted.length} volume(s) on ${session.machine.name}, reclaimed ${formatSize(result.spaceReclaimed)}.`;
  void vscode.window.showInformationMessage(message);
  return message;
}

export async function copyMountpointCommand(services: Services, node?: unknown): Promise<string | undefined> {
  const [target] = await resolveResources(services, 'volume', node, undefined, { verb: 'Copy Mountpoint' });
  if (target) await vscode.env.clipboard.writeText(target.info.mountpoint);
  return target?.info.mountpoint;
}

/**
 * Browse Files: folders in a pick list (drill down, ".." goes up); a file opens read-only.
 * With `relativePath` (tests, scripts) the file opens directly.
 */
export async function browseVolumeCommand(services: Services, node?: unknown, relativePath?: string): Promise<vscode.TextEditor | undefined> {
  const [target] = await resolveResources(services, 'volume', node, undefined, { verb: 'Browse Volume' });
  if (!target) return undefined;
  const browser = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Finding a helper image…' }, async () => VolumeBrowser.open(target.session.engine, target.info.name, await target.session.list('image')));
  let current = '';
  let file = relativePath;
  while (file === undefined) {
    const entries = await browser.list(current);
    const items = [...(current ? [{ label: '$(arrow-up) ..', path: current.split('/').slice(0, -1).join('/'), directory: true }] : []), ...entries.map((e) => ({ label: `${e.directory ? '$(folder)' : '$(file)'} ${e.name}`, path: current ? `${current}/${e.name}` : e.name, directory: e.directory }))];
    const picked = await vscode.window.showQuickPick(items, { title: `${target.info.name}:/${current}` + ` (read-only, through ${browser.helperImage})` });
    if (!picked) return undefined;
    if (picked.directory) current = picked.path;
    else file = picked.path;
  }
  const uri = VolumeFileProvider.uriFor(target.session.machine.id, target.info.name, file);
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
}
