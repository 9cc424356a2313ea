import { EngineClient, SLOW_CALL_ALLOWANCE_MS } from '../engine/engineClient';
import { waitForServiceUpdate } from './serviceUpdateWatch';
import { serviceSpecProblems, toServiceSpec } from './serviceSpec';
import { RawNode, RawService, RawTask, runningTasksByService, toServiceSummary, toTaskSummary } from './swarmMapping';
import { swarmRequest } from './swarmRequest';
import {
  ServiceSpecInput, ServiceUpdateOutcome, ServiceUpdateProgress, SwarmServiceSummary, SwarmTaskSummary, TaskFilter,
} from './swarmTypes';

export { serviceLogs } from './serviceLogs';

/** A service as read for an update: its spec goes back whole, with the version it was read at. */
export interface RawServiceForUpdate extends RawService {
  Version?: { Index?: number };
  Spec?: RawService['Spec'] & Record<string, unknown> & { TaskTemplate?: Record<string, unknown> & { ContainerSpec?: Record<string, unknown> & { Image?: string }; ForceUpdate?: number } };
}

const withSignal = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});
const servicePath = (id: string): string => `/services/${encodeURIComponent(id)}`;

/** The swarm's services with their running tasks counted (as `docker service ls`: tasks on nodes that are not ready do not count). */
export async function listServices(client: EngineClient, signal?: AbortSignal): Promise<SwarmServiceSummary[]> {
  const options = withSignal(signal);
  const [services, tasks, nodes] = await Promise.all([
    swarmRequest<RawService[]>(client, { method: 'GET', path: '/services' }, options),
    swarmRequest<RawTask[]>(client, { method: 'GET', path: '/tasks', query: { filters: { 'desired-state': ['running'] } } }, options),
    swarmRequest<RawNode[]>(client, { method: 'GET', path: '/nodes' }, options),
  ]);
  const ready = new Set(nodes.filter((n) => n.Status?.State === 'ready').map((n) => n.ID ?? ''));
  const running = runningTasksByService(tasks, ready);
  return services.map((s) => toServiceSummary(s, running.get(s.ID ?? '') ?? 0)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Creates a service; returns its id. The image is used as named (no registry is asked for a digest). */
export async function createService(client: EngineClient, input: ServiceSpecInput, signal?: AbortSignal): Promise<string> {
  const problems = serviceSpecProblems(input);
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
  const options = withSignal(signal);
  const networkIds = new Map<string, string>();
  for (const network of input.networks ?? []) {
    const found = await swarmRequest<{ Id?: string }>(client, { method: 'GET', path: `/networks/${encodeURIComponent(network)}` }, options);
    networkIds.set(network, found.Id ?? network);
  }
  const created = await swarmRequest<{ ID?: string }>(client, { method: 'POST', path: '/services/create', body: toServiceSpec(input, networkIds) }, options);
  return created.ID ?? '';
}

/** Sets a replicated service's number of tasks. */
export async function scaleService(client: EngineClient, id: string, replicas: number, signal?: AbortSignal): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new Error('Replicas is a whole number, 0 or more');
  }
  await updateService(client, id, (spec, name) => {
    const mode = spec.Mode as { Replicated?: { Replicas?: number } } | undefined;
    if (!mode?.Replicated) {
      throw new Error(`${name} is a global service: it runs one task per node and cannot be scaled`);
    }
    spec.Mode = { Replicated: { Replicas: replicas } };
  }, signal);
}

/**
 * Rolls the service's tasks onto `image` by its update policy and resolves when the engine says the
 * update completed, was rolled back, or paused (a failed update), reporting progress as it goes.
 */
export async function updateServiceImage(
  client: EngineClient, id: string, image: string, onProgress?: (progress: ServiceUpdateProgress) => void, signal?: AbortSignal,
): Promise<ServiceUpdateOutcome> {
  if (image.trim() === '') {
    throw new Error('A service needs an image');
  }
  await updateService(client, id, (spec) => {
    const template = (spec.TaskTemplate ??= {}) as { ContainerSpec?: Record<string, unknown> };
    template.ContainerSpec = { ...template.ContainerSpec, Image: image };
  }, signal);
  return waitForServiceUpdate(client, id, onProgress, signal);
}

/** Goes back to the service's previous spec (server-side, as `docker service rollback`), waiting as for an update. */
export async function rollbackService(
  client: EngineClient, id: string, onProgress?: (progress: ServiceUpdateProgress) => void, signal?: AbortSignal,
): Promise<ServiceUpdateOutcome> {
  const options = withSignal(signal);
  const service = await swarmRequest<RawServiceForUpdate>(client, { method: 'GET', path: servicePath(id) }, options);
  const query = { version: service.Version?.Index ?? 0, rollback: 'previous' };
  await swarmRequest(client, { method: 'POST', path: `${servicePath(id)}/update`, query, body: service.Spec ?? {} }, options);
  return waitForServiceUpdate(client, id, onProgress, signal);
}

/** Replaces every task even though the spec did not change (`docker service update --force`). */
export async function forceUpdateService(client: EngineClient, id: string, signal?: AbortSignal): Promise<void> {
  await updateService(client, id, (spec) => {
    const template = (spec.TaskTemplate ??= {}) as { ForceUpdate?: number };
    template.ForceUpdate = (template.ForceUpdate ?? 0) + 1;
  }, signal);
}

export async function removeService(client: EngineClient, id: string, signal?: AbortSignal): Promise<void> {
  await swarmRequest(client, { method: 'DELETE', path: servicePath(id) }, { allowanceMs: SLOW_CALL_ALLOWANCE_MS, ...withSignal(signal) });
}

/** The service's full JSON as `docker service inspect` shows it (with the engine's defaults filled in). */
export async function inspectService(client: EngineClient, id: string, signal?: AbortSignal): Promise<unknown> {
  return swarmRequest<unknown>(client, { method: 'GET', path: servicePath(id), query: { insertDefaults: true } }, withSignal(signal));
}

/** Tasks of a service and/or on a node, newest first within each slot. */
export async function listTasks(client: EngineClient, filter: TaskFilter = {}, signal?: AbortSignal): Promise<SwarmTaskSummary[]> {
  const filters = {
    ...(filter.serviceId && { service: [filter.serviceId] }),
    ...(filter.nodeId && { node: [filter.nodeId] }),
  };
  const raw = await swarmRequest<RawTask[]>(client, { method: 'GET', path: '/tasks', query: { filters } }, withSignal(signal));
  return raw.map(toTaskSummary).sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || b.updatedAt.localeCompare(a.updatedAt));
}

/** Reads the service, lets `change` edit its spec, and sends it back at the version read. */
async function updateService(
  client: EngineClient, id: string, change: (spec: Record<string, unknown>, name: string) => void, signal?: AbortSignal,
): Promise<void> {
  const options = withSignal(signal);
  const service = await swarmRequest<RawServiceForUpdate>(client, { method: 'GET', path: servicePath(id) }, options);
  const spec = structuredClone(service.Spec ?? {}) as Record<string, unknown>;
  change(spec, service.Spec?.Name ?? id);
  const query = { version: service.Version?.Index ?? 0 };
  await swarmRequest(client, { method: 'POST', path: `${servicePath(id)}/update`, query, body: spec }, options);
}
