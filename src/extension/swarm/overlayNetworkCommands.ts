// Create Overlay Network…: a swarm-scoped network (attachable so standalone containers can join it,
// optionally encrypted, optionally with its own subnet), made on a manager. Connect Container…: a
// standalone container of a machine that is a node of the swarm joins an attachable overlay network.
import * as vscode from 'vscode';
import { EngineClient } from '../../core/engine/engineClient';
import { attachedContainers, createNetwork, validateSubnet } from '../../core/engine/operations/networkOperations';
import { ContainerInfo } from '../../core/engine/resources';
import { MachineSession } from '../../core/machines/session';
import { attachContainer, attachRefusal, inspectOverlay, OverlayFacts } from '../../core/swarm/overlayAttachment';
import { NodeIds } from '../tree/contextValues';
import { SwarmNetworkNode } from '../tree/nodes/swarmNodes';
import { swarmFailure } from './swarmProgress';
import { resolveSwarm, SwarmContext, SwarmInvocation } from './swarmTargets';

export interface OverlaySpec {
  readonly name: string;
  readonly attachable?: boolean;
  readonly encrypted?: boolean;
  readonly subnet?: string;
}

/** An overlay network through core's createNetwork (which checks the subnet). */
function createOverlayNetwork(client: EngineClient, spec: OverlaySpec): Promise<string> {
  return createNetwork(client, { name: spec.name, driver: 'overlay', attachable: spec.attachable === true, encrypted: spec.encrypted === true, ...(spec.subnet !== undefined && { subnet: spec.subnet }) });
}

export async function createOverlayNetworkCommand(context: SwarmContext, invocation: SwarmInvocation, given: OverlaySpec | undefined): Promise<{ readonly name: string; readonly id: string } | undefined> {
  const clusterId = await resolveSwarm(context, invocation, 'Create Overlay Network');
  if (!clusterId) return undefined;
  const spec = given ?? (await askOverlaySpec());
  if (!spec) return undefined;
  let id: string;
  try {
    id = await context.directory.onManager(clusterId, (session) => createOverlayNetwork(session.engine, spec));
  } catch (error) {
    throw swarmFailure(`Create Overlay Network ${spec.name}`, error);
  }
  context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, 'networks'));
  return { name: spec.name, id };
}

async function askOverlaySpec(): Promise<OverlaySpec | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'Create Overlay Network: name',
    ignoreFocusOut: true,
    validateInput: (text) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(text.trim()) ? undefined : 'Letters, digits, _ . - (not first)'),
  });
  if (name === undefined) return undefined;
  const flags = await vscode.window.showQuickPick(
    [
      { label: 'Attachable', description: 'standalone containers (docker run --network) can join it too', picked: true, key: 'attachable' },
      { label: 'Encrypted', description: 'IPsec between nodes for its traffic (slower; needs the nodes’ ESP traffic let through)', picked: false, key: 'encrypted' },
    ],
    { title: `Create Overlay Network ${name.trim()}: options`, canPickMany: true, ignoreFocusOut: true },
  );
  if (!flags) return undefined;
  const subnet = await vscode.window.showInputBox({
    title: `Create Overlay Network ${name.trim()}: subnet (optional)`,
    prompt: 'e.g. 10.30.0.0/24; empty takes one from the swarm’s address pool',
    ignoreFocusOut: true,
    validateInput: (text) => validateSubnet(text.trim()),
  });
  if (subnet === undefined) return undefined;
  const keys = new Set(flags.map((flag) => flag.key));
  return { name: name.trim(), attachable: keys.has('attachable'), encrypted: keys.has('encrypted'), ...(subnet.trim() !== '' && { subnet: subnet.trim() }) };
}

/** What a script may name instead of picking: the network (name or ID) and the container (name or ID; `machine` says whose). */
export interface ConnectGiven {
  readonly network?: string;
  readonly container?: string;
}

export type ConnectResult = { readonly network: string; readonly container: string; readonly machine: string } | undefined;

/** Swarm tasks' containers are the swarm's to wire: only standalone containers are offered. */
const TASK_LABEL = 'com.docker.swarm.task.id';

