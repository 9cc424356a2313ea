import * as vscode from 'vscode';
import { MachineSession } from '../../../core/engine/machineSession';
import { ContainerInfo, ContainerState } from '../../../core/engine/resources';
import { Services } from '../../services';
import { ContainerNode } from '../../tree/nodes/containerNode';
import { pickMachine } from '../pickMachine';

export interface ContainerTarget {
  readonly session: MachineSession;
  readonly info: ContainerInfo;
}

/**
 * The containers a command acts on: the tree selection (several when the user selected
 * several), the node it was run on, or — from the palette — a machine and then containers
 * picked among those the command applies to.
 */
export async function resolveContainers(
  services: Services,
  node: unknown,
  selection: unknown,
  options: { eligible?: readonly ContainerState[] | readonly string[]; many?: boolean; verb: string },
): Promise<ContainerTarget[]> {
  const nodes = (Array.isArray(selection) && selection.length > 0 ? selection : [node]).filter((n): n is ContainerNode => n instanceof ContainerNode);
  if (nodes.length > 0) {
    return nodes
      .map((n) => ({ session: services.registry.get(n.machineId), info: n.info }))
      .filter((t): t is ContainerTarget => t.session !== undefined && (!options.eligible || options.eligible.includes(t.info.state)))
      .slice(0, options.many ? undefined : 1);
  }
  const active = services.activeMachine.session;
  const session = services.registry.all.length > 1 ? await pickMachine(services.registry.all, `${options.verb}: which machine?`) : active;
  if (!session) {
    return [];
  }
  const containers = (await session.list('container')).filter((c) => !options.eligible || options.eligible.includes(c.state));
  if (containers.length === 0) {
    void vscode.window.showInformationMessage(`No container on ${session.machine.name} to ${options.verb.toLowerCase()}.`);
    return [];
  }
  const items = containers.map((info) => ({ label: info.name, description: `${info.image} · ${info.status}`, info }));
  const title = `${options.verb} (${session.machine.name})`;
  const picked = options.many
    ? await vscode.window.showQuickPick(items, { title, canPickMany: true })
    : await vscode.window.showQuickPick(items, { title }).then((item) => (item ? [item] : undefined));
  return (picked ?? []).map((item) => ({ session, info: item.info }));
}
