import type { EngineClient } from '../../engine/engineClient';
import { engineMessageOf } from '../../util/errors';
import { engineRequest, isNotFound, labelFilter } from './stackApi';
import { StackDeployError, type StackProgress } from './stackDeploy';
import { STACK_NAMESPACE_LABEL } from './stackTypes';

interface Labelled {
  readonly ID?: string;
  readonly Id?: string;
  readonly Name?: string;
  readonly Spec?: { readonly Name?: string; readonly Labels?: Record<string, string> };
  readonly Labels?: Record<string, string>;
}

/** How long a network may stay busy after its services went (their tasks' endpoints leave it). */
const NETWORK_RELEASE_MS = 30_000;

/**
 * Removes a stack as `docker stack rm` does: its services, then its networks, secrets and
 * configs, all found by the namespace label. A network still held by the leaving tasks is tried
 * again for a while; every failure is collected and reported together at the end.
 */
export async function removeStack(client: EngineClient, namespace: string, onProgress?: (step: StackProgress) => void, signal?: AbortSignal): Promise<void> {
  const query = labelFilter(`${STACK_NAMESPACE_LABEL}=${namespace}`);
  const failures: string[] = [];
  const list = (path: string): Promise<Labelled[]> => engineRequest<Labelled[]>(client, 'GET', path, { query, ...(signal && { signal }) });
  const remove = async (kind: StackProgress['kind'], path: string, item: Labelled, retryMs = 0): Promise<void> => {
    const name = item.Spec?.Name ?? item.Name ?? '';
    onProgress?.({ kind, name, action: 'remove' });
    const deadline = Date.now() + retryMs;
    for (;;) {
      try {
        await engineRequest(client, 'DELETE', `${path}/${item.ID ?? item.Id ?? ''}`, { ...(signal && { signal }) });
        return;
      } catch (error) {
        // Gone already: someone else removed it meanwhile (the engine may say so with a 500 for a swarm network).
        if (isNotFound(error) || /\bnot found\b/i.test(engineMessageOf(error))) return;
        if (Date.now() >= deadline || signal?.aborted === true) {
          failures.push(`${kind} ${name}: ${engineMessageOf(error)}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  const services = (await list('/services')).sort((a, b) => ((a.Spec?.Name ?? '') < (b.Spec?.Name ?? '') ? -1 : 1));
  for (const service of services) await remove('service', '/services', service);
  for (const secret of await list('/secrets')) await remove('secret', '/secrets', secret);
  for (const config of await list('/configs')) await remove('config', '/configs', config);
  for (const network of await list('/networks')) await remove('network', '/networks', network, services.length > 0 ? NETWORK_RELEASE_MS : 0);
  if (failures.length > 0) {
    throw new StackDeployError(`stack ${namespace} was not removed completely: ${failures.join('; ')}`);
  }
}

export interface StackSummary {
  readonly name: string;
  readonly services: number;
}

/** The stacks a swarm manager knows: its services grouped by namespace label, as `docker stack ls`. */
export async function listStacks(client: EngineClient, signal?: AbortSignal): Promise<StackSummary[]> {
  const services = await engineRequest<Labelled[]>(client, 'GET', '/services', { query: labelFilter(STACK_NAMESPACE_LABEL), ...(signal && { signal }) });
  const counts = new Map<string, number>();
  for (const service of services) {
    const name = service.Spec?.Labels?.[STACK_NAMESPACE_LABEL];
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => ({ name, services: count })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
