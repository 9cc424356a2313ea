// Compose in VS Code: the workspace's projects (for the tree and the commands), the compose file
// editor (completion and hover from the compose language server, our schema checks); the commands
// themselves are bound in the command table.
import * as vscode from 'vscode';
import { EngineAndWorkspaceCompose } from './composeSource';
import { composeDiagnostics } from './composeDiagnostics';
import { startComposeLanguageClient } from './composeLanguageClient';
import { WorkspaceComposeProjects } from './workspaceComposeProjects';

export interface ComposeFeature {
  readonly workspace: WorkspaceComposeProjects;
  readonly source: EngineAndWorkspaceCompose;
  readonly disposables: vscode.Disposable[];
}

/** What the tree needs before it is made (the source of the Compose groups). */
export function createCompose(log: vscode.LogOutputChannel): ComposeFeature {
  const workspace = new WorkspaceComposeProjects(log);
  return { workspace, source: new EngineAndWorkspaceCompose(workspace), disposables: [workspace] };
}

/** The compose file editor's features; the language server runs in its own process. */
export function registerComposeLanguage(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [composeDiagnostics(), startComposeLanguageClient(context, log)];
}
