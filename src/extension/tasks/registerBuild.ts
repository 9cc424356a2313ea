import * as vscode from 'vscode';
import { Services } from '../services';
import { BuildDiagnostics } from './buildDiagnostics';
import { BUILD_TASK_TYPE } from './buildTaskDefinition';
import { BuildTaskProvider } from './buildTaskProvider';

/** The build task type and the Problems entries of failed builds; Build Image… runs its tasks (see the command table). */
export function registerBuild(services: Services): { readonly provider: BuildTaskProvider; readonly disposables: vscode.Disposable[] } {
  const diagnostics = new BuildDiagnostics();
  const provider = new BuildTaskProvider(services, diagnostics);
  return { provider, disposables: [diagnostics, vscode.tasks.registerTaskProvider(BUILD_TASK_TYPE, provider)] };
}
