import { MachineSession } from '../../../core/machines/session';
import { StoredMachine } from '../../../core/machines/machineStore';
import { Services } from '../../services';
import { ComposeGroupNode } from '../../tree/nodes/composeNodes';
import { GroupNode } from '../../tree/nodes/groupNode';
import { MachineNode } from '../../tree/nodes/machineNode';
import { TreeNode } from '../../tree/nodes/treeNode';
import { Invocation } from '../invocation';
import { pickMachine } from '../../machines/pickMachine';

/** The machine of a machine node or of one of its groups (Containers, Compose, Images, …). */
export function sessionOfNode(node: TreeNode | undefined): MachineSession | undefined {
  return node instanceof MachineNode || node instanceof GroupNode || node instanceof ComposeGroupNode ? node.session : undefined;
}

/** The session of the `machine` option; naming a machine that does not exist is an error. */
function sessionOfOption(services: Services, invocation: Invocation): MachineSession | undefined {
  const id = invocation.options?.machine;
  if (id === undefined) {
    return undefined;
  }
  const session = services.registry.get(id);
  if (!session) {
    throw new Error(`No machine with id ${id}`);
  }
  return session;
}

/** A command's target machine: the tree node it was run on, the `machine` option, or a pick. */
export async function resolveSession(services: Services, invocation: Invocation, title?: string): Promise<MachineSession | undefined> {
  return sessionOfNode(invocation.nodes[0]) ?? sessionOfOption(services, invocation) ?? pickMachine(services.registry.all, title);
}

/** Like resolveSession, for commands that change a machine the user added (not the local one). */
/** `only`: when picking, the machines the command applies to (VMs, say), with what to say when there are none. */
export async function resolveStored(services: Services, invocation: Invocation, only?: { readonly accepts: (machine: StoredMachine) => boolean; readonly none: string }): Promise<StoredMachine | undefined> {
  const session = sessionOfNode(invocation.nodes[0]) ?? sessionOfOption(services, invocation) ?? (await pickStored(services, only));
  if (!session) {
    return undefined;
  }
  const stored = services.catalog.find(session.machine.id);
  if (!stored) {
    throw new Error(`${session.machine.name} is found automatically and cannot be changed here`);
  }
  return stored;
}

async function pickStored(services: Services, only?: { readonly accepts: (machine: StoredMachine) => boolean; readonly none: string }): Promise<MachineSession | undefined> {
  const { registry, catalog } = services;
  const stored = registry.all.filter((session) => {
    const found = catalog.find(session.machine.id);
    return found !== undefined && (only?.accepts(found) ?? true);
  });
  if (stored.length === 0) {
    throw new Error(only?.none ?? 'There are no added machines yet: use "Docker Hosts: New Machine…"');
  }
  return pickMachine(stored);
}

/**
 * The machine a group-level command (Pull, Prune, Load, Create) works on: the group or machine
 * node it was run on, the `machine` option, or the active machine.
 */
export function sessionFromArgument(services: Services, invocation: Invocation): MachineSession | undefined {
  return sessionOfNode(invocation.nodes[0]) ?? sessionOfOption(services, invocation) ?? services.activeMachine.session;
}
