import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveLocalEndpoint } from '../core/engine/resolveLocalEndpoint';
import { DriverRegistry } from '../core/machines/driverRegistry';
import { LOCAL_MACHINE_ID, Machine } from '../core/machines/machine';
import { MachineCatalog } from '../core/machines/machineCatalog';
import { MachineRegistry } from '../core/machines/machineRegistry';
import { describeProblems, MachineProblem } from '../core/machines/machineProblem';
import { MachineStore } from '../core/machines/machineStore';
import { createApi, DockerHostsApi } from './api';
import { showFilterInView } from './commands/machines/filterMachinesView';
import { registerCommandTable } from './commands/commandHandlers';
import { createCompose, registerComposeLanguage } from './compose/registerCompose';
import { VOLUME_SCHEME, VolumeFileProvider } from './commands/volumes/volumeFiles';
import { ContainerFileSystem } from './files/containerFileSystem';
import { CONTAINER_SCHEME } from './files/containerUri';
import { INSPECT_SCHEME, InspectDocumentProvider } from './inspect/inspectDocuments';
import { readOnlyDocuments } from './inspect/readOnlyDocuments';
import { registerDockerfileLanguage } from './language';
import { ActiveMachine } from './machines/activeMachine';
import { SshPrompts } from './machines/sshPrompts';
import { sshSettingsFromEditor } from './machines/sshSettingsFromEditor';
import { warnAboutCertificates } from './provisioning/certificateWarnings';
import { TlsAuthorityStore } from './provisioning/tlsAuthorityStore';
import { MachineLifecycles } from './machines/machineLifecycles';
import { MachineSecrets } from './machines/machineSecrets';
import { EngineForwards } from './machines/engineForwards';
import { RegistryCredentialStore } from './registry/registryCredentials';
import { Services } from './services';
import { SwarmDirectory } from './swarm/swarmDirectory';
import { createRegistries } from './registries/registerRegistries';
import { registerBuild } from './tasks/registerBuild';
import { MachinesTreeProvider } from './tree/machinesTreeProvider';
import { requestTimeoutMsSetting } from './userSettings';

