import * as vscode from 'vscode';
import { confirmDestructiveActionsSetting } from '../userSettings';

/**
 * Asks before something destructive; returns the chosen action, or undefined when cancelled.
 * With dockerHosts.confirmDestructiveActions off in the user's settings, the first action is taken without asking.
 */
export async function confirm(question: string, detail: string, actions: readonly string[]): Promise<string | undefined> {
  if (!confirmDestructiveActionsSetting()) {
    return actions[0];
  }
  return vscode.window.showWarningMessage(question, { modal: true, detail }, ...actions);
}
