// On a swarm's nodes: Promote, Demote, Drain, Pause, Activate, Remove; on a swarm: Rotate Join
// Token and Show Unlock Key (read only when asked, shown in a modal, never logged).
import * as vscode from 'vscode';
import { removeNode, setNodeAvailability, setNodeRole } from '../../core/swarm/nodeOperations';
import { readUnlockKey, rotateJoinToken } from '../../core/swarm/swarmMembership';
import { SwarmNodeAvailability, SwarmNodeRole } from '../../core/swarm/swarmTypes';
import { NodeIds } from '../tree/contextValues';
import { SwarmNodeView } from '../tree/nodes/swarmNodes';
import { confirm } from '../prompts/confirm';
import { swarmFailure } from './swarmProgress';
import { resolveSwarm, resolveSwarmNodes, SwarmContext, SwarmInvocation } from './swarmTargets';

export type NodeVerb = 'promote' | 'demote' | 'drain' | 'pause' | 'activate';

const VERBS: Readonly<Record<NodeVerb, { title: string; applies: (node: SwarmNodeView) => boolean; role?: SwarmNodeRole; availability?: SwarmNodeAvailability }>> = {
  promote: { title: 'Promote to Manager', applies: (n) => n.role === 'worker', role: 'manager' },
  demote: { title: 'Demote to Worker', applies: (n) => n.role === 'manager', role: 'worker' },
  drain: { title: 'Drain Node', applies: (n) => n.availability !== 'drain', availability: 'drain' },
  pause: { title: 'Pause Node', applies: (n) => n.availability !== 'pause', availability: 'pause' },
  activate: { title: 'Activate Node', applies: (n) => n.availability !== 'active', availability: 'active' },
};

/** The hostnames changed (for scripts and tests). */
export async function nodeCommand(context: SwarmContext, invocation: SwarmInvocation, verb: NodeVerb, named?: string): Promise<string[]> {
  const spec = VERBS[verb];
  const targets = await resolveSwarmNodes(context, invocation, spec.title, named, spec.applies);
  const changed: string[] = [];
  for (const { clusterId, node } of targets) {
    try {
      await context.directory.onManager(clusterId, (session) =>
        spec.role ? setNodeRole(session.engine, node.id, spec.role) : setNodeAvailability(session.engine, node.id, spec.availability ?? 'active'));
    } catch (error) {
      throw swarmFailure(`${spec.title} (${node.hostname})`, error);
    }
    changed.push(node.hostname);
    context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, 'nodes'));
  }
  if (verb === 'promote' || verb === 'demote') await context.directory.rediscover();
  return changed;
}

export async function removeNodeCommand(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined, confirmed: boolean): Promise<string[]> {
  const targets = await resolveSwarmNodes(context, invocation, 'Remove Node', named, () => true);
  const removed: string[] = [];
  for (const { clusterId, node } of targets) {
    const force = node.state !== 'down';
    if (!confirmed) {
      const detail = force
        ? `${node.hostname} is ${node.state}: it is removed by force, its tasks are rescheduled elsewhere, and its engine still believes it is in the swarm until it leaves (Leave Swarm on it).`
        : `${node.hostname} is down: it is dropped from the swarm's list.`;
      if (!(await confirm(`Remove ${node.hostname} from the swarm?`, detail, [force ? 'Remove by Force' : 'Remove']))) continue;
    }
    try {
      await context.directory.onManager(clusterId, (session) => removeNode(session.engine, node.id, force));
    } catch (error) {
      throw swarmFailure(`Remove Node (${node.hostname})`, error);
    }
    removed.push(node.hostname);
    context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, 'nodes'));
  }
  await context.directory.rediscover();
  return removed;
}

export async function rotateJoinTokenCommand(context: SwarmContext, invocation: SwarmInvocation, role: SwarmNodeRole | undefined): Promise<SwarmNodeRole | undefined> {
  const clusterId = await resolveSwarm(context, invocation, 'Rotate Join Token');
  if (!clusterId) return undefined;
  const chosen = role ?? (await vscode.window.showQuickPick(
    [{ label: 'worker', description: 'the token workers join with', role: 'worker' as const }, { label: 'manager', description: 'the token managers join with', role: 'manager' as const }],
    { title: 'Rotate which join token?', ignoreFocusOut: true },
  ))?.role;
  if (!chosen) return undefined;
  try {
    await context.directory.onManager(clusterId, (session) => rotateJoinToken(session.engine, chosen));
  } catch (error) {
    throw swarmFailure('Rotate Join Token', error);
  }
  void vscode.window.showInformationMessage(`The ${chosen} join token was replaced: the old one no longer lets a node join. Nodes already in the swarm stay.`);
  return chosen;
}

/** Reads the unlock key only now, shows it in a modal (copy offered), and writes nothing of it to the log. */
export async function showUnlockKeyCommand(context: SwarmContext, invocation: SwarmInvocation): Promise<boolean> {
  const clusterId = await resolveSwarm(context, invocation, 'Show Unlock Key');
  if (!clusterId) return false;
  let key: string | undefined;
  try {
    key = await context.directory.onManager(clusterId, (session) => readUnlockKey(session.engine));
  } catch (error) {
    throw swarmFailure('Show Unlock Key', error);
  }
  if (!key) {
    void vscode.window.showInformationMessage('This swarm is not set to lock its managers (autolock is off): there is no unlock key.');
    return false;
  }
  const choice = await vscode.window.showWarningMessage('Swarm unlock key', { modal: true, detail: `${key}\n\nWhoever has it can unlock a restarted manager of this swarm. Keep it in a password manager.` }, 'Copy');
  if (choice === 'Copy') await vscode.env.clipboard.writeText(key);
  return true;
}
