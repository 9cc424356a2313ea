import * as vscode from 'vscode';
import { attachedContainers, connectContainer, createNetwork, disconnectContainer, NetworkSpec, pruneNetworks, removeNetwork, validateGateway, validateSubnet } from '../../../core/engine/operations/networkOperations';
import { parseKeyValues } from '../../../core/engine/operations/volumeOperations';
import { splitCommandLine } from '../../../core/engine/operations/runSpec';
import { Services } from '../../services';
import { NetworkMemberNode } from '../../tree/nodes/networkNode';
import { confirm } from '../confirm';
import { sessionFromArgument } from '../machines/resolveMachine';
import { resolveResources } from '../resolveResources';

export async function createNetworkCommand(services: Services, machine?: unknown, given?: NetworkSpec): Promise<string | undefined> {
  const session = sessionFromArgument(services, machine);
  if (!session) return undefined;
  const spec = given ?? (await askNetworkSpec(session.machine.name));
  return spec && createNetwork(session.engine, spec);
}

async function askNetworkSpec(machineName: string): Promise<NetworkSpec | undefined> {
  const title = `New network on ${machineName}`;
  const name = await vscode.window.showInputBox({ title, prompt: 'Name', validateInput: (v) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? undefined : 'Letters, digits, _ . and -') });
  if (!name) return undefined;
  const driver = await vscode.window.showQuickPick(['bridge', 'overlay', 'macvlan', 'ipvlan'], { title: `${title}: driver` });
  if (!driver) return undefined;
  const subnet = await vscode.window.showInputBox({ title, prompt: 'Subnet (empty: the engine picks one)', placeHolder: '172.30.0.0/16', validateInput: validateSubnet });
  if (subnet === undefined) return undefined;
  const gateway = subnet ? await vscode.window.showInputBox({ title, prompt: 'Gateway (empty: the first address)', validateInput: validateGateway }) : '';
  if (gateway === undefined) return undefined;
  const flags = await vscode.window.showQuickPick(
    [
      { label: 'Internal', description: 'no route to the outside', key: 'internal' },
      { label: 'Attachable', description: 'standalone containers may join (overlay)', key: 'attachable' },
    ],
    { title: `${title}: options`, canPickMany: true },
  );
  if (!flags) return undefined;
  const labels = await vscode.window.showInputBox({ title, prompt: 'Labels, space-separated key=value' });
  if (labels === undefined) return undefined;
  return {
    name,
    driver,
    ...(subnet ? { subnet } : {}),
    ...(gateway ? { gateway } : {}),
    internal: flags.some((f) => f.key === 'internal'),
    attachable: flags.some((f) => f.key === 'attachable'),
    labels: parseKeyValues(splitCommandLine(labels)),
  };
}

export async function removeNetworksCommand(services: Services, node?: unknown, selection?: unknown, confirmed = false): Promise<void> {
  const targets = await resolveResources(services, 'network', node, selection, { verb: 'Remove Network', many: true, eligible: (n) => !n.builtIn });
  if (targets.length === 0 || (!confirmed && !(await confirm(`Remove ${targets.map((t) => t.info.name).join(', ')}?`, 'Containers must be disconnected first.', ['Remove'])))) {
    return;
  }
  for (const target of targets) {
    await removeNetwork(target.session.engine, target.info.id);
  }
}

export async function pruneNetworksCommand(services: Services, machine?: unknown, confirmed = false): Promise<string[] | undefined> {
  const session = sessionFromArgument(services, machine);
  if (!session || (!confirmed && !(await confirm(`Remove all networks no container uses on ${session.machine.name}?`, 'Built-in networks stay.', ['Prune'])))) {
    return undefined;
  }
  const result = await pruneNetworks(session.engine);
  void vscode.window.showInformationMessage(`Removed ${result.deleted.length} network(s) on ${session.machine.name}.`);
  return [...result.deleted];
}

export async function connectCommand(services: Services, node?: unknown, containerId?: string): Promise<void> {
  const [target] = await resolveResources(services, 'network', node, undefined, { verb: 'Connect Container', eligible: (n) => n.name !== 'host' && n.name !== 'none' });
  if (!target) return;
  const attached = new Set((await attachedContainers(target.session.engine, target.info.id)).map((c) => c.id));
  const id = containerId ?? (await vscode.window.showQuickPick(
    (await target.session.list('container')).filter((c) => !attached.has(c.id)).map((c) => ({ label: c.name, description: c.status, id: c.id })),
    { title: `Connect a container to ${target.info.name}` },
  ))?.id;
  if (id) await connectContainer(target.session.engine, target.info.id, id);
}

/** Disconnect: from an attached container's node under the network, or picked from the network's members. */
export async function disconnectCommand(services: Services, node?: unknown, containerId?: string): Promise<void> {
  if (node instanceof NetworkMemberNode) {
    const session = services.registry.get(node.machineId);
    if (session) await disconnectContainer(session.engine, node.networkId, node.member.id);
    return;
  }
  const [target] = await resolveResources(services, 'network', node, undefined, { verb: 'Disconnect Container' });
  if (!target) return;
  const id = containerId ?? (await vscode.window.showQuickPick(
    (await attachedContainers(target.session.engine, target.info.id)).map((c) => ({ label: c.name, description: c.ipv4, id: c.id })),
    { title: `Disconnect a container from ${target.info.name}` },
  ))?.id;
  if (id) await disconnectContainer(target.session.engine, target.info.id, id);
}
