import * as vscode from 'vscode';
import { KILL_SIGNALS } from '../../core/engine/operations/containerOperations';
import { NetworkSpec } from '../../core/engine/operations/networkOperations';
import { RunSpec } from '../../core/engine/operations/runSpec';
import { VolumeSpec } from '../../core/engine/operations/volumeOperations';
import { ResourceKind } from '../../core/engine/resources';
import { FieldValue } from '../../core/machines/driver';
import { composeBuildCommand, composeDownCommand, composeLifecycleCommand, composePullCommand, composeUpCommand, composeUpServicesCommand } from '../compose/composeCommands';
import { composeLogsCommand } from '../compose/composeLogsTerminal';
import { ComposeInvocation } from '../compose/composeTargets';
import { WorkspaceComposeProjects } from '../compose/workspaceComposeProjects';
import { removeProvisionedMachine, reprovisionMachine, upgradeDocker } from '../provisioning/provisionCommands';
import { Services } from '../services';
import { SwarmDirectory } from '../swarm/swarmDirectory';
import { swarmHandlers } from './swarm/swarmHandlers';
import { RegistriesContext } from '../registries/registryCommands';
import { registryHandlers } from './registries/registryHandlers';
import { ContainerFileSystem } from '../files/containerFileSystem';
import { fileHandlers } from './files/fileCommands';
import { buildImageCommand } from '../tasks/buildImageCommand';
import { BuildTaskProvider } from '../tasks/buildTaskProvider';
import { acceptsInvocation, COMMAND_IDS, COMMAND_TABLE, CommandId } from './commandTable';
import { copyContainerField, openInBrowser, showTop } from './containers/containerInfoCommands';
import { copyFromContainerCommand, copyIntoContainer } from './containers/copyFiles';
import { containerAction, killContainers, pruneStoppedContainers, removeContainers, renameContainerCommand } from './containers/lifecycle';
import { openShell, runCommand, showStats, viewLogs } from './containers/terminals';
import { guardedCommand } from './guardedCommand';
import { copyTagCommand, historyCommand, loadCommand, pruneImagesCommand, pullCommand, pushCommand, removeImagesCommand, saveCommand, tagCommand } from './images/imageCommands';
import { runImageCommand, runInteractiveCommand } from './images/runImage';
import { inspectResource } from './inspect';
import { Invocation, parseInvocation } from './invocation';
import { clearMachinesFilter, filterMachinesView } from './machines/filterMachinesView';
import { exportMachineToFile, importDockerContexts, importDockerMachines, importMachineFile } from './machines/importMachines';
import { copyMachineEnvironment, copyMachineUrl, openMachineTerminal } from './machines/machineEnvironmentCommands';
import { restartHost, runServiceAction, sshTerminal } from './machines/machineServiceCommands';
import { inspectMachine, removeMachine, renameMachine } from './machines/manageMachine';
import { editMachine, newMachine } from './machines/newMachine';
import { resolveSession, resolveStored } from './machines/resolveMachine';
import { connectCommand, createNetworkCommand, disconnectCommand, pruneNetworksCommand, removeNetworksCommand } from './networks/networkCommands';
import { pickMachine } from '../machines/pickMachine';
import { Check, isBoolean, isOneOf, isRecord, isSpec, isString, isStrings, readOptions } from './scriptOptions';
import { browseVolumeCommand, copyMountpointCommand, createVolumeCommand, pruneVolumesCommand, removeVolumesCommand } from './volumes/volumeCommands';

type Handler = (invocation: Invocation) => unknown;

export interface CommandDependencies {
  readonly services: Services;
  readonly build: BuildTaskProvider;
  readonly workspaceState: vscode.Memento;
  readonly composeProjects: WorkspaceComposeProjects;
  readonly swarm: SwarmDirectory;
  readonly registries: RegistriesContext;
  /** The docker-hosts-container file system (containers' Files in the tree). */
  readonly containerFiles: ContainerFileSystem;
}

const isFieldValues: Check<Record<string, FieldValue>> = (value): value is Record<string, FieldValue> =>
  isRecord(value) && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');

