import * as vscode from 'vscode';
import { composeLogs } from '../../core/compose/engine/composeOperations';
import { openEngineTerminal } from '../terminals/engineTerminal';
import { ComposeContext, ComposeInvocation, resolveComposeTargets } from './composeTargets';
import { reportComposeFileError } from './composeProgress';
import { LogPrefixer } from './logPrefixer';

/** Compose Logs: every service's containers' logs merged in one terminal, one colour per service, following (containers that start later too) until it is closed. */
export async function composeLogsCommand(context: ComposeContext, invocation: ComposeInvocation): Promise<vscode.Terminal | undefined> {
  const [target] = await resolveComposeTargets(context, invocation, 'name', 'Compose Logs').catch((error: unknown) => [reportComposeFileError(context.services.log, error)]);
  if (!target) {
    return undefined;
  }
  const settings = vscode.workspace.getConfiguration('dockerHosts.logs');
  const tail = settings.get<number>('tail', 500);
  const options = { follow: true, timestamps: settings.get<boolean>('timestamps', false), tail: tail > 0 ? tail : ('all' as const) };
  return openEngineTerminal(`compose logs: ${target.name}`, async (session) => {
    await target.session.connect();
    const prefixer = new LogPrefixer();
    // Ends only when the terminal is closed (its signal aborts).
    for await (const line of composeLogs(target.session.engine, target.name, { ...options, signal: session.signal })) {
      session.write(prefixer.format(line, target.name));
    }
  }, 'output');
}
