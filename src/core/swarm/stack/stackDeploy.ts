import type { EngineClient } from '../../engine/engineClient';
import { engineMessageOf } from '../../util/errors';
import { engineRequest, isNotFound, labelFilter } from './stackApi';
import { STACK_IMAGE_LABEL, STACK_NAMESPACE_LABEL, type EngineJson, type StackFileObject, type StackFileReference, type StackPlan } from './stackTypes';

export interface StackProgress {
  readonly kind: 'network' | 'secret' | 'config' | 'service';
  readonly name: string;
  readonly action: 'create' | 'update' | 'remove';
}

export interface DeployStackOptions {
  /** Remove the namespace's services that the plan no longer has (`--prune`). */
  readonly prune?: boolean;
}

/** A stack that cannot be deployed or removed, in words a user can act on. */
export class StackDeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackDeployError';
  }
}

const SERVICES_IN_FLIGHT = 4;

interface SwarmObject {
  readonly ID: string;
  readonly Version: { readonly Index: number };
  readonly Spec: EngineJson & { readonly Name: string; readonly Labels?: Record<string, string> };
}

/**
 * Applies a plan as `docker stack deploy --resolve-image never` does: on a swarm manager only;
 * external networks must exist with scope swarm; missing networks are created (existing ones are
 * left as they are); secrets and configs are created or updated at their current version; each
 * service is created or updated, keeping the engine's image (pinned digest) when the file's image
 * did not change and keeping ForceUpdate, so an unchanged service does not restart.
 */
export async function deployStack(client: EngineClient, plan: StackPlan, options: DeployStackOptions = {}, onProgress?: (step: StackProgress) => void, signal?: AbortSignal): Promise<void> {
  await ensureSwarmManager(client, signal);
  const namespaceLabel = `${STACK_NAMESPACE_LABEL}=${plan.namespace}`;
  const existingServices = await engineRequest<SwarmObject[]>(client, 'GET', '/services', { query: labelFilter(namespaceLabel), ...signalOf(signal) });
  if (options.prune === true) {
    const wanted = new Set(plan.services.map((service) => service.name));
    for (const service of existingServices.filter((item) => !wanted.has(item.Spec.Name))) {
      onProgress?.({ kind: 'service', name: service.Spec.Name, action: 'remove' });
      await engineRequest(client, 'DELETE', `/services/${service.ID}`, signalOf(signal));
    }
  }
  await checkExternalNetworks(client, plan.externalNetworks, signal);
  const existingNetworks = new Set((await engineRequest<{ Name: string }[]>(client, 'GET', '/networks', { query: labelFilter(namespaceLabel), ...signalOf(signal) })).map((network) => network.Name));
  for (const network of plan.networks.filter((item) => !existingNetworks.has(item.name))) {
    onProgress?.({ kind: 'network', name: network.name, action: 'create' });
    await engineRequest(client, 'POST', '/networks/create', { body: { Name: network.name, CheckDuplicate: true, ...network.spec }, ...signalOf(signal) });
  }
  const secretIds = await applyFileObjects(client, 'secret', plan.secrets, onProgress, signal);
  const configIds = await applyFileObjects(client, 'config', plan.configs, onProgress, signal);
  const byName = new Map(existingServices.map((service) => [service.Spec.Name, service]));
  // A few at a time: the manager commits each to its store in turn, but the requests overlap.
  await eachInParallel(plan.services, SERVICES_IN_FLIGHT, async (service) => {
    const spec = withReferences(service.spec, {
      Secrets: await resolveReferences(client, 'secret', service.secrets, secretIds, signal),
      Configs: await resolveReferences(client, 'config', service.configs, configIds, signal),
    });
    const current = byName.get(service.name);
    if (current === undefined) {
      onProgress?.({ kind: 'service', name: service.name, action: 'create' });
      await engineRequest(client, 'POST', '/services/create', { body: spec, ...signalOf(signal) });
    } else {
      onProgress?.({ kind: 'service', name: service.name, action: 'update' });
      await engineRequest(client, 'POST', `/services/${current.ID}/update`, { query: { version: current.Version.Index }, body: keepFromCurrent(spec, current), ...signalOf(signal) });
    }
  });
}

async function ensureSwarmManager(client: EngineClient, signal: AbortSignal | undefined): Promise<void> {
  const info = await engineRequest<{ Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } }>(client, 'GET', '/info', signalOf(signal));
  if (info.Swarm?.ControlAvailable !== true) {
    const state = info.Swarm?.LocalNodeState ?? 'inactive';
    throw new StackDeployError(
      state === 'active'
        ? `${client.address} is a swarm worker: deploy the stack on one of the swarm's managers`
        : `${client.address} is not in a swarm (state: ${state}): initialize a swarm on it, or join it to one as a manager, then deploy again`,
    );
  }
}

