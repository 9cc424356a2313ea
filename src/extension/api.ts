import * as vscode from 'vscode';
import { Driver } from '../core/machines/driver';
import { Machine } from '../core/machines/machine';
import { keyMaterialIn, machineForApi } from './machines/apiMachine';
import { Services } from './services';
import { MachinesTreeProvider } from './tree/machinesTreeProvider';
import { RegistriesTreeProvider } from './registries/registriesTreeProvider';

/** What `activate()` returns: for other extensions, and for the tests that run in VS Code. */
export interface DockerHostsApi {
  readonly apiVersion: 1;
  /** Resolves once the user's saved machines are loaded and shown. */
  readonly ready: Promise<void>;
  /** The Machines view's data provider, so tests can walk the tree the user sees. */
  readonly treeDataProvider: MachinesTreeProvider;
  /** The Registries view's data provider, for the same reason. */
  readonly registriesDataProvider: RegistriesTreeProvider;
  /**
   * Shows another machine in the tree, not saved, until the returned disposable is disposed.
   * Throws for a machine that carries certificates or keys in memory (PEM): give files instead.
   */
  addMachine(machine: Machine): vscode.Disposable;
  /** Copies of the machines, without any certificate or key held in memory. */
  machines(): readonly Machine[];
  /** Adds a driver that New Machine… offers and saved machines can use. */
  registerDriver(driver: Driver): vscode.Disposable;
  /** The workspace's active machine (the default target of builds and palette commands). */
  activeMachine(): Machine | undefined;
  readonly onDidChangeActiveMachine: vscode.Event<Machine | undefined>;
}

export function createApi(services: Services, ready: Promise<void>, registries: RegistriesTreeProvider): DockerHostsApi {
  const { registry, drivers, tree, activeMachine } = services;
  return {
    apiVersion: 1,
    ready,
    treeDataProvider: tree,
    registriesDataProvider: registries,
    addMachine: (machine) => {
      const refusal = keyMaterialIn(machine);
      if (refusal) {
        throw new Error(refusal);
      }
      return new vscode.Disposable(registry.add(structuredClone(machine)).dispose);
    },
    machines: () => registry.all.map((session) => machineForApi(session.machine)),
    registerDriver: (driver) => new vscode.Disposable(drivers.register(driver).dispose),
    activeMachine: () => forApi(activeMachine.session?.machine),
    onDidChangeActiveMachine: (listener, thisArg, disposables) => activeMachine.onDidChange((session) => listener.call(thisArg, forApi(session?.machine)), undefined, disposables),
  };
}

function forApi(machine: Machine | undefined): Machine | undefined {
  return machine && machineForApi(machine);
}
