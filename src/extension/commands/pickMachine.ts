import * as vscode from 'vscode';
import { MachineSession } from '../../core/engine/machineSession';
import { MachineRegistry } from '../../core/machines/machineRegistry';

/** Asks which machine, unless there is only one. */
export async function pickMachine(registry: MachineRegistry): Promise<MachineSession | undefined> {
  const sessions = registry.all;
  if (sessions.length <= 1) {
    return sessions[0];
  }
  const picked = await vscode.window.showQuickPick(
    sessions.map((session) => ({ label: session.machine.name, description: `${session.state} · ${session.address}`, session })),
    { title: 'Docker Hosts: choose a machine' },
  );
  return picked?.session;
}
