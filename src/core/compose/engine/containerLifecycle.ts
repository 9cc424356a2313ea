import type { ComposeProject, ComposeService } from '../model/composeModel';
import type { EngineClient } from '../../engine/engineClient';
import { removeContainer, renameContainer, runContainerAction } from '../../engine/operations/containerOperations';
import { engineMessageOf } from '../../util/errors';
import { ContainerPlan, containerCreateBody, extraNetworks } from './containerSpec';
import { ComposeServiceError } from './composeTypes';
import { injectFileObjects } from './secretsAndConfigs';
import type { Progress } from './progress';

/** One step of a service's container, failing with a message that names the service and the container. */
async function step<T>(service: string, container: string, what: string, progress: Progress, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { name?: unknown }).name === 'AbortError') throw error;
    progress(`Container ${container}`, 'Error', service, engineMessageOf(error));
    throw new ComposeServiceError(service, `Service "${service}": container ${container} could not ${what}: ${engineMessageOf(error)}`, { cause: error });
  }
}

/**
 * Creates one container of a service under `name` and attaches its other networks (the Engine
 * API before 1.44 takes one network at create), with the secrets and configs that are not files
 * copied in. A half-made container is removed again.
 */
export async function createServiceContainer(client: EngineClient, project: ComposeProject, service: ComposeService, plan: ContainerPlan, name: string, progress: Progress, signal?: AbortSignal): Promise<string> {
  const body = containerCreateBody(project, service, plan);
  const id = await step(service.name, plan.name, 'be created', progress, async () =>
    (await client.call<{ id: string }>((d, abortSignal) => d.createContainer({ ...body, name, abortSignal } as never), { ...(signal && { signal }) })).id);
  try {
    await step(service.name, plan.name, 'receive its secrets and configs', progress, () => injectFileObjects(client, project, service, id, plan.secretEnvironment ?? {}, signal));
    for (const { network, endpoint } of extraNetworks(project, service, plan.name)) {
      await step(service.name, plan.name, `join network ${network}`, progress, () =>
        client.call((d, abortSignal) => d.getNetwork(network).connect({ Container: id, EndpointConfig: endpoint, abortSignal } as never), { ...(signal && { signal }) }));
    }
  } catch (error) {
    await removeContainer(client, id, { force: true, volumes: true }).catch(() => undefined);
    throw error;
  }
  return id;
}

export async function startServiceContainer(client: EngineClient, service: string, id: string, name: string, progress: Progress, signal?: AbortSignal): Promise<void> {
  progress(`Container ${name}`, 'Starting', service);
  await step(service, name, 'start', progress, () => runContainerAction(client, id, 'start', signal));
  progress(`Container ${name}`, 'Started', service);
}

export async function restartServiceContainer(client: EngineClient, service: string, id: string, name: string, progress: Progress, signal?: AbortSignal): Promise<void> {
  progress(`Container ${name}`, 'Restarting', service);
  await step(service, name, 'restart', progress, () => runContainerAction(client, id, 'restart', signal));
  progress(`Container ${name}`, 'Restarted', service);
}

export async function stopServiceContainer(client: EngineClient, service: string, id: string, name: string, progress: Progress, signal?: AbortSignal): Promise<void> {
  progress(`Container ${name}`, 'Stopping', service);
  await step(service, name, 'stop', progress, () => runContainerAction(client, id, 'stop', signal));
  progress(`Container ${name}`, 'Stopped', service);
}

export async function removeServiceContainer(client: EngineClient, service: string, id: string, name: string, progress: Progress, options: { volumes: boolean }): Promise<void> {
  progress(`Container ${name}`, 'Removing', service);
  await step(service, name, 'be removed', progress, () => removeContainer(client, id, { force: true, volumes: options.volumes }));
  progress(`Container ${name}`, 'Removed', service);
}

/** The engine names an anonymous volume with 64 hex digits. */
const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;

/**
 * Replaces a container as v2 does: the new one is created under a temporary name first (so a
 * create that fails leaves the old one as it was), then the old one is stopped and removed and
 * the new one takes its name. Its anonymous volumes move to the new one. Returns the new id; the
 * caller starts it.
 */
export async function recreateServiceContainer(client: EngineClient, project: ComposeProject, service: ComposeService, oldId: string, plan: ContainerPlan, progress: Progress, signal?: AbortSignal): Promise<string> {
  progress(`Container ${plan.name}`, 'Recreate', service.name);
  const temporary = `${oldId.slice(0, 12)}_${plan.name}`;
  const old = (await client.inspect('container', oldId, signal)) as { Mounts?: { Type?: string; Name?: string; Destination?: string }[] };
  const inheritedVolumes = Object.fromEntries((old.Mounts ?? [])
    .filter((m) => m.Type === 'volume' && m.Name !== undefined && m.Destination !== undefined && ANONYMOUS_VOLUME.test(m.Name))
    .map((m) => [m.Destination as string, m.Name as string]));
  const id = await createServiceContainer(client, project, service, { ...plan, inheritedVolumes }, temporary, progress, signal);
  await step(service.name, plan.name, 'be replaced', progress, async () => {
    await runContainerAction(client, oldId, 'stop', signal);
    await removeContainer(client, oldId, { force: true, volumes: false });
    await renameContainer(client, id, plan.name);
  });
  progress(`Container ${plan.name}`, 'Recreated', service.name);
  return id;
}