export async function connectContainerCommand(context: SwarmContext, invocation: SwarmInvocation, given: ConnectGiven): Promise<ConnectResult> {
  const target = await resolveOverlay(context, invocation, given.network);
  if (!target) return undefined;
  const { clusterId, network } = target;
  const refusal = attachRefusal(network);
  if (refusal !== undefined) throw new Error(`Connect Container: ${refusal}`);
  const chosen = await resolveContainer(context, clusterId, network, invocation.machine, given.container);
  if (!chosen) return undefined;
  try {
    await chosen.session.connect();
    await attachContainer(chosen.session.engine, network, chosen.container.id);
  } catch (error) {
    throw swarmFailure(`Connect ${chosen.container.name} (${chosen.session.machine.name}) to ${network.name}`, error);
  }
  context.services.log.info(`Connect Container: ${chosen.container.name} on ${chosen.session.machine.name} joined ${network.name}`);
  context.services.tree.refreshNode(NodeIds.group(chosen.session.machine.id, 'network'));
  return { network: network.name, container: chosen.container.name, machine: chosen.session.machine.id };
}

/** The overlay network: the Networks node run on, the `network` option, or a pick among the attachable ones. */
async function resolveOverlay(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined): Promise<{ clusterId: string; network: OverlayFacts } | undefined> {
  const [node] = invocation.nodes;
  const inspect = (clusterId: string, id: string): Promise<OverlayFacts> => context.directory.onManager(clusterId, (session) => inspectOverlay(session.engine, id));
  if (node instanceof SwarmNetworkNode) {
    return { clusterId: node.clusterId, network: await inspect(node.clusterId, node.info.id) };
  }
  const clusterId = await resolveSwarm(context, invocation, 'Connect Container');
  if (!clusterId) return undefined;
  const networks = await context.directory.networks(clusterId);
  if (named !== undefined) {
    const found = networks.find((n) => n.name === named || n.id === named);
    if (!found) throw new Error(`No overlay network ${named} in this swarm`);
    return { clusterId, network: await inspect(clusterId, found.id) };
  }
  const attachable = (await Promise.all(networks.map((n) => inspect(clusterId, n.id)))).filter((n) => attachRefusal(n) === undefined);
  if (attachable.length === 0) {
    void vscode.window.showInformationMessage('The swarm has no attachable overlay network: Create Overlay Network… with Attachable ticked makes one.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(attachable.map((network) => ({ label: network.name, description: network.id.slice(0, 12), network })), { title: 'Connect Container: to which overlay network?', ignoreFocusOut: true });
  return picked && { clusterId, network: picked.network };
}

interface ChosenContainer {
  readonly session: MachineSession;
  readonly container: ContainerInfo;
}

/** A standalone container of a machine of the tree that is a node of the swarm, not yet on the network. */
async function resolveContainer(context: SwarmContext, clusterId: string, network: OverlayFacts, machine: string | undefined, named: string | undefined): Promise<ChosenContainer | undefined> {
  const members = context.directory.swarms().find((view) => view.clusterId === clusterId)?.members ?? [];
  const sessions = members.flatMap((member) => context.services.registry.get(member.machineId) ?? []).filter((session) => machine === undefined || session.machine.id === machine);
  if (sessions.length === 0) {
    throw new Error(machine !== undefined ? `The machine ${machine} is not a node of this swarm shown in the tree` : 'No machine of this tree is a node of this swarm');
  }
  const candidates = (await Promise.all(sessions.map(async (session) => {
    try {
      await session.connect();
      // A node that has nothing on the network yet does not know it: then nothing there is attached.
      const attached = new Set((await attachedContainers(session.engine, network.id).catch(() => [])).map((c) => c.id));
      return (await session.list('container')).filter((c) => c.labels[TASK_LABEL] === undefined && !attached.has(c.id)).map((container) => ({ session, container }));
    } catch (error) {
      context.services.log.warn(`[${session.machine.name}] Connect Container: its containers could not be listed: ${(error as Error).message ?? String(error)}`);
      return [];
    }
  }))).flat();
  if (named !== undefined) {
    const found = candidates.filter(({ container }) => container.name === named || container.id === named || container.id.startsWith(named));
    if (found.length === 0) throw new Error(`No standalone container ${named} that is not on ${network.name} yet, on the machines of this swarm`);
    if (found.length > 1) throw new Error(`${named} is a container on ${found.map((c) => c.session.machine.name).join(' and ')}: say which machine`);
    return found[0];
  }
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No standalone container on the swarm's machines of this tree that is not on ${network.name} already.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((chosen) => ({ label: chosen.container.name, description: `${chosen.session.machine.name} · ${chosen.container.status || chosen.container.state}`, chosen })),
    { title: `Connect a container to ${network.name}`, ignoreFocusOut: true, matchOnDescription: true },
  );
  return picked?.chosen;
}
