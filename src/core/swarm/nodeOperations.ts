import { EngineClient } from '../engine/engineClient';
import { RawNode, toNodeSummary } from './swarmMapping';
import { swarmRequest } from './swarmRequest';
import { SwarmNodeAvailability, SwarmNodeRole, SwarmNodeSummary } from './swarmTypes';

interface RawNodeWithSpec extends RawNode {
  Version?: { Index?: number };
  Spec?: RawNode['Spec'] & Record<string, unknown>;
}

/** The swarm's nodes, as a manager knows them (managers first, then by hostname). */
export async function listNodes(client: EngineClient, signal?: AbortSignal): Promise<SwarmNodeSummary[]> {
  const raw = await swarmRequest<RawNode[]>(client, { method: 'GET', path: '/nodes' }, { ...(signal && { signal }) });
  return raw.map(toNodeSummary).sort((a, b) => (a.role === b.role ? a.hostname.localeCompare(b.hostname) : a.role === 'manager' ? -1 : 1));
}

/** Promotes a worker to manager or demotes a manager to worker. */
export async function setNodeRole(client: EngineClient, nodeId: string, role: SwarmNodeRole, signal?: AbortSignal): Promise<void> {
  await updateNodeSpec(client, nodeId, { Role: role }, signal);
}

/** active: takes tasks; pause: keeps its tasks, takes no new ones; drain: its tasks move to other nodes. */
export async function setNodeAvailability(client: EngineClient, nodeId: string, availability: SwarmNodeAvailability, signal?: AbortSignal): Promise<void> {
  await updateNodeSpec(client, nodeId, { Availability: availability }, signal);
}

/** Removes a node from the swarm's list; `force` for one that is still up (it is cut off). */
export async function removeNode(client: EngineClient, nodeId: string, force: boolean, signal?: AbortSignal): Promise<void> {
  await swarmRequest(client, { method: 'DELETE', path: `/nodes/${encodeURIComponent(nodeId)}`, query: { force } }, { ...(signal && { signal }) });
}

/** Node updates carry the whole spec and the version read with it (a concurrent change is refused, not lost). */
async function updateNodeSpec(client: EngineClient, nodeId: string, change: Record<string, string>, signal?: AbortSignal): Promise<void> {
  const options = { ...(signal && { signal }) };
  const path = `/nodes/${encodeURIComponent(nodeId)}`;
  const node = await swarmRequest<RawNodeWithSpec>(client, { method: 'GET', path }, options);
  const query = { version: node.Version?.Index ?? 0 };
  await swarmRequest(client, { method: 'POST', path: `${path}/update`, query, body: { ...node.Spec, ...change } }, options);
}
