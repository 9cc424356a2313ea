import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { readOnlyDocuments } from '../../inspect/readOnlyDocuments';
import { imageHistory, loadImages, pruneImages, pullImage, pushImage, removeImage, saveImages, tagImage, validateTag } from '../../../core/engine/operations/imageOperations';
import { LayerProgress } from '../../../core/engine/operations/pullProgress';
import { shortId } from '../../../core/engine/resources';
import { engineMessageOf } from '../../../core/util/errors';
import { failureKindOf } from '../../../core/util/failureKind';
import { formatAge, formatSize } from '../../../core/util/format';
import { Services } from '../../services';
import { TreeNode } from '../../tree/nodes/treeNode';
import { confirm } from '../../prompts/confirm';
import { Invocation } from '../invocation';
import { sessionFromArgument } from '../machines/resolveMachine';
import { resolveResources } from '../resolveResources';

type Transfer = typeof pullImage;

/** Pull or push with per-layer progress in a cancellable notification, credentials as the CLI has them. */
async function transfer(services: Services, verb: 'Pulling' | 'Pushing', run: Transfer, machineSession: NonNullable<Services['activeMachine']['session']>, reference: string): Promise<void> {
  const attempt = async (askCredentials: boolean): Promise<void> => {
    const credentials = await services.registryCredentials.forReference(reference, askCredentials);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${verb} ${reference} on ${machineSession.machine.name}`, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      await run(machineSession.engine, reference, credentials, (layers: LayerProgress) => {
        const percent = Math.round(layers.fraction * 100);
        progress.report({ increment: percent - reported, message: layers.lines().slice(-1)[0] ?? '' });
        reported = percent;
      }, controller.signal);
    });
  };
  try {
    await attempt(false);
  } catch (error) {
    // Asked only after the registry refused anonymous access.
    if (failureKindOf(error) !== 'registry-auth') {
      throw error;
    }
    await services.registryCredentials.forget(reference);
    await attempt(true);
  }
}

export async function pullCommand(services: Services, machine: Invocation, reference?: string): Promise<void> {
  const session = sessionFromArgument(services, machine);
  const ref = reference ?? (await vscode.window.showInputBox({ title: `Pull image to ${session?.machine.name}`, prompt: 'Image reference, e.g. nginx:1.27 or registry.example/team/app:2' }));
  if (session && ref) {
    await transfer(services, 'Pulling', pullImage, session, ref.trim());
  }
}

export async function pushCommand(services: Services, nodes: readonly TreeNode[]): Promise<void> {
  const [target] = await resolveResources(services, 'image', nodes, { verb: 'Push Image', eligible: (i) => i.tag !== undefined });
  if (target?.info.tag) {
    await transfer(services, 'Pushing', pushImage, target.session, target.info.tag);
  }
}

export async function tagCommand(services: Services, nodes: readonly TreeNode[], newTag?: string): Promise<void> {
  const [target] = await resolveResources(services, 'image', nodes, { verb: 'Tag Image' });
  const source = target && (target.info.tag ?? target.info.id);
  const tag = source && (newTag ?? (await vscode.window.showInputBox({ title: `Tag ${source}`, value: target.info.tag ?? '', validateInput: validateTag })));
  if (target && source && tag) {
    await tagImage(target.session.engine, source, tag);
  }
}

export async function removeImagesCommand(services: Services, nodes: readonly TreeNode[], options?: { force?: boolean; confirmed?: boolean }): Promise<void> {
  const targets = await resolveResources(services, 'image', nodes, { verb: 'Remove Image', many: true });
  if (targets.length === 0) {
    return;
  }
  const label = (t: (typeof targets)[number]): string => t.info.tag ?? shortId(t.info.id);
  let force = options?.force ?? false;
  if (!options?.confirmed) {
    const choice = await confirm(`Remove ${targets.map(label).join(', ')}?`, 'A tag is removed; the image goes when its last tag does. Force also removes an image stopped containers use.', ['Remove', 'Force Remove']);
    if (!choice) return;
    force = choice === 'Force Remove';
  }
  const failures: string[] = [];
  for (const target of targets) {
    await removeImage(target.session.engine, target.info.tag ?? target.info.id, force).catch((error: unknown) => failures.push(`${label(target)}: ${engineMessageOf(error)}`));
  }
  if (failures.length > 0) {
    throw new Error(failures.join('\n'));
  }
}

export async function pruneImagesCommand(services: Services, machine: Invocation, scope?: 'dangling' | 'unused'): Promise<string | undefined> {
  const session = sessionFromArgument(services, machine);
  const chosen = scope ?? (await vscode.window.showQuickPick([
    { label: 'Dangling images', description: 'untagged layers left by rebuilds', scope: 'dangling' as const },
    { label: 'All unused images', description: 'every image no container uses', scope: 'unused' as const },
  ], { title: `Prune images on ${session?.machine.name}` }))?.scope;
  if (!session || !chosen || (!scope && !(await confirm(`Prune ${chosen} images on ${session.machine.name}?`, 'This cannot be undone.', ['Prune'])))) {
    return undefined;
  }
  const result = await pruneImages(session.engine, chosen);
  const message = `Removed ${result.deleted.length} image layer(s) on ${session.machine.name}, reclaimed ${formatSize(result.spaceReclaimed)}.`;
  void vscode.window.showInformationMessage(message);
  return message;
}

export async function historyCommand(services: Services, nodes: readonly TreeNode[]): Promise<vscode.TextEditor | undefined> {
  const [target] = await resolveResources(services, 'image', nodes, { verb: 'Image History' });
  if (!target) return undefined;
  const rows = await imageHistory(target.session.engine, target.info.id);
  const lines = rows.map((r) => `${shortId(r.id === '<missing>' ? r.id : r.id).padEnd(12)}  ${formatAge(r.created).padEnd(16)}  ${formatSize(r.size).padStart(8)}  ${r.createdBy.replace(/\s+/g, ' ')}`);
  return readOnlyDocuments.show(`history ${target.info.tag ?? target.info.id}.txt`, `# history of ${target.info.tag ?? target.info.id}\n${lines.join('\n')}\n`);
}

export async function copyTagCommand(services: Services, nodes: readonly TreeNode[]): Promise<string | undefined> {
  const [target] = await resolveResources(services, 'image', nodes, { verb: 'Copy Full Tag', eligible: (i) => i.tag !== undefined });
  if (target?.info.tag) {
    await vscode.env.clipboard.writeText(target.info.tag);
  }
  return target?.info.tag;
}

export async function saveCommand(services: Services, nodes: readonly TreeNode[], file?: string): Promise<string | undefined> {
  const [target] = await resolveResources(services, 'image', nodes, { verb: 'Save Image', eligible: (i) => i.tag !== undefined });
  if (!target?.info.tag) return undefined;
  const tag = target.info.tag;
  const destination = file ?? (await vscode.window.showSaveDialog({ title: `Save ${tag}`, defaultUri: vscode.Uri.file(path.join(os.homedir(), `${tag.replace(/[/:]/g, '_')}.tar`)), filters: { 'Image archive': ['tar'] } }))?.fsPath;
  if (!destination) return undefined;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Saving ${tag}…`, cancellable: true }, (_p, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return saveImages(target.session.engine, [tag], destination, controller.signal);
  });
  return destination;
}

export async function loadCommand(services: Services, machine: Invocation, file?: string): Promise<string[]> {
  const session = sessionFromArgument(services, machine);
  const source = file ?? (await vscode.window.showOpenDialog({ title: 'Load images from an archive', filters: { 'Image archive': ['tar'] } }))?.[0]?.fsPath;
  if (!session || !source) return [];
  const loaded = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loading ${path.basename(source)}…` }, () => loadImages(session.engine, source));
  void vscode.window.showInformationMessage(`Loaded ${loaded.join(', ') || 'nothing'} on ${session.machine.name}.`);
  return loaded;
}
