import * as vscode from 'vscode';
import { buildImageCommand } from '../commands/build/buildImageCommand';
import { guardedCommand } from '../commands/guardedCommand';
import { Services } from '../services';
import { BuildDiagnostics } from './buildDiagnostics';
import { BUILD_TASK_TYPE } from './buildTaskDefinition';
import { BuildTaskProvider } from './buildTaskProvider';

/** The build task type, the Build Image… command and the Problems entries of failed builds. */
export function registerBuild(services: Services, workspaceState: vscode.Memento): vscode.Disposable[] {
  const diagnostics = new BuildDiagnostics();
  const provider = new BuildTaskProvider(services, diagnostics);
  return [
    diagnostics,
    vscode.tasks.registerTaskProvider(BUILD_TASK_TYPE, provider),
    guardedCommand(services.log, 'dockerHosts.build.image', (uri?: vscode.Uri, tag?: string) => buildImageCommand(provider, workspaceState, uri, tag)),
  ];
}
