import * as vscode from 'vscode';
import { ResourceKind } from '../../core/engine/resources';
import { Services } from '../services';
import { MachineNode } from '../tree/nodes/machineNode';
import { registerContainerCommands } from './containers/registerContainerCommands';
import { guardedCommand } from './guardedCommand';
import { inspectResource } from './inspect';
import { registerResourceCommands } from './registerResourceCommands';
import { copyMachineEnvironment, copyMachineUrl, openMachineTerminal } from './machines/machineEnvironmentCommands';
import { exportMachineToFile, ImportArguments, importDockerContexts, importDockerMachines, importMachineFile } from './machines/importMachines';
import { inspectMachine, removeMachine, renameMachine } from './machines/manageMachine';
import { restartHost, runServiceAction, sshTerminal } from './machines/machineServiceCommands';
import { EditMachineArguments, editMachine, newMachine, NewMachineArguments } from './machines/newMachine';
import { resolveSession, resolveStored } from './machines/resolveMachine';
import { pickMachine } from './pickMachine';
import { removeProvisionedMachine, RemoveMode, reprovisionMachine, upgradeDocker } from '../provisioning/provisionCommands';

type Target = MachineNode | string | undefined;

/** The one place where command ids meet their implementations. */
export function registerCommands(services: Services): vscode.Disposable[] {
  const { registry, tree, log, catalog, activeMachine } = services;
  const command = (id: string, run: (...args: never[]) => unknown): vscode.Disposable => guardedCommand(log, id, run);
  const onSession = (id: string, run: (session: NonNullable<Awaited<ReturnType<typeof resolveSession>>>) => unknown): vscode.Disposable =>
    command(id, async (target: Target) => {
      const session = await resolveSession(services, target);
      return session && run(session);
    });
  const onStored = (id: string, run: (stored: NonNullable<Awaited<ReturnType<typeof resolveStored>>>, ...rest: never[]) => unknown): vscode.Disposable =>
    command(id, async (target: Target, ...rest: never[]) => {
      const stored = await resolveStored(services, target);
      return stored && run(stored, ...rest);
    });
  const inspect = (kind: ResourceKind): vscode.Disposable =>
    command(`dockerHosts.${kind}.inspect`, (node?: never) => inspectResource(services, kind, node));

  return [
    command('dockerHosts.refresh', () => {
      registry.all.forEach((session) => void session.retry());
      tree.refreshAll();
    }),
    onSession('dockerHosts.machine.retry', (session) => session.retry()),
    command('dockerHosts.machine.new', (args?: NewMachineArguments) => newMachine(services, args)),
    onStored('dockerHosts.machine.edit', (stored, args?: EditMachineArguments) => editMachine(services, stored, args)),
    onStored('dockerHosts.machine.rename', (stored, newName?: string) => renameMachine(catalog, stored, newName)),
    onStored('dockerHosts.machine.remove', (stored, confirmed?: boolean | RemoveMode) =>
      stored.driver === 'generic' ? removeProvisionedMachine(services, stored, confirmed === true ? 'forget' : confirmed || undefined) : removeMachine(catalog, stored, confirmed === true),
    ),
    onStored('dockerHosts.machine.reprovision', (stored) => reprovisionMachine(services, stored, false)),
    onStored('dockerHosts.machine.regenerateCertificates', (stored) => reprovisionMachine(services, stored, true)),
    onStored('dockerHosts.machine.upgradeDocker', (stored) => upgradeDocker(services, stored)),
    command('dockerHosts.machine.setActive', async (target: Target) => {
      const session = target ? await resolveSession(services, target) : await pickMachine(registry.all, 'Active Docker machine for this workspace');
      return session && activeMachine.set(session.machine.id);
    }),
    onSession('dockerHosts.machine.status', async (session) => {
      await session.connect();
      const version = session.version ? `, Docker ${session.version.version}` : '';
      void vscode.window.showInformationMessage(`${session.machine.name}: ${session.state}${version}${session.error ? ` — ${session.error}` : ''}`);
      return session.state;
    }),
    command('dockerHosts.machine.importContexts', (args?: ImportArguments) => importDockerContexts(catalog, args)),
    command('dockerHosts.machine.importDockerMachine', (args?: ImportArguments) => importDockerMachines(catalog, args)),
    command('dockerHosts.machine.importFile', (file?: string) => importMachineFile(catalog, file)),
    onStored('dockerHosts.machine.export', (stored, file?: string) => exportMachineToFile(catalog, stored, file)),
    onSession('dockerHosts.machine.start', (session) => runServiceAction(services, session, 'start')),
    onSession('dockerHosts.machine.stop', (session) => runServiceAction(services, session, 'stop')),
    onSession('dockerHosts.machine.restart', (session) => runServiceAction(services, session, 'restart')),
    onSession('dockerHosts.machine.ssh', (session) => sshTerminal(services, session)),
    command('dockerHosts.machine.restartHost', async (target: Target, confirmed?: boolean) => {
      const session = await resolveSession(services, target);
      return session && restartHost(services, session, confirmed === true);
    }),
    onSession('dockerHosts.machine.copyUrl', copyMachineUrl),
    onSession('dockerHosts.machine.copyEnv', copyMachineEnvironment),
    onSession('dockerHosts.machine.openTerminal', openMachineTerminal),
    onSession('dockerHosts.machine.inspect', (session) => inspectMachine(session, catalog.find(session.machine.id))),
    inspect('container'),
    inspect('image'),
    inspect('volume'),
    inspect('network'),
    ...registerContainerCommands(services),
    ...registerResourceCommands(services),
  ];
}
