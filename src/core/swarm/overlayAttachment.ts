// A standalone container joining a swarm's overlay network (`docker network connect` on the
// container's own engine): only attachable overlay networks take one, and never the ingress.
import { EngineClient } from '../engine/engineClient';
import { connectContainer } from '../engine/operations/networkOperations';
import { swarmRequest } from './swarmRequest';

export interface OverlayFacts {
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly attachable: boolean;
  readonly ingress: boolean;
}

/** The swarm's network as a manager sees it (a worker knows it only once a task or container is on it). */
export async function inspectOverlay(manager: EngineClient, id: string, signal?: AbortSignal): Promise<OverlayFacts> {
  const raw = await swarmRequest<{ Id?: string; Name?: string; Driver?: string; Scope?: string; Attachable?: boolean; Ingress?: boolean }>(manager, { method: 'GET', path: `/networks/${encodeURIComponent(id)}` }, signal ? { signal } : {});
  return { id: raw.Id ?? id, name: raw.Name ?? id, driver: raw.Driver ?? '', scope: raw.Scope ?? '', attachable: raw.Attachable === true, ingress: raw.Ingress === true };
}

/** A network the swarm spans (the overlay network driver, swarm scope), as opposed to one engine's own. */
export function isSwarmOverlay(network: { readonly driver: string; readonly scope: string }): boolean {
  return network.driver === 'overlay' && network.scope === 'swarm';
}

/** Why a standalone container cannot join this network, or undefined when it can. */
export function attachRefusal(network: OverlayFacts): string | undefined {
  if (network.ingress) return `${network.name} is the routing mesh's own network: no container joins it`;
  if (!isSwarmOverlay(network)) return `${network.name} is not a swarm overlay network`;
  if (!network.attachable) return `${network.name} is not attachable: only services join it. Create an overlay network with Attachable ticked (docker network create --attachable) for standalone containers`;
  return undefined;
}

/**
 * Connects a container to the overlay network on the container's own engine, by the network's ID
 * (a worker that has no task on the network yet asks its manager for the attachment).
 */
export async function attachContainer(engine: EngineClient, network: OverlayFacts, containerId: string): Promise<void> {
  const refusal = attachRefusal(network);
  if (refusal !== undefined) throw new Error(refusal);
  await connectContainer(engine, network.id, containerId);
}
