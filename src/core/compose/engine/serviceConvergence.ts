import type { ComposeProject, ComposeService } from '../model/composeModel';
import type { EngineClient } from '../../engine/engineClient';
import { COMPOSE_LABELS } from './composeLabels';
import { serviceConfigHash } from './configHash';
import { containerName, ContainerPlan } from './containerSpec';
import { createServiceContainer, recreateServiceContainer, removeServiceContainer, restartServiceContainer, startServiceContainer, stopServiceContainer } from './containerLifecycle';
import { ComposeContainerState, ComposeServiceError } from './composeTypes';
import type { Progress } from './progress';

export interface RunningContainer {
  readonly id: string;
  readonly name: string;
  /** Created or recreated by this convergence (its dependants with `restart: true` restart). */
  readonly updated: boolean;
}

/**
 * Brings one service's containers to what the file says (v2's convergence): a container whose
 * config hash or image changed is recreated, a stopped one started, a running one left alone;
 * containers beyond `replicas` removed (highest numbers first), missing ones created with the
 * next numbers. With `restartRunning` (a dependency declared with `restart: true` was updated) a
 * running container left alone is restarted instead. Returns the service's containers afterwards.
 */
export async function convergeService(
  client: EngineClient,
  project: ComposeProject,
  service: ComposeService,
  imageId: string,
  existing: readonly ComposeContainerState[],
  progress: Progress,
  options: { signal?: AbortSignal; forceRecreate?: boolean; restartRunning?: boolean; environment?: Readonly<Record<string, string | undefined>> },
): Promise<RunningContainer[]> {
  if (service.container_name !== undefined && service.replicas > 1) {
    throw new ComposeServiceError(service.name, `Service "${service.name}" sets container_name "${service.container_name}", so it cannot have ${service.replicas} replicas`);
  }
  const configHash = serviceConfigHash(service);
  const sorted = [...existing].sort((a, b) => a.number - b.number);
  const kept = sorted.slice(0, service.replicas);
  const excess = sorted.slice(service.replicas).reverse();
  const { signal } = options;
  const planFor = (number: number): ContainerPlan => ({ number, name: containerName(project.name, service, number), configHash, imageId, ...(options.environment && { secretEnvironment: options.environment }) });
  await Promise.all(excess.map(async (c) => {
    await stopServiceContainer(client, service.name, c.id, c.name, progress, signal);
    await removeServiceContainer(client, service.name, c.id, c.name, progress, { volumes: false });
  }));
  const keptResults = kept.map(async (c): Promise<RunningContainer> => {
    const plan = planFor(c.number);
    const changed = options.forceRecreate === true || c.labels[COMPOSE_LABELS.configHash] !== configHash || c.labels[COMPOSE_LABELS.image] !== imageId;
    if (changed) {
      const id = await recreateServiceContainer(client, project, service, c.id, plan, progress, signal);
      await startServiceContainer(client, service.name, id, plan.name, progress, signal);
      return { id, name: plan.name, updated: true };
    }
    if (c.state !== 'running') {
      await startServiceContainer(client, service.name, c.id, c.name, progress, signal);
    } else if (options.restartRunning === true) {
      await restartServiceContainer(client, service.name, c.id, c.name, progress, signal);
    } else {
      progress(`Container ${c.name}`, 'Running', service.name);
    }
    return { id: c.id, name: c.name, updated: false };
  });
  let next = Math.max(0, ...sorted.map((c) => c.number)) + 1;
  const missing = Array.from({ length: Math.max(0, service.replicas - kept.length) }, () => planFor(next++));
  const createdResults = missing.map(async (plan): Promise<RunningContainer> => {
    progress(`Container ${plan.name}`, 'Creating', service.name);
    const id = await createServiceContainer(client, project, service, plan, plan.name, progress, signal);
    progress(`Container ${plan.name}`, 'Created', service.name);
    await startServiceContainer(client, service.name, id, plan.name, progress, signal);
    return { id, name: plan.name, updated: true };
  });
  return settleAll([...keptResults, ...createdResults]);
}

/** Waits for every promise (so nothing is left running unobserved), then throws the first failure. */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
