import { EngineClient, SLOW_CALL_ALLOWANCE_MS } from '../engineClient';
import { PruneResult } from './containerOperations';

export interface NetworkSpec {
  readonly name: string;
  readonly driver?: string;
  readonly subnet?: string;
  readonly gateway?: string;
  readonly internal?: boolean;
  readonly attachable?: boolean;
  /** Overlay networks only: IPsec between nodes (driver option "encrypted"). */
  readonly encrypted?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
}

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/;
const ADDRESS = /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+$/;

export function validateSubnet(value: string): string | undefined {
  return value === '' || CIDR.test(value) ? undefined : 'A subnet is written as address/prefix, e.g. 172.30.0.0/16';
}

export function validateGateway(value: string): string | undefined {
  return value === '' || ADDRESS.test(value) ? undefined : 'A gateway is an IP address, e.g. 172.30.0.1';
}

export async function createNetwork(client: EngineClient, spec: NetworkSpec): Promise<string> {
  const problem = validateSubnet(spec.subnet ?? '') ?? validateGateway(spec.gateway ?? '');
  if (problem) {
    throw new Error(problem);
  }
  const ipam = spec.subnet ? { Driver: 'default', Config: [{ Subnet: spec.subnet, ...(spec.gateway ? { Gateway: spec.gateway } : {}) }] } : undefined;
  const network = await client.call<{ id: string }>((d, abortSignal) => d.createNetwork({
    Name: spec.name,
    Driver: spec.driver ?? 'bridge',
    Internal: spec.internal === true,
    Attachable: spec.attachable === true,
    CheckDuplicate: true,
    Labels: { ...spec.labels },
    ...(spec.encrypted === true && { Options: { encrypted: '' } }),
    ...(ipam ? { IPAM: ipam } : {}),
    abortSignal,
  } as never));
  return network.id;
}

export async function removeNetwork(client: EngineClient, id: string): Promise<void> {
  await client.call((d, abortSignal) => d.getNetwork(id).remove({ abortSignal } as never));
}

export async function pruneNetworks(client: EngineClient, labelFilter?: string): Promise<PruneResult> {
  const filters = labelFilter ? { filters: { label: [labelFilter] } } : {};
  const result = (await client.call((d, abortSignal) => d.pruneNetworks({ ...filters, abortSignal } as never), { allowanceMs: SLOW_CALL_ALLOWANCE_MS })) as { NetworksDeleted?: string[] | null };
  return { deleted: result.NetworksDeleted ?? [], spaceReclaimed: 0 };
}

export async function connectContainer(client: EngineClient, networkId: string, containerId: string): Promise<void> {
  await client.call((d, abortSignal) => d.getNetwork(networkId).connect({ Container: containerId, abortSignal } as never));
}

export async function disconnectContainer(client: EngineClient, networkId: string, containerId: string, force = false): Promise<void> {
  await client.call((d, abortSignal) => d.getNetwork(networkId).disconnect({ Container: containerId, Force: force, abortSignal } as never));
}

export interface AttachedContainer {
  readonly id: string;
  readonly name: string;
  readonly ipv4: string;
}

/** The containers attached to a network, from its inspect data (what `docker network inspect` lists). */
export async function attachedContainers(client: EngineClient, networkId: string): Promise<AttachedContainer[]> {
  const details = (await client.call((d) => d.getNetwork(networkId).inspect() as Promise<unknown>)) as { Containers?: Record<string, { Name?: string; IPv4Address?: string }> };
  return Object.entries(details.Containers ?? {})
    .map(([id, c]) => ({ id, name: c.Name ?? id.slice(0, 12), ipv4: c.IPv4Address ?? '' }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
