import * as vscode from 'vscode';

/**
 * Asks before something destructive; returns the chosen action, or undefined when cancelled.
 * With dockerHosts.confirmDestructiveActions off, the first action is taken without asking.
 */
export async function confirm(question: string, detail: string, actions: readonly string[]): Promise<string | undefined> {
  if (!vscode.workspace.getConfiguration('dockerHosts').get<boolean>('confirmDestructiveActions', true)) {
    return actions[0];
  }
  return vscode.window.showWarningMessage(question, { modal: true, detail }, ...actions);
}
