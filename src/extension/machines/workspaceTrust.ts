import * as vscode from 'vscode';

/** Throws the message to show when `what` is asked for in a workspace the user has not trusted. */
export function requireTrustedWorkspace(what: string): void {
  if (!vscode.workspace.isTrusted) {
    throw new Error(`${what} runs commands on this computer and is off in Restricted Mode — trust this workspace (Manage Workspace Trust) to use it`);
  }
}
