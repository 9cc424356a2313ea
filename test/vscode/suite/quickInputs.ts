import * as vscode from 'vscode';

/** Runs a command that asks one question after another and accepts each as it stands (the prefilled answer), until the command ends. */
export async function acceptingDefaults<T>(command: Thenable<T>): Promise<T> {
  let done = false;
  const result = Promise.resolve(command).finally(() => (done = true));
  while (!done) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return result;
}
