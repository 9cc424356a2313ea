import * as vscode from 'vscode';
import { ResourceKind } from '../../core/engine/resources';
import { MachineRegistry } from '../../core/machines/machineRegistry';
import { MachinesTreeProvider } from '../tree/machinesTreeProvider';
import { MachineNode } from '../tree/nodes/machineNode';
import { inspectResource } from './inspect';

/** The one place where command ids meet their implementations. */
export function registerCommands(registry: MachineRegistry, tree: MachinesTreeProvider, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const command = (id: string, run: (...args: never[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await run(...args);
      } catch (error) {
        log.error(`${id} failed`, error);
        void vscode.window.showErrorMessage((error as Error).message ?? String(error));
        return undefined;
      }
    });
  const inspect = (kind: ResourceKind) => command(`dockerHosts.${kind}.inspect`, (node?: never) => inspectResource(registry, kind, node));
  return [
    command('dockerHosts.refresh', () => {
      for (const session of registry.all) {
        void session.retry();
      }
      tree.refreshAll();
    }),
    command('dockerHosts.machine.retry', (target: MachineNode | string) => {
      const id = typeof target === 'string' ? target : target.session.machine.id;
      return registry.get(id)?.retry();
    }),
    inspect('container'),
    inspect('image'),
    inspect('volume'),
    inspect('network'),
  ];
}
