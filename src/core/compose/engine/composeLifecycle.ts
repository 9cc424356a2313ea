import type { EngineClient } from '../../engine/engineClient';
import { ComposeContainerState, ComposeLifecycleOptions, ComposeServiceError } from './composeTypes';
import { restartServiceContainer, startServiceContainer, stopServiceContainer } from './containerLifecycle';
import { inDependencyOrder } from './dependencyOrder';
import { waitForDependency } from './dependencyWait';
import { progressTo, Progress } from './progress';
import { projectContainers, servicesFromLabels, withRestartDependants } from './projectContainers';
import { settleAll } from './serviceConvergence';

type Visit = (container: ComposeContainerState, progress: Progress, signal?: AbortSignal) => Promise<void>;

/**
 * Runs `visit` on each container of the project's (selected) services, in dependency order from
 * the labels. Dependencies first also means waiting for the conditions the labels record
 * (healthy, completed), as v2's start does.
 */
async function eachContainer(client: EngineClient, projectName: string, options: ComposeLifecycleOptions, direction: 'dependencies-first' | 'dependants-first', visit: Visit, restartDependants = false): Promise<void> {
  const progress = progressTo(options.onProgress);
  const containers = await projectContainers(client, projectName, { ...(options.signal && { signal: options.signal }) });
  const requested = options.services?.length && direction === 'dependencies-first' && restartDependants ? withRestartDependants(containers, options.services) : options.services;
  const selected = requested?.length ? containers.filter((c) => requested.includes(c.service)) : containers;
  if (selected.length === 0) {
    throw new ComposeServiceError(undefined, `No containers of project "${projectName}"${options.services?.length ? ` for ${options.services.join(', ')}` : ''} on this machine`);
  }
  await inDependencyOrder(servicesFromLabels(selected), direction, async (service) => {
    if (direction === 'dependencies-first') {
      await Promise.all(Object.entries(service.depends_on).map(([dependency, config]) => waitForDependency(
        client, service.name, dependency, config, selected.filter((c) => c.service === dependency), progress, { ...(options.signal && { signal: options.signal }) },
      )));
    }
    await settleAll(selected.filter((c) => c.service === service.name).map((c) => visit(c, progress, options.signal)));
  });
}

/** `docker compose stop`: dependants first. */
export function composeStop(client: EngineClient, projectName: string, options: ComposeLifecycleOptions = {}): Promise<void> {
  return eachContainer(client, projectName, options, 'dependants-first', async (c, progress, signal) => {
    if (c.state === 'running' || c.state === 'paused' || c.state === 'restarting') {
      await stopServiceContainer(client, c.service, c.id, c.name, progress, signal);
    }
  });
}

/** `docker compose start`: the project's stopped containers, dependencies first. */
export function composeStart(client: EngineClient, projectName: string, options: ComposeLifecycleOptions = {}): Promise<void> {
  return eachContainer(client, projectName, options, 'dependencies-first', async (c, progress, signal) => {
    if (c.state !== 'running') {
      await startServiceContainer(client, c.service, c.id, c.name, progress, signal);
    }
  });
}

/** `docker compose restart`: every container (running or not), dependencies first; restarting a service also restarts its dependants with `restart: true`. */
export function composeRestart(client: EngineClient, projectName: string, options: ComposeLifecycleOptions = {}): Promise<void> {
  return eachContainer(client, projectName, options, 'dependencies-first', (c, progress, signal) => restartServiceContainer(client, c.service, c.id, c.name, progress, signal), true);
}
