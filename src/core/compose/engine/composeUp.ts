import type { ComposeProject, ComposeService } from '../model/composeModel';
import type { EngineClient } from '../../engine/engineClient';
import { missingCapability } from '../../engine/engineFlavor';
import { ComposeServiceError, ComposeUpOptions } from './composeTypes';
import { dependencyWaves, inDependencyOrder, selectServices } from './dependencyOrder';
import { waitForDependency } from './dependencyWait';
import { progressTo, Progress } from './progress';
import { ensureProjectResources } from './projectResources';
import { projectContainers } from './projectContainers';
import { CredentialsFor, ensureServiceImage } from './serviceImages';
import { convergeService, RunningContainer, settleAll } from './serviceConvergence';
import { removeServiceContainer, stopServiceContainer } from './containerLifecycle';
import { resolveServiceReferences } from './serviceReferences';

export interface ComposeUpRequest extends ComposeUpOptions {
  /** Registry credentials for pulls, when the caller has them. */
  readonly credentials?: CredentialsFor;
  /** The environment the project was loaded with: secrets declared with `environment:` take their values from it. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/**
 * `docker compose up -d` on the Engine API: networks and volumes first, then every image made
 * present (pulled or built, in parallel), then the services in depends_on order — each waits
 * for the conditions on its dependencies and converges its containers; independent services
 * proceed in parallel. On failure what was made stays labelled, so `down` removes it.
 */
export async function composeUp(client: EngineClient, project: ComposeProject, options: ComposeUpRequest = {}): Promise<void> {
  const progress = progressTo(options.onProgress);
  const { signal } = options;
  const services = selectServices(project, options.services);
  dependencyWaves(services); // a depends_on cycle stops here, before anything is made
  await refuseUnreportedHealth(client, services, signal);
  const existing = await projectContainers(client, project.name, { ...(signal && { signal }) });
  await handleOrphans(client, project, existing, options.removeOrphans === true, progress, signal);
  await ensureProjectResources(client, project, services, progress, signal);
  const imageIds = await serviceImages(client, project, services, progress, options);
  const running = new Map<string, RunningContainer[]>();
  await inDependencyOrder(services, 'dependencies-first', async (service) => {
    await waitForDependencies(client, project, service, running, progress, options);
    const containers = existing.filter((c) => c.service === service.name);
    const resolved = resolveServiceReferences(service, (name) => running.get(name) ?? existing.filter((c) => c.service === name));
    // `depends_on: {x: {restart: true}}`: when this up updated x, this service restarts after it.
    const restartRunning = Object.entries(service.depends_on).some(([dependency, config]) => config.restart && (running.get(dependency) ?? []).some((c) => c.updated));
    running.set(service.name, await convergeService(client, project, resolved, imageIds.get(service.name) ?? '', containers, progress, {
      ...(signal && { signal }),
      ...(options.forceRecreate !== undefined && { forceRecreate: options.forceRecreate }),
      restartRunning,
      ...(options.environment && { environment: options.environment }),
    }));
  });
}

/**
 * A `service_healthy` dependency on an engine that reports no health (Podman without systemd)
 * would wait until its timeout for a state that never comes: said before anything is made.
 */
async function refuseUnreportedHealth(client: EngineClient, services: readonly ComposeService[], signal?: AbortSignal): Promise<void> {
  const waiting = services.flatMap((service) => Object.entries(service.depends_on).filter(([, config]) => config.condition === 'service_healthy').map(([dependency]) => ({ service: service.name, dependency })));
  if (waiting.length === 0) {
    return;
  }
  const flavor = await client.version(signal).then((version) => version.flavor, () => undefined);
  const missing = flavor && missingCapability(flavor, 'healthEvents');
  if (missing !== undefined) {
    const [first] = waiting;
    throw new ComposeServiceError(first?.service, `Service "${first?.service}" waits for "${first?.dependency}" to be healthy, but ${missing} (${flavor?.label}); use condition: service_started, or run this project on an engine with health checks`);
  }
}

/** Every service's image id; services that share an image pull or build it once. */
async function serviceImages(client: EngineClient, project: ComposeProject, services: readonly ComposeService[], progress: Progress, options: ComposeUpRequest): Promise<Map<string, string>> {
  const byImage = new Map<string, Promise<string>>();
  const ids = new Map<string, string>();
  await settleAll(services.map(async (service) => {
    const key = service.build ? `build:${service.name}` : `image:${service.image ?? ''}`;
    let pending = byImage.get(key);
    if (!pending) {
      pending = ensureServiceImage(client, project, service, progress, {
        ...(options.signal && { signal: options.signal }),
        ...(options.credentials && { credentials: options.credentials }),
        ...(options.build && { forceBuild: true }),
      });
      byImage.set(key, pending);
    }
    ids.set(service.name, await pending);
  }));
  return ids;
}

async function waitForDependencies(client: EngineClient, project: ComposeProject, service: ComposeService, running: Map<string, RunningContainer[]>, progress: Progress, options: ComposeUpRequest): Promise<void> {
  await Promise.all(Object.entries(service.depends_on).map(async ([dependency, config]) => {
    const containers = running.get(dependency);
    if (!containers) {
      if (config.required && !project.services[dependency]) {
        throw new ComposeServiceError(service.name, `Service "${service.name}" depends on "${dependency}", which is not in the project`);
      }
      return; // not selected and already there, or optional and absent
    }
    try {
      await waitForDependency(client, service.name, dependency, config, containers, progress, {
        ...(options.signal && { signal: options.signal }),
        ...(options.waitTimeoutMs !== undefined && { timeoutMs: options.waitTimeoutMs }),
      });
    } catch (error) {
      if (config.required || !(error instanceof ComposeServiceError)) throw error;
      progress(`Service ${service.name}`, 'Warning', service.name, `optional dependency "${dependency}": ${error.message}`);
    }
  }));
}

/** Containers of services the project no longer has (enabled or hidden by a profile). */
async function handleOrphans(client: EngineClient, project: ComposeProject, existing: Awaited<ReturnType<typeof projectContainers>>, remove: boolean, progress: Progress, signal?: AbortSignal): Promise<void> {
  const orphans = existing.filter((c) => !project.services[c.service] && !project.disabledServices[c.service]);
  if (orphans.length === 0) return;
  if (!remove) {
    progress(`Project ${project.name}`, 'Warning', undefined, `Found orphan containers (${orphans.map((c) => c.name).join(', ')}) for this project. If you removed or renamed this service in your compose file, you can run this command with removeOrphans to clean it up.`);
    return;
  }
  await settleAll(orphans.map(async (c) => {
    await stopServiceContainer(client, c.service, c.id, c.name, progress, signal);
    await removeServiceContainer(client, c.service, c.id, c.name, progress, { volumes: false });
  }));
}
