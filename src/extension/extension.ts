import * as os from 'node:os';
import * as vscode from 'vscode';
import { resolveLocalEndpoint } from '../core/engine/resolveLocalEndpoint';
import { LOCAL_MACHINE_ID, Machine } from '../core/machines/machine';
import { MachineRegistry } from '../core/machines/machineRegistry';
import { createApi, DockerHostsApi } from './api';
import { registerCommands } from './commands/registerCommands';
import { INSPECT_SCHEME, InspectDocumentProvider } from './inspect/inspectDocuments';
import { MachinesTreeProvider } from './tree/machinesTreeProvider';

/** The composition root: every long-lived object is made here and owned by the context. */
export function activate(context: vscode.ExtensionContext): DockerHostsApi {
  const log = vscode.window.createOutputChannel('Docker Hosts', { log: true });
  const settings = vscode.workspace.getConfiguration('dockerHosts');
  const registry = new MachineRegistry({
    requestTimeoutMs: settings.get<number>('requestTimeoutSeconds', 8) * 1000,
    log: (message) => log.info(message),
  });
  registry.add(localMachine(log));

  const tree = new MachinesTreeProvider(registry);
  const view = vscode.window.createTreeView('dockerHosts.machines', { treeDataProvider: tree, showCollapseAll: true });
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
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, new InspectDocumentProvider(registry)),
    ...registerCommands(registry, tree, log),
  );
  return createApi(registry, tree);
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
