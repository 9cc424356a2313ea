import * as vscode from 'vscode';
import { MachineSession } from '../../core/machines/session';

/** Asks which machine, unless there is only one to choose from; `first` (the active machine, say) is listed first. */
export async function pickMachine(sessions: readonly MachineSession[], title = 'Docker Hosts: choose a machine', first?: MachineSession): Promise<MachineSession | undefined> {
  if (sessions.length <= 1) {
    return sessions[0];
  }
  const ordered = first && sessions.includes(first) ? [first, ...sessions.filter((session) => session !== first)] : sessions;
  const picked = await vscode.window.showQuickPick(
    ordered.map((session) => ({ label: session.machine.name, description: `${session.state} · ${session.address}${session === first ? ' · active' : ''}`, session })),
    { title },
  );
  return picked?.session;
}
