import * as vscode from 'vscode';

/**
 * Registers a command whose failures become one error notification (the detail goes to the
 * log), so no command can surface as an unhandled rejection in the extension host.
 */
export function guardedCommand(log: vscode.LogOutputChannel, id: string, run: (...args: unknown[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (error) {
      log.error(`${id} failed`, error);
      void vscode.window.showErrorMessage((error as Error).message ?? String(error));
      return undefined;
    }
  });
}