/** Specs the core operation validates field by field; here only the name the UI would ask first. */
function isNamedSpec<T extends { readonly name: string }>(): Check<T> {
  return (value): value is T => isRecord(value) && typeof value.name === 'string';
}

/** Every command's handler, keyed by the command table's ids (the type demands exactly those). */
function handlers({ services, build, workspaceState, composeProjects, swarm, containerFiles, registries }: CommandDependencies): Record<CommandId, Handler> {
  const { registry, tree, catalog, activeMachine } = services;
  const nodes = (inv: Invocation): Invocation['nodes'] => inv.nodes;
  const onSession = (run: (session: NonNullable<Awaited<ReturnType<typeof resolveSession>>>, inv: Invocation) => unknown): Handler => async (inv) => {
    const session = await resolveSession(services, inv);
    return session && run(session, inv);
  };
  const onStored = (run: (stored: NonNullable<Awaited<ReturnType<typeof resolveStored>>>, inv: Invocation) => unknown): Handler => async (inv) => {
    const stored = await resolveStored(services, inv);
    return stored && run(stored, inv);
  };
  /** Commands for machines the extension runs itself (local VMs): the palette offers only those. */
  const vmOnly = { accepts: (stored: { readonly driver: string }) => services.lifecycles.has(stored), none: 'There are no local VM machines: use "Docker Hosts: New Machine…" and pick Local VM (QEMU)' };
  const onVm = (run: (stored: NonNullable<Awaited<ReturnType<typeof resolveStored>>>, inv: Invocation) => unknown): Handler => async (inv) => {
    const stored = await resolveStored(services, inv, vmOnly);
    if (stored && !services.lifecycles.has(stored)) {
      throw new Error(`${stored.name} is not a machine Docker Hosts runs itself (a local VM)`);
    }
    return stored && run(stored, inv);
  };
  const confirmed = (inv: Invocation): boolean => readOptions(inv.options, { confirmed: isBoolean }).confirmed === true;
  const inspect = (kind: ResourceKind): Handler => (inv) => inspectResource(services, kind, nodes(inv));
  const setImageSetting = (key: string, value: unknown): Thenable<void> => vscode.workspace.getConfiguration('dockerHosts.images').update(key, value, vscode.ConfigurationTarget.Global);
  const action = (verb: 'start' | 'stop' | 'restart' | 'pause' | 'unpause'): Handler => (inv) => containerAction(services, verb, nodes(inv));
  const compose = { services, workspace: composeProjects };
  /** A compose command's targets: the nodes or files it was run on, else the `machine` and `project` options, else picks. */
  const composeOn = (inv: Invocation, project: string | undefined): ComposeInvocation => ({
    nodes: inv.nodes,
    uris: inv.uris,
    ...(inv.options?.machine !== undefined && { machine: inv.options.machine }),
    ...(project !== undefined && { project }),
  });
  const composeProject = (inv: Invocation): ComposeInvocation => composeOn(inv, readOptions(inv.options, { project: isString }).project);

  return {
    'dockerHosts.refresh': () => {
      registry.all.forEach((session) => void session.retry());
      tree.refreshAll();
    },
    'dockerHosts.machines.filter': (inv) => filterMachinesView(tree, readOptions(inv.options, { text: isString }).text),
    'dockerHosts.machines.clearFilter': () => clearMachinesFilter(tree),
    'dockerHosts.machine.retry': onSession((session) => session.retry()),
    'dockerHosts.machine.new': (inv) => {
      const { name, driver, options, testConnection } = readOptions(inv.options, { name: isString, driver: isString, options: isFieldValues, testConnection: isBoolean });
      if (!inv.options) {
        return newMachine(services);
      }
      if (name === undefined || driver === undefined || options === undefined) {
        throw new Error('New Machine with options needs name, driver and options');
      }
      return newMachine(services, { name, driver, options, ...(testConnection !== undefined && { testConnection }) });
    },
    'dockerHosts.machine.edit': onStored((stored, inv) => {
      const { options, regenerateCertificates } = readOptions(inv.options, { options: isFieldValues, regenerateCertificates: isBoolean });
      return editMachine(services, stored, options && { options, ...(regenerateCertificates !== undefined && { regenerateCertificates }) });
    }),
    'dockerHosts.machine.rename': onStored((stored, inv) => renameMachine(catalog, stored, readOptions(inv.options, { name: isString }).name)),
    'dockerHosts.machine.remove': onStored((stored, inv) => {
      const { confirmed: yes, mode } = readOptions(inv.options, { confirmed: isBoolean, mode: isOneOf('forget', 'deprovision') });
      if (services.lifecycles.has(stored)) {
        return services.lifecycles.remove(stored, yes === true);
      }
      return services.drivers.provisions(stored) ? removeProvisionedMachine(services, stored, mode ?? (yes ? 'forget' : undefined)) : removeMachine(catalog, stored, yes === true);
    }),
    'dockerHosts.machine.reprovision': onStored((stored) => reprovisionMachine(services, stored, false)),
    'dockerHosts.machine.regenerateCertificates': onStored((stored) => reprovisionMachine(services, stored, true)),
    'dockerHosts.machine.upgradeDocker': onStored((stored) => upgradeDocker(services, stored)),
    'dockerHosts.machine.setActive': async (inv) => {
      const session = inv.nodes.length > 0 || inv.options?.machine ? await resolveSession(services, inv) : await pickMachine(registry.all, 'Active Docker machine for this workspace');
      return session && activeMachine.set(session.machine.id);
    },
    'dockerHosts.machine.status': onSession(async (session) => {
      await session.connect();
      const version = session.version ? `, ${session.version.flavor.label}` : '';
      void vscode.window.showInformationMessage(`${session.machine.name}: ${session.state}${version}${session.error ? ` — ${session.error}` : ''}`);
      return session.state;
    }),
    // Only a script's options skip the trust pick list: the palette and menus pass none.
    'dockerHosts.machine.importContexts': (inv) => importDockerContexts(catalog, inv.options && readOptions(inv.options, { directory: isString, names: isStrings })),
    'dockerHosts.machine.importDockerMachine': (inv) => importDockerMachines(catalog, inv.options && readOptions(inv.options, { directory: isString, names: isStrings })),
    'dockerHosts.machine.importFile': (inv) => importMachineFile(catalog, readOptions(inv.options, { file: isString }).file),
    'dockerHosts.machine.export': onStored((stored, inv) => exportMachineToFile(catalog, stored, readOptions(inv.options, { file: isString }).file)),
    'dockerHosts.machine.start': onSession((session) => runServiceAction(services, session, 'start')),
    'dockerHosts.machine.stop': onSession((session) => runServiceAction(services, session, 'stop')),
    'dockerHosts.machine.startVm': onVm((stored) => services.lifecycles.run(stored, 'start')),
    'dockerHosts.machine.stopVm': onVm((stored) => services.lifecycles.run(stored, 'stop')),
    'dockerHosts.machine.restartVm': onVm((stored) => services.lifecycles.run(stored, 'restart')),
    'dockerHosts.machine.killVm': onVm((stored, inv) => services.lifecycles.run(stored, 'kill', confirmed(inv))),
    'dockerHosts.machine.restart': onSession((session) => runServiceAction(services, session, 'restart')),
    'dockerHosts.machine.ssh': onSession((session) => sshTerminal(services, session)),
    'dockerHosts.machine.restartHost': onSession((session, inv) => restartHost(services, session, confirmed(inv))),
    'dockerHosts.machine.copyUrl': onSession(copyMachineUrl),
    'dockerHosts.machine.copyEnv': onSession((session) => copyMachineEnvironment(session, services.forwards)),
    'dockerHosts.machine.openTerminal': onSession((session) => openMachineTerminal(session, services.forwards)),
    'dockerHosts.machine.inspect': onSession((session) => inspectMachine(session, catalog.find(session.machine.id))),
    'dockerHosts.container.inspect': inspect('container'),
    'dockerHosts.image.inspect': inspect('image'),
    'dockerHosts.volume.inspect': inspect('volume'),
    'dockerHosts.network.inspect': inspect('network'),

    'dockerHosts.container.start': action('start'),
    'dockerHosts.container.stop': action('stop'),
    'dockerHosts.container.restart': action('restart'),
    'dockerHosts.container.pause': action('pause'),
    'dockerHosts.container.unpause': action('unpause'),
    'dockerHosts.container.kill': (inv) => killContainers(services, nodes(inv), readOptions(inv.options, { signal: isOneOf(...KILL_SIGNALS) }).signal),
    'dockerHosts.container.remove': (inv) => removeContainers(services, nodes(inv), readOptions(inv.options, { force: isBoolean, volumes: isBoolean, confirmed: isBoolean })),
    'dockerHosts.container.rename': (inv) => renameContainerCommand(services, nodes(inv), readOptions(inv.options, { name: isString }).name),
    'dockerHosts.container.prune': (inv) => pruneStoppedContainers(services, inv, confirmed(inv)),
    'dockerHosts.container.logs': (inv) => viewLogs(services, nodes(inv)),
    'dockerHosts.container.shell': (inv) => openShell(services, nodes(inv)),
    'dockerHosts.container.runCommand': (inv) => runCommand(services, nodes(inv), readOptions(inv.options, { command: isString }).command),
    'dockerHosts.container.stats': (inv) => showStats(services, nodes(inv)),
    'dockerHosts.container.openInBrowser': (inv) => openInBrowser(services, nodes(inv)),
    'dockerHosts.container.copyId': (inv) => copyContainerField(services, 'id', nodes(inv)),
    'dockerHosts.container.copyName': (inv) => copyContainerField(services, 'name', nodes(inv)),
    'dockerHosts.container.top': (inv) => showTop(services, nodes(inv)),
    'dockerHosts.container.copyTo': (inv) => {
      const { localPath, directory } = readOptions(inv.options, { localPath: isString, directory: isString });
      return copyIntoContainer(services, nodes(inv), localPath, directory);
    },
    'dockerHosts.container.copyFrom': (inv) => {
      const { containerPath, directory } = readOptions(inv.options, { containerPath: isString, directory: isString });
      return copyFromContainerCommand(services, nodes(inv), containerPath, directory);
    },

    'dockerHosts.image.run': (inv) => runImageCommand(services, nodes(inv), readOptions(inv.options, { spec: isSpec<RunSpec>() }).spec),
    'dockerHosts.image.runInteractive': (inv) => runInteractiveCommand(services, nodes(inv), readOptions(inv.options, { command: isString }).command),
    'dockerHosts.image.pull': (inv) => pullCommand(services, inv, readOptions(inv.options, { reference: isString }).reference),
    'dockerHosts.image.push': (inv) => pushCommand(services, nodes(inv)),
    'dockerHosts.image.tag': (inv) => tagCommand(services, nodes(inv), readOptions(inv.options, { tag: isString }).tag),
    'dockerHosts.image.remove': (inv) => removeImagesCommand(services, nodes(inv), readOptions(inv.options, { force: isBoolean, confirmed: isBoolean })),
    'dockerHosts.image.prune': (inv) => pruneImagesCommand(services, inv, readOptions(inv.options, { scope: isOneOf('dangling', 'unused') }).scope),
    'dockerHosts.image.history': (inv) => historyCommand(services, nodes(inv)),
    'dockerHosts.image.copyTag': (inv) => copyTagCommand(services, nodes(inv)),
    'dockerHosts.image.save': (inv) => saveCommand(services, nodes(inv), readOptions(inv.options, { file: isString }).file),
    'dockerHosts.image.load': (inv) => loadCommand(services, inv, readOptions(inv.options, { file: isString }).file),
    'dockerHosts.image.showDangling': () => setImageSetting('showDangling', true),
    'dockerHosts.image.hideDangling': () => setImageSetting('showDangling', false),
    'dockerHosts.image.sortBy': async (inv) => {
      const given = readOptions(inv.options, { order: isOneOf('name', 'created', 'size') }).order;
      const chosen = given ?? (await vscode.window.showQuickPick(['name', 'created', 'size'], { title: 'Sort images by' }));
      return chosen && setImageSetting('sortBy', chosen);
    },

    'dockerHosts.volume.create': (inv) => createVolumeCommand(services, inv, readOptions(inv.options, { spec: isNamedSpec<VolumeSpec>() }).spec),
    'dockerHosts.volume.remove': (inv) => removeVolumesCommand(services, nodes(inv), confirmed(inv)),
    'dockerHosts.volume.prune': (inv) => pruneVolumesCommand(services, inv, confirmed(inv)),
    'dockerHosts.volume.browse': (inv) => browseVolumeCommand(services, nodes(inv), readOptions(inv.options, { file: isString }).file),
    'dockerHosts.volume.copyMountpoint': (inv) => copyMountpointCommand(services, nodes(inv)),
    'dockerHosts.network.create': (inv) => createNetworkCommand(services, inv, readOptions(inv.options, { spec: isNamedSpec<NetworkSpec>() }).spec),
    'dockerHosts.network.remove': (inv) => removeNetworksCommand(services, nodes(inv), confirmed(inv)),
    'dockerHosts.network.prune': (inv) => pruneNetworksCommand(services, inv, confirmed(inv)),
    'dockerHosts.network.connect': (inv) => connectCommand(services, nodes(inv), readOptions(inv.options, { container: isString }).container),
    'dockerHosts.network.disconnect': (inv) => disconnectCommand(services, nodes(inv), readOptions(inv.options, { container: isString }).container),

    'dockerHosts.build.image': (inv) => buildImageCommand(build, workspaceState, inv.uris, readOptions(inv.options, { tag: isString }).tag),

    'dockerHosts.compose.up': (inv) => {
      const { project, services: only, removeOrphans } = readOptions(inv.options, { project: isString, services: isStrings, removeOrphans: isBoolean });
      return composeUpCommand(compose, composeOn(inv, project), { ...(only && { services: only }), ...(removeOrphans !== undefined && { removeOrphans }) });
    },
    'dockerHosts.compose.upServices': (inv) => {
      const { project, services: only } = readOptions(inv.options, { project: isString, services: isStrings });
      return composeUpServicesCommand(compose, composeOn(inv, project), only);
    },
    'dockerHosts.compose.down': (inv) => {
      const { project, confirmed: yes, volumes } = readOptions(inv.options, { project: isString, confirmed: isBoolean, volumes: isBoolean });
      return composeDownCommand(compose, composeOn(inv, project), { ...(yes !== undefined && { confirmed: yes }), ...(volumes !== undefined && { volumes }) });
    },
    'dockerHosts.compose.stop': (inv) => composeLifecycleCommand(compose, composeProject(inv), 'stop'),
    'dockerHosts.compose.start': (inv) => composeLifecycleCommand(compose, composeProject(inv), 'start'),
    'dockerHosts.compose.restart': (inv) => composeLifecycleCommand(compose, composeProject(inv), 'restart'),
    'dockerHosts.compose.pull': (inv) => composePullCommand(compose, composeProject(inv)),
    'dockerHosts.compose.build': (inv) => composeBuildCommand(compose, composeProject(inv)),
    'dockerHosts.compose.logs': (inv) => composeLogsCommand(compose, composeProject(inv)),
    ...swarmHandlers({ services, directory: swarm }),
    ...registryHandlers(registries),
    ...fileHandlers({ services, fileSystem: containerFiles }),
  };
}

/** Registers every command of the table: arguments are parsed once, and refused where the table does not allow them. */
export function registerCommandTable(dependencies: CommandDependencies): vscode.Disposable[] {
  const table = handlers(dependencies);
  return COMMAND_IDS.map((id) =>
    guardedCommand(dependencies.services.log, id, (...args: unknown[]) => {
      const invocation = parseInvocation(args);
      if (!acceptsInvocation(COMMAND_TABLE[id], invocation.shape, invocation.options !== undefined)) {
        throw new Error(`${id} cannot be run that way (${invocation.shape}${invocation.options ? ' with options' : ''}); it runs from: ${COMMAND_TABLE[id].where.join(', ')}`);
      }
      return table[id](invocation);
    }),
  );
}
