import * as vscode from 'vscode';
import { Driver } from '../core/machines/driver';
import { Machine } from '../core/machines/machine';
import { Services } from './services';
import { MachinesTreeProvider } from './tree/machinesTreeProvider';

/** What `activate()` returns: for other extensions, and for the tests that run in VS Code. */
export interface DockerHostsApi {
  readonly apiVersion: 1;
  /** Resolves once the user's saved machines are loaded and shown. */
  readonly ready: Promise<void>;
  /** The Machines view's data provider, so tests can walk the tree the user sees. */
  readonly treeDataProvider: MachinesTreeProvider;
  /** Shows another machine in the tree, not saved, until the returned disposable is disposed. */
  addMachine(machine: Machine): vscode.Disposable;
  machines(): readonly Machine[];
  /** Adds a driver that New Machine… offers and saved machines can use. */
  registerDriver(driver: Driver): vscode.Disposable;
  /** The workspace's active machine (the default target of builds and palette commands). */
  activeMachine(): Machine | undefined;
  readonly onDidChangeActiveMachine: vscode.Event<Machine | undefined>;
}

export function createApi(services: Services, ready: Promise<void>): DockerHostsApi {
  const { registry, drivers, tree, activeMachine } = services;
  return {
    apiVersion: 1,
    ready,
    treeDataProvider: tree,
    addMachine: (machine) => new vscode.Disposable(registry.add(machine).dispose),
    machines: () => registry.all.map((session) => session.machine),
    registerDriver: (driver) => new vscode.Disposable(drivers.register(driver).dispose),
    activeMachine: () => activeMachine.session?.machine,
    onDidChangeActiveMachine: (listener, thisArg, disposables) => activeMachine.onDidChange((session) => listener.call(thisArg, session?.machine), undefined, disposables),
  };
}
