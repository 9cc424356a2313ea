import {
  SwarmLocalState, SwarmMembership, SwarmNodeAvailability, SwarmNodeRole, SwarmNodeState, SwarmNodeSummary, SwarmObjectSummary,
  SwarmPort, SwarmServiceSummary, SwarmTaskSummary,
} from './swarmTypes';

/** The Engine API's objects as far as they are read here; everything is optional because engines are input. */
export interface RawInfoSwarm {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  Error?: string;
  RemoteManagers?: { NodeID?: string; Addr?: string }[] | null;
  Cluster?: { ID?: string } | null;
}

export interface RawNode {
  ID?: string;
  Spec?: { Role?: string; Availability?: string };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string; Labels?: Record<string, string> | null } };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

export interface RawPort {
  PublishedPort?: number;
  TargetPort?: number;
  Protocol?: string;
  PublishMode?: string;
}

export interface RawService {
  ID?: string;
  Spec?: {
    Name?: string;
    Labels?: Record<string, string> | null;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
    TaskTemplate?: { ContainerSpec?: { Image?: string } };
    EndpointSpec?: { Ports?: RawPort[] | null };
  };
  Endpoint?: { Ports?: RawPort[] | null };
  UpdateStatus?: { State?: string; Message?: string } | null;
}

export interface RawTask {
  ID?: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  UpdatedAt?: string;
  Status?: { State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string } };
}

export interface RawSwarmObject {
  ID?: string;
  CreatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, string> | null };
}

const LOCAL_STATES: readonly SwarmLocalState[] = ['inactive', 'pending', 'active', 'locked', 'error'];
const NODE_STATES: readonly SwarmNodeState[] = ['ready', 'down', 'unknown', 'disconnected'];
const AVAILABILITIES: readonly SwarmNodeAvailability[] = ['active', 'pause', 'drain'];

/** Label the stack tools put on every object of a stack. */
export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** /info's Swarm section as a membership (an engine without one, too old or not Linux, is inactive). */
export function toMembership(raw: RawInfoSwarm | undefined): SwarmMembership {
  const state = oneOf(raw?.LocalNodeState, LOCAL_STATES, raw?.LocalNodeState ? 'error' : 'inactive');
  const nodeId = raw?.NodeID || undefined;
  const clusterId = raw?.Cluster?.ID || undefined;
  const nodeAddress = raw?.NodeAddr || undefined;
  const error = raw?.Error || undefined;
  return {
    state,
    ...(nodeId && { nodeId }),
    ...(clusterId && { clusterId }),
    isManager: raw?.ControlAvailable === true,
    ...(nodeAddress && { nodeAddress }),
    managerAddresses: (raw?.RemoteManagers ?? []).map((m) => m.Addr ?? '').filter((a) => a !== ''),
    ...(error && { error }),
  };
}

/** The engine label carrying the engine's /info ID, where an administrator or tool set one. */
const ENGINE_ID_LABELS = ['com.docker.engine.id', 'engine.id'];

export function toNodeSummary(raw: RawNode): SwarmNodeSummary {
  const role: SwarmNodeRole = raw.Spec?.Role === 'manager' ? 'manager' : 'worker';
  const labels = raw.Description?.Engine?.Labels ?? {};
  const engineId = ENGINE_ID_LABELS.map((l) => labels[l]).find((v) => v !== undefined && v !== '');
  const reachability = raw.ManagerStatus?.Reachability;
  return {
    id: raw.ID ?? '',
    hostname: raw.Description?.Hostname ?? '',
    role,
    availability: oneOf(raw.Spec?.Availability, AVAILABILITIES, 'active'),
    state: oneOf(raw.Status?.State, NODE_STATES, 'unknown'),
    engineVersion: raw.Description?.Engine?.EngineVersion ?? '',
    // Managers report 0.0.0.0 in Status.Addr on some engines; their ManagerStatus.Addr has the real one.
    address: nodeAddress(raw),
    leader: raw.ManagerStatus?.Leader === true,
    ...(reachability && { reachability }),
    ...(engineId && { engineId }),
  };
}

function nodeAddress(raw: RawNode): string {
  const status = raw.Status?.Addr ?? '';
  if (status !== '' && status !== '0.0.0.0') {
    return status;
  }
  return (raw.ManagerStatus?.Addr ?? '').replace(/:\d+$/, '') || status;
}

/** The image as written, without the `@sha256:` pin the engine or CLI adds. */
export function imageWithoutDigest(image: string): string {
  const at = image.indexOf('@');
  return at < 0 ? image : image.slice(0, at);
}

export function toPort(raw: RawPort): SwarmPort {
  const published = raw.PublishedPort;
  return {
    ...(published !== undefined && published !== 0 && { published }),
    target: raw.TargetPort ?? 0,
    protocol: oneOf(raw.Protocol, ['tcp', 'udp', 'sctp'] as const, 'tcp'),
    mode: raw.PublishMode === 'host' ? 'host' : 'ingress',
  };
}

/** A service with the number of its running tasks (counted by the caller from /tasks). */
export function toServiceSummary(raw: RawService, runningTasks: number): SwarmServiceSummary {
  const spec = raw.Spec ?? {};
  const global = spec.Mode?.Global !== undefined;
  const stack = spec.Labels?.[STACK_NAMESPACE_LABEL];
  const update = raw.UpdateStatus ?? undefined;
  // Endpoint.Ports has the ports the swarm assigned (a published port chosen by the engine); the spec only what was asked.
  const ports = raw.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? [];
  return {
    id: raw.ID ?? '',
    name: spec.Name ?? '',
    mode: global ? 'global' : 'replicated',
    ...(!global && { desiredReplicas: spec.Mode?.Replicated?.Replicas ?? 1 }),
    runningTasks,
    image: imageWithoutDigest(spec.TaskTemplate?.ContainerSpec?.Image ?? ''),
    ports: ports.map(toPort),
    ...(stack && { stack }),
    ...(update?.State && { updateState: update.State }),
    ...(update?.Message && { updateMessage: update.Message }),
  };
}

export function toTaskSummary(raw: RawTask): SwarmTaskSummary {
  const error = raw.Status?.Err;
  const containerId = raw.Status?.ContainerStatus?.ContainerID;
  return {
    id: raw.ID ?? '',
    serviceId: raw.ServiceID ?? '',
    ...(raw.Slot !== undefined && raw.Slot !== 0 && { slot: raw.Slot }),
    nodeId: raw.NodeID ?? '',
    desiredState: raw.DesiredState ?? '',
    state: raw.Status?.State ?? '',
    message: raw.Status?.Message ?? '',
    ...(error && { error }),
    ...(containerId && { containerId }),
    updatedAt: raw.UpdatedAt ?? '',
  };
}

export function toObjectSummary(raw: RawSwarmObject): SwarmObjectSummary {
  return { id: raw.ID ?? '', name: raw.Spec?.Name ?? '', createdAt: raw.CreatedAt ?? '', labels: { ...raw.Spec?.Labels } };
}

/**
 * Running tasks per service id, from one /tasks list. As `docker service ls` does, a task on a node
 * that is not ready does not count: its last report said running, but nobody knows any more.
 */
export function runningTasksByService(tasks: readonly RawTask[], readyNodeIds?: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const task of tasks) {
    const onLiveNode = !readyNodeIds || readyNodeIds.has(task.NodeID ?? '');
    if (task.Status?.State === 'running' && task.ServiceID && onLiveNode) {
      counts.set(task.ServiceID, (counts.get(task.ServiceID) ?? 0) + 1);
    }
  }
  return counts;
}
