import * as path from 'node:path';
import * as vscode from 'vscode';
import { validateTag } from '../../core/engine/operations/imageOperations';
import { BUILD_TASK_TYPE, BuildTaskDefinition } from './buildTaskDefinition';
import { BuildTaskProvider } from './buildTaskProvider';

const LAST_TAGS_KEY = 'dockerHosts.build.lastTags';

/**
 * Build Image… on the Dockerfiles a menu passed (the Explorer's selection, the editor's file) or
 * the active editor's: asks for each one's tag (the last one used for that file is offered) unless
 * `tag` is given, then runs the build task on the active machine. Resolves with the last exit code,
 * stopping at the first failed or cancelled build.
 */
export async function buildImageCommand(provider: BuildTaskProvider, state: vscode.Memento, dockerfiles: readonly vscode.Uri[], tag?: string): Promise<number | undefined> {
  if (!vscode.workspace.isTrusted) {
    throw new Error('Building is turned off in an untrusted workspace: trust the folder to build from it.');
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  let exitCode: number | undefined;
  for (const dockerfile of dockerfiles.length > 0 ? dockerfiles : active ? [active] : [undefined]) {
    exitCode = await buildOne(provider, state, dockerfile, tag);
    if (exitCode !== 0) {
      break;
    }
  }
  return exitCode;
}

async function buildOne(provider: BuildTaskProvider, state: vscode.Memento, dockerfile: vscode.Uri | undefined, tag: string | undefined): Promise<number | undefined> {
  const folder = dockerfile && vscode.workspace.getWorkspaceFolder(dockerfile);
  if (!dockerfile || !folder) {
    throw new Error('Open or select a Dockerfile inside the workspace to build it.');
  }
  const lastTags = state.get<Record<string, string>>(LAST_TAGS_KEY, {});
  const suggestion = lastTags[dockerfile.fsPath] ?? `${path.basename(path.dirname(dockerfile.fsPath)).toLowerCase().replace(/[^a-z0-9._-]/g, '-')}:latest`;
  const chosen = tag ?? (await vscode.window.showInputBox({ title: `Build ${path.basename(dockerfile.fsPath)}`, prompt: 'Tag for the image', value: suggestion, validateInput: validateTag }));
  if (!chosen) {
    return undefined;
  }
  await state.update(LAST_TAGS_KEY, { ...lastTags, [dockerfile.fsPath]: chosen });
  const relative = path.relative(folder.uri.fsPath, dockerfile.fsPath);
  const definition: BuildTaskDefinition = { ...(await settingsFromTasksJson(folder, dockerfile)), type: BUILD_TASK_TYPE, dockerfile: relative, tags: [chosen] };
  const task = provider.taskFor(definition, folder);
  return new Promise((resolve, reject) => {
    // Subscribed before starting, so a fast build's end is not missed.
    const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
      const ended = event.execution.task.definition as Partial<BuildTaskDefinition>;
      if (ended.type === BUILD_TASK_TYPE && ended.dockerfile === definition.dockerfile && JSON.stringify(ended.tags) === JSON.stringify(definition.tags)) {
        subscription.dispose();
        resolve(event.exitCode);
      }
    });
    vscode.tasks.executeTask(task).then(undefined, (error: unknown) => {
      subscription.dispose();
      reject(error);
    });
  });
}

/**
 * What a tasks.json build task says for this Dockerfile (build args, target, secrets, SSH agents,
 * builder…), so that Build Image… builds it the same way; the tag it asks, the active machine,
 * and an image (no output) stay Build Image…'s own.
 */
async function settingsFromTasksJson(folder: vscode.WorkspaceFolder, dockerfile: vscode.Uri): Promise<Partial<BuildTaskDefinition>> {
  const tasks = await vscode.tasks.fetchTasks({ type: BUILD_TASK_TYPE });
  const written = tasks.find((task) => {
    const candidate = task.definition as Partial<BuildTaskDefinition>;
    const scope = task.scope && typeof task.scope === 'object' ? task.scope : undefined;
    return task.source === 'Workspace' && scope?.uri.toString() === folder.uri.toString() && typeof candidate.dockerfile === 'string' && path.resolve(folder.uri.fsPath, candidate.dockerfile) === dockerfile.fsPath;
  });
  if (!written) {
    return {};
  }
  const settings: Partial<BuildTaskDefinition> & Record<string, unknown> = { ...(written.definition as BuildTaskDefinition) };
  for (const own of ['tags', 'machine', 'output', 'label']) {
    delete settings[own];
  }
  return settings;
}
