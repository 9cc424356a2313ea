import * as vscode from 'vscode';
import { ComposeProgressEvent } from '../../core/compose/engine/composeTypes';
import { ComposeFileError } from '../../core/compose/model/composeModel';

export type ProgressListener = (event: ComposeProgressEvent) => void;

/** "Container demo-web-1 Started", as docker compose v2 prints it, with the detail after a dash. */
export function describeProgress(event: ComposeProgressEvent): string {
  return `${event.resource} ${event.state}${event.detail ? ` — ${event.detail}` : ''}`;
}

/**
 * Runs long compose work in a cancellable notification that shows each resource's step (one line
 * per service's container, network, volume, image); every step also goes to the log. Cancelling
 * aborts the work's signal; it then resolves with undefined and says what is left behind.
 */
export function withComposeProgress<T>(log: vscode.LogOutputChannel, title: string, work: (onProgress: ProgressListener, signal: AbortSignal) => Promise<T>): Thenable<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const cancellation = token.onCancellationRequested(() => controller.abort());
    const onProgress: ProgressListener = (event) => {
      const line = describeProgress(event);
      progress.report({ message: line });
      (event.state === 'Error' ? log.error : log.info).call(log, `${title}: ${line}`);
    };
    try {
      log.info(`${title}…`);
      const result = await work(onProgress, controller.signal);
      log.info(`${title}: done`);
      return result;
    } catch (error) {
      if (controller.signal.aborted) {
        log.info(`${title}: cancelled`);
        void vscode.window.showInformationMessage(`${title} was cancelled. What it had already made stays: Compose Down removes it.`);
        return undefined;
      }
      throw error;
    } finally {
      cancellation.dispose();
    }
  });
}

/**
 * Shows a failure of the compose files as one message with Open File (at the line it names); the
 * full detail goes to the log. Anything else is rethrown for the command guard to show.
 */
export function reportComposeFileError(log: vscode.LogOutputChannel, error: unknown): undefined {
  if (!(error instanceof ComposeFileError) || !error.position) {
    throw error;
  }
  log.error('Compose files:', error);
  const { file, line, column } = error.position;
  void vscode.window.showErrorMessage(error.message, 'Open File').then(async (choice) => {
    if (choice) {
      const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
      await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(position, position) });
    }
  });
  return undefined;
}
