// Swarm work in a cancellable notification; failures become one sentence a user can act on.
import * as vscode from 'vscode';
import { SwarmError } from '../../core/swarm/swarmErrors';

/** "Initialize Swarm on local: local is already in a swarm: leave …": SwarmErrors carry the advice, other failures their own words. */
export function swarmFailure(verb: string, error: unknown): Error {
  if (error instanceof SwarmError) {
    return new Error(`${verb}: ${error.message}`);
  }
  return new Error(`${verb} failed: ${(error as Error)?.message ?? String(error)}`);
}

/**
 * Runs `work` in a notification titled `title`, whose Cancel aborts the signal; resolves undefined
 * when cancelled. Failures are rethrown as swarmFailure (the command guard shows them; the log has all).
 */
export function withSwarmProgress<T>(log: vscode.LogOutputChannel, title: string, work: (report: (message: string) => void, signal: AbortSignal) => Promise<T>): Thenable<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const cancellation = token.onCancellationRequested(() => controller.abort());
    const report = (message: string): void => {
      progress.report({ message });
      log.info(`${title}: ${message}`);
    };
    try {
      log.info(`${title}…`);
      const result = await work(report, controller.signal);
      log.info(`${title}: done`);
      return result;
    } catch (error) {
      if (controller.signal.aborted) {
        log.info(`${title}: cancelled`);
        return undefined;
      }
      log.error(`${title} failed`, error);
      throw swarmFailure(title, error);
    } finally {
      cancellation.dispose();
    }
  });
}
