import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveLocalEndpoint } from '../core/engine/resolveLocalEndpoint';
import { DriverRegistry } from '../core/machines/driverRegistry';
import { LOCAL_MACHINE_ID, Machine } from '../core/machines/machine';
import { MachineCatalog } from '../core/machines/machineCatalog';
import { MachineRegistry } from '../core/machines/machineRegistry';
import { MachineStore } from '../core/machines/machineStore';
import { createApi, DockerHostsApi } from './api';
import { registerCommands } from './commands/registerCommands';
import { VOLUME_SCHEME, VolumeFileProvider } from './commands/volumes/volumeFiles';
import { INSPECT_SCHEME, InspectDocumentProvider } from './inspect/inspectDocuments';
import { registerDockerfileLanguage } from './language';
import { ActiveMachine } from './machines/activeMachine';
import { SshPrompts } from './machines/sshPrompts';
import { sshSettingsFromEditor } from './machines/sshSettingsFromEditor';
import { warnAboutCertificates } from './provisioning/certificateWarnings';
import { TlsAuthorityStore } from './provisioning/tlsAuthorityStore';
import { RegistryCredentialStore } from './registry/registryCredentials';
import { Services } from './services';
import { registerBuild } from './tasks/registerBuild';
import { MachinesTreeProvider } from './tree/machinesTreeProvider';

/** The composition root: every long-lived object is made here and owned by the context. */
export function activate(context: vscode.ExtensionContext): DockerHostsApi {
  const log = vscode.window.createOutputChannel('Docker Hosts', { log: true });
  const requestTimeoutMs = vscode.workspace.getConfiguration('dockerHosts').get<number>('requestTimeoutSeconds', 8) * 1000;
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
  const tlsAuthority = new TlsAuthorityStore(context.secrets);
  const catalog = new MachineCatalog(new MachineStore(path.join(context.globalStorageUri.fsPath, 'machines.json')), drivers, registry, () => tlsAuthority.current);
  const tree = new MachinesTreeProvider(registry);
  const activeMachine = new ActiveMachine(context.workspaceState, registry);
  const registryCredentials = new RegistryCredentialStore(context.secrets);
  const services: Services = { registry, drivers, catalog, activeMachine, tree, log, registryCredentials, tlsAuthority, sshSettings };

  const view = vscode.window.createTreeView('dockerHosts.machines', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  registry.setFollowing(view.visible);
  view.onDidChangeVisibility(({ visible }) => {
    registry.setFollowing(visible);
    if (visible) {
      tree.refreshAll(); // Events were not followed while hidden.
    }
  });

  context.subscriptions.push(
    log,
    registry,
    tree,
    view,
    activeMachine,
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, new InspectDocumentProvider(registry)),
    vscode.workspace.registerTextDocumentContentProvider(VOLUME_SCHEME, new VolumeFileProvider(registry)),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('dockerHosts.images') && tree.refreshAll()),
    ...registerCommands(services),
    ...registerBuild(services, context.workspaceState),
  );
  // Provisioned machines need the client certificate from secret storage before they connect.
  const loaded = tlsAuthority.load().catch((error: unknown) => log.error('Could not read the provisioning certificates', error)).then(() => catalog.load()).then(
    (problem) => {
      if (problem) {
        void vscode.window.showWarningMessage(problem);
      }
      warnAboutCertificates(services);
    },
    (error: unknown) => {
      log.error('Could not read the machine list', error);
      void vscode.window.showErrorMessage(`Could not read the machine list: ${(error as Error).message}`);
    },
  );
  registerDockerfileLanguage(context);
  return createApi(services, loaded.then(() => undefined));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
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
