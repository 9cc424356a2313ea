import * as vscode from 'vscode';
import { attachedContainers, connectContainer, createNetwork, disconnectContainer, NetworkSpec, pruneNetworks, removeNetwork, validateGateway, validateSubnet } from '../../../core/engine/operations/networkOperations';
import { keyValueProblem, parseKeyValues } from '../../../core/engine/operations/volumeOperations';
import { splitShellWords } from '../../../core/util/shellWords';
import { Services } from '../../services';
import { TreeNode } from '../../tree/nodes/treeNode';
import { NetworkMemberNode } from '../../tree/nodes/networkNode';
import { confirm } from '../../prompts/confirm';
import { Invocation } from '../invocation';
import { sessionFromArgument } from '../machines/resolveMachine';
import { resolveResources } from '../resolveResources';
import { InputStep, MultiStepInput } from '../../ui/multiStepInput';

export async function createNetworkCommand(services: Services, machine: Invocation, given?: NetworkSpec): Promise<string | undefined> {
  const session = sessionFromArgument(services, machine);
  if (!session) return undefined;
  const spec = given ?? (await askNetworkSpec(session.machine.name));
  if (!spec) return undefined;
  const id = await createNetwork(session.engine, spec);
  session.changedWithoutEvent('network');
  return id;
}

/** Create Network's steps; the gateway is asked only with a subnet. Back keeps what was entered. */
async function askNetworkSpec(machineName: string): Promise<NetworkSpec | undefined> {
  const title = `New network on ${machineName}`;
  const answers = { name: '', driver: 'bridge', subnet: '', gateway: '', flags: [] as string[], labels: '' };
  const totalSteps = (): number => (answers.subnet ? 6 : 5);
  const flagItems = [
    { label: 'Internal', description: 'no route to the outside', key: 'internal' },
    { label: 'Attachable', description: 'standalone containers may join (overlay)', key: 'attachable' },
  ];
  const labels: InputStep = async (input) => {
    answers.labels = await input.showInputBox({ title, totalSteps: totalSteps(), prompt: 'Labels, space-separated key=value', value: answers.labels, validate: keyValueProblem });
  };
  const flags: InputStep = async (input) => {
    const picked = await input.showMultiPick({ title: `${title}: options`, totalSteps: totalSteps(), items: flagItems, selected: flagItems.filter((f) => answers.flags.includes(f.key)) });
    answers.flags = picked.map((f) => f.key);
    return labels;
  };
  const gateway: InputStep = async (input) => {
    answers.gateway = await input.showInputBox({ title, totalSteps: totalSteps(), prompt: 'Gateway (empty: the first address)', value: answers.gateway, validate: validateGateway });
    return flags;
  };
  const subnet: InputStep = async (input) => {
    answers.subnet = await input.showInputBox({ title, totalSteps: totalSteps(), prompt: 'Subnet (empty: the engine picks one)', placeholder: '172.30.0.0/16', value: answers.subnet, validate: validateSubnet });
    return answers.subnet ? gateway : flags;
  };
  const driver: InputStep = async (input) => {
    const items = ['bridge', 'overlay', 'macvlan', 'ipvlan'].map((label) => ({ label }));
    answers.driver = (await input.showQuickPick({ title: `${title}: driver`, totalSteps: totalSteps(), items, active: items.find((i) => i.label === answers.driver) })).label;
    return subnet;
  };
  const name: InputStep = async (input) => {
    answers.name = await input.showInputBox({ title, totalSteps: totalSteps(), prompt: 'Name', value: answers.name, validate: (v) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? undefined : 'Letters, digits, _ . and -') });
    return driver;
  };
  if (!(await MultiStepInput.run(name))) {
    return undefined;
  }
  return {
    name: answers.name,
    driver: answers.driver,
    ...(answers.subnet ? { subnet: answers.subnet } : {}),
    ...(answers.subnet && answers.gateway ? { gateway: answers.gateway } : {}),
    internal: answers.flags.includes('internal'),
    attachable: answers.flags.includes('attachable'),
    labels: parseKeyValues(splitShellWords(answers.labels)),
  };
}

export async function removeNetworksCommand(services: Services, nodes: readonly TreeNode[], confirmed = false): Promise<void> {
  const targets = await resolveResources(services, 'network', nodes, { verb: 'Remove Network', many: true, eligible: (n) => !n.builtIn });
  if (targets.length === 0 || (!confirmed && !(await confirm(`Remove ${targets.map((t) => t.info.name).join(', ')}?`, 'Containers must be disconnected first.', ['Remove'])))) {
    return;
  }
  for (const target of targets) {
    await removeNetwork(target.session.engine, target.info.id);
    target.session.changedWithoutEvent('network');
  }
}

export async function pruneNetworksCommand(services: Services, machine: Invocation, confirmed = false): Promise<string[] | undefined> {
  const session = sessionFromArgument(services, machine);
  if (!session || (!confirmed && !(await confirm(`Remove all networks no container uses on ${session.machine.name}?`, 'Built-in networks stay.', ['Prune'])))) {
    return undefined;
  }
  const result = await pruneNetworks(session.engine);
  void vscode.window.showInformationMessage(`Removed ${result.deleted.length} network(s) on ${session.machine.name}.`);
  return [...result.deleted];
}

export async function connectCommand(services: Services, nodes: readonly TreeNode[], containerId?: string): Promise<void> {
  const [target] = await resolveResources(services, 'network', nodes, { verb: 'Connect Container', eligible: (n) => n.name !== 'host' && n.name !== 'none' });
  if (!target) return;
  const attached = new Set((await attachedContainers(target.session.engine, target.info.id)).map((c) => c.id));
  const id = containerId ?? (await vscode.window.showQuickPick(
    (await target.session.list('container')).filter((c) => !attached.has(c.id)).map((c) => ({ label: c.name, description: c.status, id: c.id })),
    { title: `Connect a container to ${target.info.name}` },
  ))?.id;
  if (id) await connectContainer(target.session.engine, target.info.id, id);
}

/** Disconnect: from an attached container's node under the network, or picked from the network's members. */
export async function disconnectCommand(services: Services, nodes: readonly TreeNode[], containerId?: string): Promise<void> {
  const [node] = nodes;
  if (node instanceof NetworkMemberNode) {
    const session = services.registry.get(node.machineId);
    if (session) await disconnectContainer(session.engine, node.networkId, node.member.id);
    return;
  }
  const [target] = await resolveResources(services, 'network', nodes, { verb: 'Disconnect Container' });
  if (!target) return;
  const id = containerId ?? (await vscode.window.showQuickPick(
    (await attachedContainers(target.session.engine, target.info.id)).map((c) => ({ label: c.name, description: c.ipv4, id: c.id })),
    { title: `Disconnect a container from ${target.info.name}` },
  ))?.id;
  if (id) await disconnectContainer(target.session.engine, target.info.id, id);
}
