import * as path from 'node:path';
import * as vscode from 'vscode';
import { validateTag } from '../../../core/engine/operations/imageOperations';
import { BUILD_TASK_TYPE, BuildTaskDefinition } from '../../tasks/buildTaskDefinition';
import { BuildTaskProvider } from '../../tasks/buildTaskProvider';

const LAST_TAGS_KEY = 'dockerHosts.build.lastTags';

/**
 * Build Image… on a Dockerfile: asks for the tag (the last one used for that file is offered),
 * then runs the build task on the active machine. Resolves with the task's exit code.
 */
export async function buildImageCommand(provider: BuildTaskProvider, state: vscode.Memento, uri?: vscode.Uri, tag?: string): Promise<number | undefined> {
  if (!vscode.workspace.isTrusted) {
    throw new Error('Building is turned off in an untrusted workspace: trust the folder to build from it.');
  }
  const dockerfile = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
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
  const definition: BuildTaskDefinition = { type: BUILD_TASK_TYPE, dockerfile: path.relative(folder.uri.fsPath, dockerfile.fsPath), tags: [chosen] };
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
