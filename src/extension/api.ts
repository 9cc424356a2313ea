import * as vscode from 'vscode';
import { Machine } from '../core/machines/machine';
import { MachineRegistry } from '../core/machines/machineRegistry';
import { MachinesTreeProvider } from './tree/machinesTreeProvider';

/** What `activate()` returns: for other extensions, and for the tests that run in VS Code. */
export interface DockerHostsApi {
  readonly apiVersion: 1;
  /** The Machines view's data provider, so tests can walk the tree the user sees. */
  readonly treeDataProvider: MachinesTreeProvider;
  /** Shows another machine in the tree until the returned disposable is disposed. */
  addMachine(machine: Machine): vscode.Disposable;
  machines(): readonly Machine[];
}

export function createApi(registry: MachineRegistry, tree: MachinesTreeProvider): DockerHostsApi {
  return {
    apiVersion: 1,
    treeDataProvider: tree,
    addMachine: (machine) => new vscode.Disposable(registry.add(machine).dispose),
    machines: () => registry.all.map((session) => session.machine),
  };
}
