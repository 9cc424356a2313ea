import * as vscode from 'vscode';
import { MachineSession } from '../../core/engine/machineSession';

/** Asks which machine, unless there is only one to choose from. */
export async function pickMachine(sessions: readonly MachineSession[], title = 'Docker Hosts: choose a machine'): Promise<MachineSession | undefined> {
  if (sessions.length <= 1) {
    return sessions[0];
  }
  const picked = await vscode.window.showQuickPick(
    sessions.map((session) => ({ label: session.machine.name, description: `${session.state} · ${session.address}`, session })),
    { title },
  );
  return picked?.session;
}
