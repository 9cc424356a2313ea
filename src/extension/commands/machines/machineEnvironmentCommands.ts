import * as vscode from 'vscode';
import { describeEndpoint } from '../../../core/engine/endpoint';
import { MachineSession } from '../../../core/machines/session';
import { machineEnvironment, toShellExports } from '../../../core/machines/machineEnvironment';
import { EngineForwards } from '../../machines/engineForwards';

export async function copyMachineUrl(session: MachineSession): Promise<string> {
  const url = describeEndpoint(session.machine.endpoint).replace(/ \(.*\)$/, '');
  await vscode.env.clipboard.writeText(url);
  return url;
}

/** Copies `export DOCKER_HOST=…` lines for a shell, as `docker-machine env` prints them. */
export async function copyMachineEnvironment(session: MachineSession, forwards: EngineForwards): Promise<string> {
  const { variables, warnings } = await environmentFor(session, forwards);
  const text = toShellExports(variables);
  await vscode.env.clipboard.writeText(text);
  warnings.forEach((warning) => void vscode.window.showWarningMessage(warning));
  return text;
}

/** A terminal whose docker CLI talks to this machine; no other terminal or file is changed. */
export async function openMachineTerminal(session: MachineSession, forwards: EngineForwards): Promise<vscode.Terminal> {
  const { variables, warnings } = await environmentFor(session, forwards);
  warnings.forEach((warning) => void vscode.window.showWarningMessage(warning));
  const terminal = vscode.window.createTerminal({ name: `docker: ${session.machine.name}`, env: { ...variables } });
  terminal.show();
  return terminal;
}

/**
 * The docker CLI's environment for the machine. A machine whose SSH key lives only in secret
 * storage (a local VM) is reached through a local socket this window forwards to its engine.
 */
async function environmentFor(session: MachineSession, forwards: EngineForwards): Promise<ReturnType<typeof machineEnvironment>> {
  if (!forwards.needed(session)) {
    return machineEnvironment(session.machine.cliEndpoint ?? session.machine.endpoint);
  }
  const socketPath = await forwards.socketFor(session);
  return {
    variables: { DOCKER_HOST: `unix://${socketPath}` },
    warnings: [`${session.machine.name}'s SSH key stays in VS Code's secret storage: DOCKER_HOST is a socket this window forwards to its engine, usable while the window is open.`],
  };
}
