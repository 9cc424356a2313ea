import * as vscode from 'vscode';
import { MachineSession } from '../../../core/engine/machineSession';
import { MachineOperation } from '../../../core/machines/driver';
import { sshDriver } from '../../../core/machines/drivers/sshDriver';
import { SshConnection } from '../../../core/ssh/sshConnection';
import { Services } from '../../services';

/**
 * Start/Stop/Restart: the Docker service on the host, through the machine's own SSH connection,
 * or (for machines whose engine is reached over TLS) one made from its SSH details for the job.
 */
export async function runServiceAction(services: Services, session: MachineSession, action: 'start' | 'stop' | 'restart'): Promise<number> {
  requireOperation(services, session, action);
  const stored = services.catalog.find(session.machine.id);
  const command = stored && services.catalog.driverOf(stored).serviceCommand?.(stored, action);
  const own = session.engine.sshConnection;
  const connection = own ?? (stored && new SshConnection(sshEndpointOf(services, stored), services.sshSettings()));
  if (!command || !connection) {
    throw new Error(`${session.machine.name} has no SSH connection to run the Docker service through`);
  }
  const result = await Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${action[0]?.toUpperCase()}${action.slice(1)}ing Docker on ${session.machine.name}…`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return connection.exec(command, controller.signal);
      },
    ),
  ).finally(() => connection !== own && connection.dispose());
  if (result.code !== 0) {
    throw new Error(`Could not ${action} Docker on ${session.machine.name}: ${(result.stderr || result.stdout).trim() || `exit code ${result.code}`}`);
  }
  await session.retry();
  return result.code;
}

/** SSH into Machine: a terminal running OpenSSH with the machine's details and known_hosts. */
export function sshTerminal(services: Services, session: MachineSession): vscode.Terminal {
  requireOperation(services, session, 'ssh');
  const stored = services.catalog.find(session.machine.id);
  const details = stored && services.catalog.driverOf(stored).sshDetails(stored);
  if (!details) {
    throw new Error(`${session.machine.name} has no SSH details`);
  }
  const knownHosts = vscode.workspace.getConfiguration('dockerHosts.ssh').get<string>('knownHostsFile', '');
  const configFile = vscode.workspace.getConfiguration('dockerHosts.ssh').get<string>('configFile', '');
  const args = [
    ...(configFile ? ['-F', configFile] : []),
    ...(knownHosts ? ['-o', `UserKnownHostsFile=${knownHosts}`] : []),
    ...(details.identityFile ? ['-i', details.identityFile] : []),
    '-p', String(details.port),
    details.user ? `${details.user}@${details.host}` : details.host,
  ];
  const terminal = vscode.window.createTerminal({ name: `ssh: ${session.machine.name}`, shellPath: 'ssh', shellArgs: args, iconPath: new vscode.ThemeIcon('remote') });
  terminal.show();
  return terminal;
}

function requireOperation(services: Services, session: MachineSession, operation: MachineOperation): void {
  const stored = services.catalog.find(session.machine.id);
  const driver = stored && services.catalog.driverOf(stored);
  if (!driver?.operations.has(operation)) {
    throw new Error(`The ${session.machine.driver} driver of ${session.machine.name} cannot ${operation === 'ssh' ? 'open an SSH session' : `${operation} its engine`}`);
  }
}

function sshEndpointOf(services: Services, stored: NonNullable<ReturnType<Services['catalog']['find']>>): Extract<ReturnType<typeof sshDriver.endpoint>, { kind: 'ssh' }> {
  const endpoint = sshDriver.endpoint(stored, services.catalog.context);
  if (endpoint.kind !== 'ssh') {
    throw new Error(`${stored.name} has no SSH details`);
  }
  return endpoint;
}
