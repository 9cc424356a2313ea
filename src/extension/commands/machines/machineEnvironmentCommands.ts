import * as vscode from 'vscode';
import { describeEndpoint } from '../../../core/engine/endpoint';
import { MachineSession } from '../../../core/machines/session';
import { machineEnvironment, toShellExports } from '../../../core/machines/machineEnvironment';

export async function copyMachineUrl(session: MachineSession): Promise<string> {
  const url = describeEndpoint(session.machine.endpoint).replace(/ \(.*\)$/, '');
  await vscode.env.clipboard.writeText(url);
  return url;
}

/** Copies `export DOCKER_HOST=…` lines for a shell, as `docker-machine env` prints them. */
export async function copyMachineEnvironment(session: MachineSession): Promise<string> {
  const { variables, warnings } = machineEnvironment(session.machine.cliEndpoint ?? session.machine.endpoint);
  const text = toShellExports(variables);
  await vscode.env.clipboard.writeText(text);
  warnings.forEach((warning) => void vscode.window.showWarningMessage(warning));
  return text;
}

/** A terminal whose docker CLI talks to this machine; no other terminal or file is changed. */
export function openMachineTerminal(session: MachineSession): vscode.Terminal {
  const { variables, warnings } = machineEnvironment(session.machine.cliEndpoint ?? session.machine.endpoint);
  warnings.forEach((warning) => void vscode.window.showWarningMessage(warning));
  const terminal = vscode.window.createTerminal({ name: `docker: ${session.machine.name}`, env: { ...variables } });
  terminal.show();
  return terminal;
}
