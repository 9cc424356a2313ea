import * as vscode from 'vscode';
import { VolumeBrowser } from '../../../core/engine/operations/volumeBrowser';
import { createVolume, keyValueProblem, parseKeyValues, pruneVolumes, removeVolume, validateVolumeName, VolumeSpec } from '../../../core/engine/operations/volumeOperations';
import { splitShellWords } from '../../../core/util/shellWords';
import { engineMessageOf } from '../../../core/util/errors';
import { failureKindOf } from '../../../core/util/failureKind';
import { formatSize } from '../../../core/util/format';
import { Services } from '../../services';
import { TreeNode } from '../../tree/nodes/treeNode';
import { confirm } from '../../prompts/confirm';
import { Invocation } from '../invocation';
import { sessionFromArgument } from '../machines/resolveMachine';
import { resolveResources } from '../resolveResources';
import { VolumeFileProvider } from './volumeFiles';
import { InputStep, MultiStepInput } from '../../ui/multiStepInput';

export async function createVolumeCommand(services: Services, machine: Invocation, given?: VolumeSpec): Promise<string | undefined> {
  const session = sessionFromArgument(services, machine);
  if (!session) return undefined;
  const spec = given ?? (await askVolumeSpec(session.machine.name));
  if (!spec) return undefined;
  await createVolume(session.engine, spec);
  return spec.name;
}

/** Create Volume's steps; Back keeps what was entered. */
async function askVolumeSpec(machineName: string): Promise<VolumeSpec | undefined> {
  const title = `New volume on ${machineName}`;
  const answers = { name: '', driver: 'local', options: '', labels: '' };
  const step = (key: keyof typeof answers, prompt: string, next: InputStep | undefined, validate?: (value: string) => string | undefined): InputStep => async (input) => {
    answers[key] = await input.showInputBox({ title, totalSteps: 4, prompt, value: answers[key], ...(validate ? { validate } : {}) });
    return next;
  };
  const labels = step('labels', 'Labels, space-separated key=value', undefined, keyValueProblem);
  const options = step('options', 'Driver options, space-separated key=value (e.g. type=tmpfs device=tmpfs)', labels, keyValueProblem);
  const driver = step('driver', 'Driver', options);
  const name = step('name', 'Name', driver, validateVolumeName);
  if (!(await MultiStepInput.run(name))) {
    return undefined;
  }
  return { name: answers.name, driver: answers.driver || 'local', driverOptions: parseKeyValues(splitShellWords(answers.options)), labels: parseKeyValues(splitShellWords(answers.labels)) };
}

export async function removeVolumesCommand(services: Services, nodes: readonly TreeNode[], confirmed = false): Promise<void> {
  const targets = await resolveResources(services, 'volume', nodes, { verb: 'Remove Volume', many: true });
  if (targets.length === 0 || (!confirmed && !(await confirm(`Remove ${targets.map((t) => t.info.name).join(', ')}?`, 'The data in the volume is deleted.', ['Remove'])))) {
    return;
  }
  const failures: string[] = [];
  for (const target of targets) {
    await removeVolume(target.session.engine, target.info.name).catch((error: unknown) => {
      const message = engineMessageOf(error);
      failures.push(`${target.info.name}: ${failureKindOf(error) === 'in-use' ? `in use by a container (${message})` : message}`);
    });
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));
}

export async function pruneVolumesCommand(services: Services, machine: Invocation, confirmed = false): Promise<string | undefined> {
  const session = sessionFromArgument(services, machine);
  if (!session || (!confirmed && !(await confirm(`Remove all volumes no container uses on ${session.machine.name}?`, 'Their data is deleted.', ['Prune'])))) {
    return undefined;
  }
  const result = await pruneVolumes(session.engine);
  const message = `Removed ${result.deleted.length} volume(s) on ${session.machine.name}, reclaimed ${formatSize(result.spaceReclaimed)}.`;
  void vscode.window.showInformationMessage(message);
  return message;
}

export async function copyMountpointCommand(services: Services, nodes: readonly TreeNode[]): Promise<string | undefined> {
  const [target] = await resolveResources(services, 'volume', nodes, { verb: 'Copy Mountpoint' });
  if (target) await vscode.env.clipboard.writeText(target.info.mountpoint);
  return target?.info.mountpoint;
}

/**
 * Browse Files: folders in a pick list (drill down, ".." goes up); a file opens read-only.
 * With `relativePath` (tests, scripts) the file opens directly.
 */
export async function browseVolumeCommand(services: Services, nodes: readonly TreeNode[], relativePath?: string): Promise<vscode.TextEditor | undefined> {
  const [target] = await resolveResources(services, 'volume', nodes, { verb: 'Browse Volume' });
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
