import { MachineSession } from '../../../core/engine/machineSession';
import { StoredMachine } from '../../../core/machines/machineStore';
import { Services } from '../../services';
import { MachineNode } from '../../tree/nodes/machineNode';
import { pickMachine } from '../pickMachine';

/** A command's target machine: the tree node it was run on, an id passed by a caller, or a pick. */
export async function resolveSession(services: Services, target?: MachineNode | string): Promise<MachineSession | undefined> {
  if (target instanceof MachineNode) {
    return target.session;
  }
  if (typeof target === 'string') {
    const session = services.registry.get(target);
    if (!session) {
      throw new Error(`No machine with id ${target}`);
    }
    return session;
  }
  return pickMachine(services.registry.all);
}

/** Like resolveSession, for commands that change a machine the user added (not the local one). */
export async function resolveStored(services: Services, target?: MachineNode | string): Promise<StoredMachine | undefined> {
  const session = await resolveSession(services, target ?? (await pickStoredId(services)));
  if (!session) {
    return undefined;
  }
  const stored = services.catalog.find(session.machine.id);
  if (!stored) {
    throw new Error(`${session.machine.name} is found automatically and cannot be changed here`);
  }
  return stored;
}

async function pickStoredId(services: Services): Promise<string | undefined> {
  const { registry, catalog } = services;
  const stored = registry.all.filter((session) => catalog.find(session.machine.id));
  if (stored.length === 0) {
    throw new Error('There are no added machines yet: use "Docker Hosts: New Machine…"');
  }
  const picked = await pickMachine(stored);
  return picked?.machine.id;
}

/**
 * The machine a group-level command (Pull, Prune, Load, Create) works on: the group or machine
 * node it was run on, a machine id, or the active machine.
 */
export function sessionFromArgument(services: Services, argument: unknown): MachineSession | undefined {
  if (typeof argument === 'string') {
    return services.registry.get(argument);
  }
  if (typeof argument === 'object' && argument !== null && 'session' in argument) {
    return (argument as { session: MachineSession }).session;
  }
  return services.activeMachine.session;
}