/** The composition root: every long-lived object is made here and owned by the context. */
export function activate(context: vscode.ExtensionContext): DockerHostsApi {
  const log = vscode.window.createOutputChannel('Docker Hosts', { log: true });
  const requestTimeoutMs = requestTimeoutMsSetting();
  const sshPrompts = new SshPrompts(context.secrets);
  const sshSettings = (): ReturnType<typeof sshSettingsFromEditor> => sshSettingsFromEditor(sshPrompts, log);
  const registry = new MachineRegistry({
    requestTimeoutMs,
    log: (message) => log.info(message),
    get ssh() {
      return sshSettings();
    },
  });
  registry.add(localMachine(log));
  const drivers = new DriverRegistry();
  const tlsAuthority = new TlsAuthorityStore(context.secrets, path.join(context.globalStorageUri.fsPath, 'tls-authority.lock'));
  const machineSecrets = new MachineSecrets(context.secrets);
  const catalog = new MachineCatalog(new MachineStore(path.join(context.globalStorageUri.fsPath, 'machines.json')), drivers, registry, () => tlsAuthority.current, (id, key) => machineSecrets.peek(id, key));
  const lifecycles = new MachineLifecycles(drivers, catalog, registry, machineSecrets, context.globalStorageUri.fsPath, log);
  stopOnExit = () => lifecycles.stopStartedOnExit();
  context.subscriptions.push(lifecycles);
  const forwards = new EngineForwards(registry);
  const compose = createCompose(log);
  const swarm = new SwarmDirectory(registry, log);
  const tree = new MachinesTreeProvider(registry, compose.source, swarm, lifecycles);
  swarm.attach(tree);
  const activeMachine = new ActiveMachine(context.workspaceState, registry);
  const registryCredentials = new RegistryCredentialStore(context.secrets);
  const services: Services = { registry, drivers, catalog, activeMachine, tree, log, registryCredentials, tlsAuthority, machineSecrets, lifecycles, forwards, sshSettings };

  const build = registerBuild(services);
  const registries = createRegistries(services, context.globalState);
  const containerFiles = new ContainerFileSystem(registry);
  const view = vscode.window.createTreeView('dockerHosts.machines', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  registry.setFollowing(view.visible);
  view.onDidChangeVisibility(({ visible }) => {
    registry.setFollowing(visible);
    if (visible) {
      tree.refreshAll(); // Events were not followed while hidden.
    } else {
      swarm.tasksPoller.unwatch(); // nothing is looked at: stop polling tasks
    }
  });
  view.onDidCollapseElement(({ element }) => swarm.tasksPoller.unwatch(element.id));

  context.subscriptions.push(
    log,
    registry,
    swarm,
    tree,
    view,
    showFilterInView(view, tree),
    activeMachine,
    tlsAuthority.followOtherWindows(),
    machineSecrets.followOtherWindows(() => void catalog.reshow()),
    forwards,
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, new InspectDocumentProvider(registry)),
    readOnlyDocuments.register(),
    vscode.workspace.registerTextDocumentContentProvider(VOLUME_SCHEME, new VolumeFileProvider(registry)),
    containerFiles,
    vscode.workspace.registerFileSystemProvider(CONTAINER_SCHEME, containerFiles, { isCaseSensitive: true }),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('dockerHosts.images') && tree.refreshAll()),
    ...build.disposables,
    ...compose.disposables,
    compose.workspace.onDidChange(() => tree.refreshCompose()),
    ...registries.disposables,
    ...registerCommandTable({ services, build: build.provider, workspaceState: context.workspaceState, composeProjects: compose.workspace, swarm, containerFiles, registries: registries.context }),
  );
  // Provisioned machines need the client certificate from secret storage before they connect.
  // The store is re-read after every write (this window's too): say each problem once, not at every re-read.
  const told = new Set<string>();
  const tellProblems = (problems: readonly MachineProblem[]): void => {
    const untold = problems.filter((problem) => !told.has(describeProblems([problem])));
    untold.forEach((problem) => {
      told.add(describeProblems([problem]));
      log.warn(`Machine list: ${describeProblems([problem])}`);
    });
    if (untold.length > 0) {
      void vscode.window.showWarningMessage(`Some saved machines need attention: ${describeProblems(untold)}`);
    }
  };
  const secretsLoaded = Promise.all([
    tlsAuthority.load().catch((error: unknown) => log.error('Could not read the provisioning certificates', error)),
    machineSecrets.load().catch((error: unknown) => log.error("Could not read the machines' own secrets", error)),
  ]);
  const loaded = secretsLoaded.then(() => catalog.load()).then(
    (problems) => {
      tellProblems(problems);
      // Another window shares the store: show what it adds, changes and removes.
      context.subscriptions.push(catalog.followStore(tellProblems, (error) => log.error('Could not re-read the machine list', error)));
      warnAboutCertificates(services);
    },
    (error: unknown) => {
      log.error('Could not read the machine list', error);
      void vscode.window.showErrorMessage(`Could not read the machine list: ${(error as Error).message}`);
    },
  );
  registerDockerfileLanguage(context);
  context.subscriptions.push(...registerComposeLanguage(context, log));
  return createApi(services, loaded.then(() => undefined), registries.context.tree);
}

/** Set by activate: stops the VMs this window started (unless the user leaves them running). */
let stopOnExit: () => Promise<void> = async () => undefined;

export function deactivate(): Promise<void> {
  // Everything else is disposed through context.subscriptions.
  return stopOnExit();
}

function localMachine(log: vscode.LogOutputChannel): Machine {
  try {
    const { endpoint, source } = resolveLocalEndpoint(process.env, os.homedir());
    return { id: LOCAL_MACHINE_ID, name: 'local', driver: 'local', endpoint, source };
  } catch (error) {
    log.error('Could not resolve the local engine', error);
    const reason = `Could not find the local engine: ${(error as Error).message}`;
    return { id: LOCAL_MACHINE_ID, name: 'local', driver: 'local', endpoint: { kind: 'unsupported', url: 'local', reason }, source: 'docker configuration' };
  }
}
