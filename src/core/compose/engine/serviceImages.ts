import * as path from 'node:path';
import type { ComposeProject, ComposeService } from '../model/composeModel';
import type { EngineClient } from '../../engine/engineClient';
import { pullImage } from '../../engine/operations/imageOperations';
import { registryOf, RegistryCredentials } from '../../engine/registryAuth';
import { buildImage } from '../../build/buildImage';
import { engineMessageOf } from '../../util/errors';
import { serviceImageName } from './containerSpec';
import { ComposeServiceError } from './composeTypes';
import type { Progress } from './progress';

/** Credentials for a registry host, when the caller has some (config.json, secret storage). */
export type CredentialsFor = (registry: string) => Promise<RegistryCredentials | undefined>;

export interface ImageOptions {
  readonly signal?: AbortSignal;
  readonly credentials?: CredentialsFor;
  /** Build even when the image exists (`up --build`, `build`). */
  readonly forceBuild?: boolean;
  readonly noCache?: boolean;
  readonly pullBase?: boolean;
  readonly onBuildOutput?: (service: string, text: string) => void;
}

/** The image's id, or undefined when the engine does not have it. */
export async function imageIdOf(client: EngineClient, reference: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    return ((await client.inspect('image', reference, signal)) as { Id?: string }).Id;
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 404) return undefined;
    throw error;
  }
}

/** docker pull of a service's image, with its progress as "Image <ref>" events; failures name the service. */
export async function pullServiceImage(client: EngineClient, service: ComposeService, reference: string, progress: Progress, options: ImageOptions): Promise<void> {
  const resource = `Image ${reference}`;
  progress(resource, 'Pulling', service.name);
  try {
    const credentials = await options.credentials?.(registryOf(reference));
    await pullImage(client, reference, credentials, (layers) => progress(resource, 'Pulling', service.name, `${Math.round(layers.fraction * 100)}%`), options.signal);
  } catch (error) {
    progress(resource, 'Error', service.name, engineMessageOf(error));
    throw new ComposeServiceError(service.name, `Service "${service.name}": pulling image ${reference} failed: ${engineMessageOf(error)}`, { cause: error });
  }
  progress(resource, 'Pulled', service.name);
}

/** Builds a service's image with the project's builder (BuildKit where the engine has it), tagged as v2 tags it. */
export async function buildServiceImage(client: EngineClient, project: ComposeProject, service: ComposeService, progress: Progress, options: ImageOptions): Promise<string> {
  const build = service.build;
  if (!build) throw new ComposeServiceError(service.name, `Service "${service.name}" has no build section`);
  const name = serviceImageName(project.name, service);
  const resource = `Image ${name}`;
  progress(resource, 'Building', service.name);
  try {
    const result = await buildImage(client, {
      contextDir: build.context,
      dockerfile: path.resolve(build.context, build.dockerfile),
      tags: [name, ...build.tags],
      buildArgs: build.args,
      labels: build.labels,
      ...(build.target !== undefined && { target: build.target }),
      ...(build.network !== undefined && { network: build.network }),
      ...(build.cache_from.length > 0 && { cacheFrom: build.cache_from }),
      ...(service.platform !== undefined && { platform: service.platform }),
      ...(options.noCache && { noCache: true }),
      ...(options.pullBase && { pull: true }),
    }, { output: (text) => options.onBuildOutput?.(service.name, text) }, options.signal);
    progress(resource, 'Built', service.name);
    return result.imageId ?? (await imageIdOf(client, name, options.signal)) ?? '';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(resource, 'Error', service.name, message);
    throw new ComposeServiceError(service.name, `Service "${service.name}": building image ${name} failed: ${message}`, { cause: error });
  }
}

/**
 * The image a service runs, made present as its pull_policy says (v2's rules): 'always' pulls,
 * 'never' must find it, 'build' builds; otherwise it is used when present, else built when the
 * service has a build section, else pulled. Returns its id.
 */
export async function ensureServiceImage(client: EngineClient, project: ComposeProject, service: ComposeService, progress: Progress, options: ImageOptions): Promise<string> {
  const name = serviceImageName(project.name, service);
  const policy = service.pull_policy ?? 'missing';
  if (service.build && (options.forceBuild || policy === 'build')) {
    return buildServiceImage(client, project, service, progress, options);
  }
  if (policy === 'always') {
    await pullServiceImage(client, service, name, progress, options);
  }
  const present = await imageIdOf(client, name, options.signal);
  if (present) return present;
  if (policy === 'never') {
    throw new ComposeServiceError(service.name, `Service "${service.name}": image ${name} is not on the machine and pull_policy is never`);
  }
  if (service.build) return buildServiceImage(client, project, service, progress, options);
  await pullServiceImage(client, service, name, progress, options);
  const pulled = await imageIdOf(client, name, options.signal);
  if (!pulled) throw new ComposeServiceError(service.name, `Service "${service.name}": image ${name} is still missing after the pull`);
  return pulled;
}
