import type { ComposeNetwork, ComposeProject, ComposeService, ComposeVolume } from '../model/composeModel';
import type { EngineClient } from '../../engine/engineClient';
import { createVolume } from '../../engine/operations/volumeOperations';
import { engineMessageOf } from '../../util/errors';
import { COMPOSE_LABELS, COMPOSE_VERSION } from './composeLabels';
import { serviceNetworkKeys } from './containerSpec';
import { ComposeServiceError } from './composeTypes';
import type { Progress } from './progress';

/** The project networks and volumes the services use (v2 drops the unused ones before up). */
export function usedResources(project: ComposeProject, services: readonly ComposeService[]): { networks: string[]; volumes: string[] } {
  const networks = new Set<string>();
  const volumes = new Set<string>();
  for (const service of services) {
    for (const key of serviceNetworkKeys(service)) networks.add(key);
    for (const volume of service.volumes) {
      if (volume.type === 'volume' && volume.source && project.volumes[volume.source]) volumes.add(volume.source);
    }
  }
  return { networks: [...networks].sort(), volumes: [...volumes].sort() };
}

/** Creates the project's networks and volumes that do not exist yet; external ones must exist. */
export async function ensureProjectResources(client: EngineClient, project: ComposeProject, services: readonly ComposeService[], progress: Progress, signal?: AbortSignal): Promise<void> {
  const used = usedResources(project, services);
  await Promise.all([
    ...used.networks.map((key) => ensureNetwork(client, project, key, progress, signal)),
    ...used.volumes.map((key) => ensureVolume(client, project, key, progress, signal)),
  ]);
}

/** The parts of a network's or volume's inspect data that are compared with the file. */
interface Existing {
  readonly Labels?: Record<string, string> | null;
  readonly Driver?: string;
  readonly Internal?: boolean;
}

async function existing(client: EngineClient, kind: 'network' | 'volume', name: string, signal?: AbortSignal): Promise<Existing | undefined> {
  try {
    return (await client.inspect(kind, name, signal)) as Existing;
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 404) return undefined;
    throw error;
  }
}

/**
 * Creates a project network or volume unless it exists. An external one must exist; one that
 * exists without this project's label is used with a warning, as v2 does, unless its driver (or
 * a network's internal flag) differs from the file's: then it is an error.
 */
async function ensureResource(
  client: EngineClient,
  project: ComposeProject,
  kind: 'network' | 'volume',
  object: { readonly name: string; readonly external: boolean; readonly driver?: string; readonly internal?: boolean },
  progress: Progress,
  create: () => Promise<unknown>,
  signal?: AbortSignal,
): Promise<void> {
  const what = kind === 'network' ? 'Network' : 'Volume';
  const resource = `${what} ${object.name}`;
  const found = await existing(client, kind, object.name, signal);
  if (object.external) {
    if (!found) throw new ComposeServiceError(undefined, `${what} "${object.name}" is declared as external, but could not be found: create it first`);
    return;
  }
  if (found) {
    const driver = object.driver ?? (kind === 'network' ? 'bridge' : 'local');
    const differs = found.Driver !== undefined && found.Driver !== driver ? `driver ${found.Driver}, but the file says ${driver}`
      : kind === 'network' && (found.Internal ?? false) !== (object.internal ?? false) ? `internal ${String(found.Internal ?? false)}, but the file says ${String(object.internal ?? false)}` : undefined;
    if (differs) {
      throw new ComposeServiceError(undefined, `${what} "${object.name}" exists with ${differs}: remove it (down) or declare it external`);
    }
    if ((found.Labels ?? {})[COMPOSE_LABELS.project] !== project.name) {
      progress(resource, 'Warning', undefined, `${kind} "${object.name}" exists but was not created for project "${project.name}"; set \`external: true\` to use an existing ${kind}`);
    }
    return;
  }
  progress(resource, 'Creating');
  try {
    await create();
  } catch (error) {
    progress(resource, 'Error', undefined, engineMessageOf(error));
    throw new ComposeServiceError(undefined, `${what} "${object.name}" could not be created: ${engineMessageOf(error)}`, { cause: error });
  }
  progress(resource, 'Created');
}

function ensureNetwork(client: EngineClient, project: ComposeProject, key: string, progress: Progress, signal?: AbortSignal): Promise<void> {
  const network: ComposeNetwork = project.networks[key] ?? { name: `${project.name}_${key}`, external: false, driver_opts: {}, labels: {} };
  const ipamConfig = (network.ipam?.config ?? []).map((pool) => ({
    ...(typeof pool.subnet === 'string' && { Subnet: pool.subnet }),
    ...(typeof pool.gateway === 'string' && { Gateway: pool.gateway }),
    ...(typeof pool.ip_range === 'string' && { IPRange: pool.ip_range }),
    ...(pool.aux_addresses !== undefined && { AuxiliaryAddresses: pool.aux_addresses }),
  }));
  return ensureResource(client, project, 'network', network, progress, () => client.call((d, abortSignal) => d.createNetwork({
    Name: network.name,
    Driver: network.driver ?? 'bridge',
    Options: { ...network.driver_opts },
    ...(network.internal !== undefined && { Internal: network.internal }),
    ...(network.attachable !== undefined && { Attachable: network.attachable }),
    ...(network.enable_ipv6 !== undefined && { EnableIPv6: network.enable_ipv6 }),
    ...(network.ipam && { IPAM: { Driver: network.ipam.driver ?? 'default', Config: ipamConfig } }),
    CheckDuplicate: true,
    Labels: { ...network.labels, [COMPOSE_LABELS.network]: key, [COMPOSE_LABELS.project]: project.name, [COMPOSE_LABELS.version]: COMPOSE_VERSION },
    abortSignal,
  } as never), { ...(signal && { signal }) }), signal);
}

function ensureVolume(client: EngineClient, project: ComposeProject, key: string, progress: Progress, signal?: AbortSignal): Promise<void> {
  const volume = project.volumes[key] as ComposeVolume;
  return ensureResource(client, project, 'volume', volume, progress, () => createVolume(client, {
    name: volume.name,
    ...(volume.driver !== undefined && { driver: volume.driver }),
    driverOptions: volume.driver_opts,
    labels: { ...volume.labels, [COMPOSE_LABELS.volume]: key, [COMPOSE_LABELS.project]: project.name, [COMPOSE_LABELS.version]: COMPOSE_VERSION },
  }), signal);
}
