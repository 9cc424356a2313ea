import type { ComposeProject } from '../model/composeModel';
import type { EngineClient } from '../../engine/engineClient';
import { ComposeBuildOptions, ComposePullOptions } from './composeTypes';
import { selectServices } from './dependencyOrder';
import { progressTo } from './progress';
import { buildServiceImage, CredentialsFor, pullServiceImage } from './serviceImages';
import { settleAll } from './serviceConvergence';

/**
 * `docker compose pull`: the image of every (selected) service that names one, each image once,
 * in parallel. Services that only build are skipped, as v2 skips them.
 */
export async function composePull(client: EngineClient, project: ComposeProject, options: ComposePullOptions & { credentials?: CredentialsFor } = {}): Promise<void> {
  const progress = progressTo(options.onProgress);
  const pulls = new Map<string, string>();
  for (const service of selectServices(project, options.services, false)) {
    if (service.image === undefined || service.pull_policy === 'build' || service.pull_policy === 'never') {
      progress(`Service ${service.name}`, 'Skipped', service.name, service.image === undefined ? 'No image to be pulled' : `pull_policy is ${String(service.pull_policy)}`);
    } else if (!pulls.has(service.image)) {
      pulls.set(service.image, service.name);
    }
  }
  await settleAll([...pulls].map(async ([image, serviceName]) => {
    const service = project.services[serviceName];
    if (!service) return;
    try {
      await pullServiceImage(client, service, image, progress, { ...(options.signal && { signal: options.signal }), ...(options.credentials && { credentials: options.credentials }) });
    } catch (error) {
      if (!options.ignoreFailures) throw error;
    }
  }));
}

/** `docker compose build`: every (selected) service with a build section, tagged as v2 tags it. */
export async function composeBuild(client: EngineClient, project: ComposeProject, options: ComposeBuildOptions = {}): Promise<void> {
  const progress = progressTo(options.onProgress);
  const services = selectServices(project, options.services, false).filter((service) => service.build !== undefined);
  await settleAll(services.map((service) => buildServiceImage(client, project, service, progress, {
    forceBuild: true,
    ...(options.signal && { signal: options.signal }),
    ...(options.noCache && { noCache: true }),
    ...(options.pull && { pullBase: true }),
    ...(options.onOutput && { onBuildOutput: options.onOutput }),
  })));
}
