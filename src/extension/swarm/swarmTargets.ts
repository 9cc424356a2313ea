// What a swarm command acts on: a machine (Initialize, Join, Leave), a swarm, one of its nodes,
// services or stacks. From the tree, the node it was run on (or an ancestor: a service node knows
// its swarm); from a script, the options; from the palette, picks (skipped when there is one choice).
import * as vscode from 'vscode';
import { MachineSession } from '../../core/machines/session';
import { SwarmServiceSummary } from '../../core/swarm/swarmTypes';
import { pickMachine } from '../machines/pickMachine';
import { Services } from '../services';
import { MachineNode } from '../tree/nodes/machineNode';
import { SwarmGroupNode, SwarmMemberNode, SwarmNodeView, SwarmRootNode, SwarmServiceNode, SwarmStackNode } from '../tree/nodes/swarmNodes';
import { TreeNode } from '../tree/nodes/treeNode';
import { SwarmDirectory } from './swarmDirectory';

export interface SwarmContext {
  readonly services: Services;
  readonly directory: SwarmDirectory;
}

/** How a swarm command was invoked (the command table's parser fills it). */
export interface SwarmInvocation {
  readonly nodes: readonly TreeNode[];
  readonly uris: readonly vscode.Uri[];
  /** Programmatic: a machine id instead of a machine node or pick. */
  readonly machine?: string;
}

/** The machine a machine-level command runs on: its node, the `machine` option, or a pick. */
export async function resolveMachine(context: SwarmContext, invocation: SwarmInvocation, title: string): Promise<MachineSession | undefined> {
  const [node] = invocation.nodes;
  if (node instanceof MachineNode) {
    return node.session;
  }
  if (invocation.machine !== undefined) {
    const session = context.services.registry.get(invocation.machine);
    if (!session) throw new Error(`No machine with id ${invocation.machine}`);
    return session;
  }
  return pickMachine(context.services.registry.all, title, context.services.activeMachine.session);
}

/** The swarm (cluster ID) of a node of the Swarm tree, walking up to its Swarm node. */
export function clusterOfNode(node: TreeNode | undefined): string | undefined {
  for (let at = node; at; at = at.parent) {
    if (at instanceof SwarmRootNode || at instanceof SwarmGroupNode || at instanceof SwarmMemberNode || at instanceof SwarmServiceNode || at instanceof SwarmStackNode) {
      return at.clusterId;
    }
  }
  return undefined;
}

/** A swarm: of the node run on, of the `machine` option's machine, or picked among the known ones. */
export async function resolveSwarm(context: SwarmContext, invocation: SwarmInvocation, verb: string): Promise<string | undefined> {
  const fromNode = clusterOfNode(invocation.nodes[0]);
  if (fromNode) {
    return fromNode;
  }
  await context.directory.connectAndRediscover();
  const swarms = context.directory.swarms();
  if (invocation.machine !== undefined) {
    const swarm = swarms.find((view) => view.members.some((member) => member.machineId === invocation.machine));
    if (!swarm) throw new Error(`The machine ${invocation.machine} is not a node of a swarm shown here (a worker alone does not show its swarm: use a manager)`);
    return swarm.clusterId;
  }
  if (swarms.length === 0) {
    throw new Error('No machine in the tree is a manager of a swarm: Initialize Swarm on one first');
  }
  if (swarms.length === 1) {
    return swarms[0]?.clusterId;
  }
  const picked = await vscode.window.showQuickPick(
    swarms.map((view) => ({ label: view.members.map((m) => m.machineName).join(', '), description: view.clusterId.slice(0, 12), clusterId: view.clusterId })),
    { title: `${verb}: which swarm?`, ignoreFocusOut: true },
  );
  return picked?.clusterId;
}

export interface NodeTarget {
  readonly clusterId: string;
  readonly node: SwarmNodeView;
}

/** Swarm nodes: the tree nodes run on (and selected), the `node` option (ID or hostname), or a pick. */
export async function resolveSwarmNodes(context: SwarmContext, invocation: SwarmInvocation, verb: string, named: string | undefined, eligible: (node: SwarmNodeView) => boolean): Promise<NodeTarget[]> {
  const fromTree = invocation.nodes.flatMap((node) => (node instanceof SwarmMemberNode && eligible(node.info) ? [{ clusterId: node.clusterId, node: node.info }] : []));
  if (invocation.nodes.length > 0) {
    return fromTree;
  }
  const clusterId = await resolveSwarm(context, invocation, verb);
  if (!clusterId) return [];
  const nodes = await context.directory.nodes(clusterId);
  if (named !== undefined) {
    const node = nodes.find((n) => n.id === named || n.hostname === named);
    if (!node) throw new Error(`No node ${named} in this swarm`);
    return [{ clusterId, node }];
  }
  const candidates = nodes.filter(eligible);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No node of the swarm to ${verb.toLowerCase()}.`);
    return [];
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((node) => ({ label: node.hostname, description: `${node.role} · ${node.availability} · ${node.state}${node.machineName ? ` · ${node.machineName}` : ''}`, node })),
    { title: `${verb}: which nodes?`, canPickMany: true, ignoreFocusOut: true },
  );
  return (picked ?? []).map((item) => ({ clusterId, node: item.node }));
}

export interface ServiceTarget {
  readonly clusterId: string;
  readonly service: SwarmServiceSummary;
}

/** A service: the tree node run on, the `service` option (name or ID), or a pick. */
export async function resolveService(context: SwarmContext, invocation: SwarmInvocation, verb: string, named: string | undefined, eligible: (service: SwarmServiceSummary) => boolean = () => true): Promise<ServiceTarget | undefined> {
  const [node] = invocation.nodes;
  if (node instanceof SwarmServiceNode) {
    return { clusterId: node.clusterId, service: node.info };
  }
  const clusterId = await resolveSwarm(context, invocation, verb);
  if (!clusterId) return undefined;
  const services = await context.directory.services(clusterId);
  if (named !== undefined) {
    const service = services.find((s) => s.name === named || s.id === named);
    if (!service) throw new Error(`No service ${named} in this swarm`);
    return { clusterId, service };
  }
  const candidates = services.filter(eligible);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No service in the swarm to ${verb.toLowerCase()}.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((service) => ({ label: service.name, description: `${service.mode} · ${service.image}`, service })),
    { title: `${verb}: which service?`, ignoreFocusOut: true },
  );
  return picked && { clusterId, service: picked.service };
}

/** A stack's name: the stack node run on, the `stack` option, or a pick among the swarm's stacks. */
export async function resolveStack(context: SwarmContext, invocation: SwarmInvocation, verb: string, named: string | undefined): Promise<{ clusterId: string; stack: string } | undefined> {
  const [node] = invocation.nodes;
  if (node instanceof SwarmStackNode) {
    return { clusterId: node.clusterId, stack: node.name };
  }
  const clusterId = await resolveSwarm(context, invocation, verb);
  if (!clusterId) return undefined;
  if (named !== undefined) return { clusterId, stack: named };
  const stacks = [...new Set((await context.directory.services(clusterId)).flatMap((s) => (s.stack !== undefined ? [s.stack] : [])))].sort();
  if (stacks.length === 0) {
    void vscode.window.showInformationMessage('No stack in the swarm.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(stacks, { title: `${verb}: which stack?`, ignoreFocusOut: true });
  return picked === undefined ? undefined : { clusterId, stack: picked };
}