/** As the CLI's validateExternalNetworks: bridge, host and none exist on every node; others must be swarm-scoped. */
async function checkExternalNetworks(client: EngineClient, names: readonly string[], signal: AbortSignal | undefined): Promise<void> {
  for (const name of names.filter((item) => !['bridge', 'host', 'none', 'default'].includes(item) && !item.startsWith('container:'))) {
    let network: { Scope?: string };
    try {
      network = await engineRequest(client, 'GET', `/networks/${encodeURIComponent(name)}`, signalOf(signal));
    } catch (error) {
      if (isNotFound(error)) {
        throw new StackDeployError(`network "${name}" is declared as external, but could not be found. Create it as a swarm-scoped network (driver overlay) before deploying the stack`);
      }
      throw error;
    }
    if (network.Scope !== 'swarm') {
      throw new StackDeployError(`network "${name}" is declared as external, but it is not in the right scope: "${network.Scope ?? ''}" instead of "swarm". A stack's services can only use swarm-scoped networks (driver overlay)`);
    }
  }
}

/** Creates or updates (at their current version) each secret or config; returns name → ID. */
async function applyFileObjects(client: EngineClient, kind: 'secret' | 'config', objects: readonly StackFileObject[], onProgress: ((step: StackProgress) => void) | undefined, signal: AbortSignal | undefined): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const object of objects) {
    const spec = { Name: object.name, Labels: object.labels, Data: object.data };
    let current: SwarmObject | undefined;
    try {
      current = await engineRequest<SwarmObject>(client, 'GET', `/${kind}s/${encodeURIComponent(object.name)}`, signalOf(signal));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    try {
      if (current === undefined) {
        onProgress?.({ kind, name: object.name, action: 'create' });
        const created = await engineRequest<{ ID: string }>(client, 'POST', `/${kind}s/create`, { body: spec, ...signalOf(signal) });
        ids.set(object.name, created.ID);
      } else {
        onProgress?.({ kind, name: object.name, action: 'update' });
        await engineRequest(client, 'POST', `/${kind}s/${current.ID}/update`, { query: { version: current.Version.Index }, body: spec, ...signalOf(signal) });
        ids.set(object.name, current.ID);
      }
    } catch (error) {
      throw new StackDeployError(`failed to ${current === undefined ? 'create' : 'update'} ${kind} ${object.name}: ${engineMessageOf(error)}`);
    }
  }
  return ids;
}

/** The plan's references with the engine's IDs; a name the plan did not create (an external one) is looked up. */
async function resolveReferences(client: EngineClient, kind: 'secret' | 'config', refs: readonly StackFileReference[], known: Map<string, string>, signal: AbortSignal | undefined): Promise<EngineJson[]> {
  const resolved: EngineJson[] = [];
  for (const ref of refs) {
    let id = known.get(ref.name);
    if (id === undefined) {
      try {
        id = (await engineRequest<SwarmObject>(client, 'GET', `/${kind}s/${encodeURIComponent(ref.name)}`, signalOf(signal))).ID;
      } catch (error) {
        throw isNotFound(error) ? new StackDeployError(`${kind} not found: ${ref.name}`) : error;
      }
      known.set(ref.name, id);
    }
    resolved.push(kind === 'secret' ? { File: ref.file, SecretID: id, SecretName: ref.name } : { File: ref.file, ConfigID: id, ConfigName: ref.name });
  }
  return resolved;
}

function withReferences(spec: EngineJson, references: { Secrets: EngineJson[]; Configs: EngineJson[] }): EngineJson {
  const template = spec['TaskTemplate'] as EngineJson;
  const container = template['ContainerSpec'] as EngineJson;
  return {
    ...spec,
    TaskTemplate: {
      ...template,
      ContainerSpec: {
        ...container,
        ...(references.Secrets.length === 0 ? {} : { Secrets: references.Secrets }),
        ...(references.Configs.length === 0 ? {} : { Configs: references.Configs }),
      },
    },
  };
}

/** The image the engine pinned when the file's image is unchanged, and ForceUpdate as it is (the CLI's deployServices). */
function keepFromCurrent(spec: EngineJson, current: SwarmObject): EngineJson {
  const template = spec['TaskTemplate'] as EngineJson;
  const container = template['ContainerSpec'] as EngineJson;
  const currentTemplate = (current.Spec['TaskTemplate'] ?? {}) as EngineJson;
  const currentImage = (currentTemplate['ContainerSpec'] as EngineJson | undefined)?.['Image'];
  const unchanged = container['Image'] === current.Spec.Labels?.[STACK_IMAGE_LABEL] && typeof currentImage === 'string';
  return {
    ...spec,
    TaskTemplate: {
      ...template,
      ContainerSpec: unchanged ? { ...container, Image: currentImage } : container,
      ...(currentTemplate['ForceUpdate'] === undefined ? {} : { ForceUpdate: currentTemplate['ForceUpdate'] }),
    },
  };
}

/** Runs `work` on every item, at most `limit` at once; all run to their end, then the first failure is thrown. */
async function eachInParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const failures: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && failures.length === 0) {
      const item = items[next++] as T;
      await work(item).catch((error: unknown) => failures.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) {
    throw failures[0];
  }
}

function signalOf(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}
