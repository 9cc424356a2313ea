import * as vscode from 'vscode';
import { Services } from '../services';
import { RegistriesTreeProvider } from './registriesTreeProvider';
import { RegistriesContext } from './registryCommands';
import { RegistryConnections } from './registryConnections';
import { RegistryList } from './registryList';

/** The Registries view and what its commands need; the disposables go to the extension's context. */
export function createRegistries(services: Services, globalState: vscode.Memento): { context: RegistriesContext; disposables: vscode.Disposable[] } {
  const list = new RegistryList(globalState);
  const tree = new RegistriesTreeProvider(list, new RegistryConnections(services.registryCredentials));
  const view = vscode.window.createTreeView('dockerHosts.registries', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const settings = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('dockerHosts.registries') || event.affectsConfiguration('dockerHosts.requestTimeoutSeconds')) tree.refresh();
  });
  return { context: { services, list, tree }, disposables: [list, tree, view, settings] };
}
