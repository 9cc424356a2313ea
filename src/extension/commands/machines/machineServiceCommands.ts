import * as vscode from 'vscode';
import { MachineSession } from '../../../core/machines/session';
import { MachineOperation } from '../../../core/machines/driver';
import { restartHostCommand } from '../../../core/machines/drivers/genericDriver';
import { sshDriver } from '../../../core/machines/drivers/sshDriver';
import { RemoteCommandResult } from '../../../core/ssh/remoteCommand';
import { confirm } from '../../prompts/confirm';
import { refuseOptionLikeHost } from '../../../core/ssh/optionLikeHost';
import { SshConnection } from '../../../core/ssh/sshConnection';
import { requireAbsoluteSshFiles } from '../../../core/ssh/sshSettings';
import { sshFileSettings } from '../../machines/sshSettingsFromEditor';
import { requireTrustedWorkspace } from '../../machines/workspaceTrust';
import { Services } from '../../services';
import { openSshShellTerminal } from '../../terminals/sshShellTerminal';

/**
 * Start/Stop/Restart: the Docker service on the host, through the machine's own SSH connection,
 * or (for machines whose engine is reached over TLS) one made from its SSH details for the job.
 */
export async function runServiceAction(services: Services, session: MachineSession, action: 'start' | 'stop' | 'restart'): Promise<number> {
  requireOperation(services, session, action);
  const stored = services.catalog.find(session.machine.id);
  const command = stored && services.catalog.driverOf(stored).serviceCommand?.(stored, action);
  if (!command) {
    throw new Error(`${session.machine.name} has no SSH connection to run the Docker service through`);
  }
  const title = `${action[0]?.toUpperCase()}${action.slice(1)}ing Docker on ${session.machine.name}…`;
  const result = await runOverSsh(services, session, title, command);
  if (result.code !== 0) {
    throw new Error(`Could not ${action} Docker on ${session.machine.name}: ${(result.stderr || result.stdout).trim() || `exit code ${result.code}`}`);
  }
  await session.retry();
  return result.code;
}

/** Restart Host: reboots a provisioned machine's host, after asking; the machine reconnects by itself. */
export async function restartHost(services: Services, session: MachineSession, confirmed = false): Promise<boolean> {
  const stored = services.catalog.find(session.machine.id);
  if (!stored || !services.drivers.provisions(stored)) {
    throw new Error(`${session.machine.name} was not provisioned by Docker Hosts; restart its host yourself`);
  }
  const question = `Restart the host of ${session.machine.name}?`;
  const detail = 'The whole computer reboots: every container on it stops, and those with a restart policy start again with Docker.';
  if (!confirmed && !(await confirm(question, detail, ['Restart Host']))) {
    return false;
  }
  const result = await runOverSsh(services, session, `Restarting the host of ${session.machine.name}…`, restartHostCommand());
  if (result.code !== 0) {
    throw new Error(`Could not restart the host of ${session.machine.name}: ${(result.stderr || result.stdout).trim() || `exit code ${result.code}`}`);
  }
  void vscode.window.showInformationMessage(`The host of ${session.machine.name} is restarting; the machine reconnects when it is back.`);
  return true;
}

/** A command over the machine's own SSH connection, or one made from its SSH details for the job. */
async function runOverSsh(services: Services, session: MachineSession, title: string, command: string): Promise<RemoteCommandResult> {
  const stored = services.catalog.find(session.machine.id);
  const own = session.engine.sshConnection;
  const connection = own ?? (stored && new SshConnection(sshEndpointOf(services, stored), services.sshSettings()));
  if (!connection) {
    throw new Error(`${session.machine.name} has no SSH details`);
  }
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return connection.exec(command, controller.signal);
    }),
  ).finally(() => connection !== own && connection.dispose());
}

/**
 * SSH into Machine: a terminal running OpenSSH with the machine's details and the user's own
 * SSH settings. Only in a trusted workspace: what ssh runs must never come from a repository.
 */
export function sshTerminal(services: Services, session: MachineSession): vscode.Terminal {
  requireTrustedWorkspace('SSH into Machine');
  requireOperation(services, session, 'ssh');
  const endpoint = session.machine.endpoint;
  if (endpoint.kind === 'ssh' && endpoint.privateKey !== undefined && session.engine.sshConnection) {
    // The key lives in secret storage only: the shell goes over the extension's own connection.
    return openSshShellTerminal(session.engine.sshConnection, session.machine.name);
  }
  const stored = services.catalog.find(session.machine.id);
  const details = stored && services.catalog.driverOf(stored).sshDetails(stored);
  if (!details) {
    throw new Error(`${session.machine.name} has no SSH details`);
  }
  refuseOptionLikeHost(details.host, session.machine.name);
  const { configFile, knownHostsFile } = sshFileSettings();
  requireAbsoluteSshFiles({ configFiles: configFile ? [configFile] : [], knownHostsFiles: knownHostsFile ? [knownHostsFile] : [] });
  const args = [
    ...(configFile ? ['-F', configFile] : []),
    ...(knownHostsFile ? ['-o', `UserKnownHostsFile=${knownHostsFile}`] : []),
    ...(details.identityFile ? ['-i', details.identityFile] : []),
    '-p', String(details.port),
    '--', // whatever the destination looks like, ssh reads no option from it
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
