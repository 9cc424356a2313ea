import { readFile } from 'node:fs/promises';
import type { ComposeFileObject, ComposeProject } from '../../compose/model/composeModel';
import { convertService } from './serviceSpec';
import { scopedName } from './stackNames';
import {
  STACK_NAMESPACE_LABEL,
  StackConversionError,
  type StackExtras,
  type StackFileObject,
  type StackNetwork,
  type StackPlan,
} from './stackTypes';

/** Keys `docker stack deploy` ignores with "Ignoring unsupported options" (docker/cli's UnsupportedProperties). */
const UNSUPPORTED = ['build', 'cgroupns_mode', 'cgroup_parent', 'devices', 'domainname', 'external_links', 'ipc', 'links', 'mac_address', 'network_mode', 'pid', 'privileged', 'restart', 'security_opt', 'shm_size', 'userns_mode'];
/** Keys it ignores as deprecated. */
const DEPRECATED: Record<string, string> = {
  container_name: 'Setting the container name is not supported.',
  expose: "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.",
};
/** Keys it refuses (`extends` is left out: the compose model has already applied it). */
const FORBIDDEN: Record<string, string> = {
  volume_driver: 'Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.',
  volumes_from: 'To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.',
  cpu_quota: 'Set resource limits using deploy.resources',
  cpu_shares: 'Set resource limits using deploy.resources',
  cpuset: 'Set resource limits using deploy.resources',
  mem_limit: 'Set resource limits using deploy.resources',
  memswap_limit: 'Set resource limits using deploy.resources',
};
/** Keys a swarm service has no field for, which the CLI drops without a word; we say so. */
const DROPPED_SILENTLY = ['depends_on', 'tmpfs', 'dns_search', 'group_add', 'platform', 'pull_policy', 'profiles', 'scale', 'env_file', 'cpus'];

/**
 * A compose project as `docker stack deploy` converts it (docker/cli 28's convert package): one
 * ServiceSpec per enabled service, the networks its services use (default: `<ns>_default`,
 * overlay), every secret and config the file declares (read from their files), all labelled with
 * the namespace. `extras` (from loadStackSource) carries what the model keeps for containers only:
 * without it `deploy:` holds nothing beyond replicas and no keys are warned about.
 */
export async function convertStack(project: ComposeProject, namespace: string, extras?: StackExtras): Promise<StackPlan> {
  if (namespace.replace(/["'\s]/g, '') === '') {
    throw new StackConversionError(`invalid stack name: ${JSON.stringify(namespace)}`);
  }
  const serviceKeys = extras?.serviceKeys ?? {};
  const forbidden = Object.values(serviceKeys).flatMap((keys) => keys.filter((key) => FORBIDDEN[key] !== undefined));
  if (forbidden.length > 0) {
    throw new StackConversionError(`compose file contains unsupported options:\n\n${[...new Set(forbidden)].sort().map((key) => `${key}: ${FORBIDDEN[key] as string}`).join('\n')}\n`);
  }
  // The loader's own warnings (unset variables, keys the model does not carry) come first.
  const warnings = [...(project.warnings ?? []).filter((warning) => !saidByTheCliLists(warning)), ...keyWarnings(Object.values(serviceKeys))];
  const services = Object.values(project.services).map((service) => {
    const deploy = extras?.deploy[service.name] ?? (service.replicas === 1 ? {} : { replicas: service.replicas });
    return convertService(project, namespace, service, deploy);
  });
  const { networks, externalNetworks } = stackNetworks(project, namespace);
  return {
    namespace,
    services,
    networks,
    externalNetworks,
    secrets: await fileObjects(project, namespace, project.secrets, 'secret'),
    configs: await fileObjects(project, namespace, project.configs, 'config'),
    warnings,
  };
}

/** A loader warning about keys (`service s: Docker Hosts does not apply links yet`) that the CLI's lists below already name. */
function saidByTheCliLists(warning: string): boolean {
  const keys = /^service \S+: Docker Hosts does not apply (.+) yet$/.exec(warning)?.[1]?.split(', ');
  return keys !== undefined && keys.every((key) => UNSUPPORTED.includes(key) || DEPRECATED[key] !== undefined || DROPPED_SILENTLY.includes(key));
}

function keyWarnings(serviceKeys: readonly (readonly string[])[]): string[] {
  const used = new Set(serviceKeys.flat());
  const warnings: string[] = [];
  const unsupported = UNSUPPORTED.filter((key) => used.has(key));
  if (unsupported.length > 0) {
    warnings.push(`Ignoring unsupported options: ${unsupported.join(', ')}`);
  }
  const deprecated = Object.keys(DEPRECATED).filter((key) => used.has(key)).sort();
  if (deprecated.length > 0) {
    warnings.push(`Ignoring deprecated options:\n\n${deprecated.map((key) => `${key}: ${DEPRECATED[key] as string}`).join('\n')}`);
  }
  const dropped = DROPPED_SILENTLY.filter((key) => used.has(key));
  if (dropped.length > 0) {
    warnings.push(`Not applied to swarm services (the docker CLI ignores them too): ${dropped.join(', ')}`);
  }
  return warnings;
}

/** The networks the services use (a service with none uses `default`); external ones only to be checked. */
function stackNetworks(project: ComposeProject, namespace: string): { networks: StackNetwork[]; externalNetworks: string[] } {
  const used = new Set<string>();
  for (const service of Object.values(project.services)) {
    const keys = Object.keys(service.networks);
    (keys.length === 0 ? ['default'] : keys).forEach((key) => used.add(key));
  }
  const networks: StackNetwork[] = [];
  const externalNetworks: string[] = [];
  for (const key of [...used].sort()) {
    const declared = project.networks[key];
    const name = scopedName(project, namespace, key, declared);
    if (declared?.external === true) {
      externalNetworks.push(name);
      continue;
    }
    const ipam = declared?.ipam;
    networks.push({
      name,
      spec: {
        Driver: declared?.driver ?? 'overlay',
        Labels: { ...declared?.labels, [STACK_NAMESPACE_LABEL]: namespace },
        ...(declared === undefined || Object.keys(declared.driver_opts).length === 0 ? {} : { Options: declared.driver_opts }),
        ...(declared?.internal === true ? { Internal: true } : {}),
        ...(declared?.attachable === true ? { Attachable: true } : {}),
        ...(ipam === undefined
          ? {}
          : {
              IPAM: {
                ...(ipam.driver === undefined ? {} : { Driver: ipam.driver }),
                ...(ipam.config.length === 0 ? {} : { Config: ipam.config.map((entry) => ({ Subnet: String(entry['subnet'] ?? '') })) }),
              },
            }),
      },
    });
  }
  return { networks, externalNetworks };
}

async function fileObjects(project: ComposeProject, namespace: string, objects: Readonly<Record<string, ComposeFileObject>>, kind: 'secret' | 'config'): Promise<StackFileObject[]> {
  const result: StackFileObject[] = [];
  for (const [key, object] of Object.entries(objects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (object.external) {
      continue;
    }
    let data: Buffer;
    if (object.file !== undefined) {
      try {
        data = await readFile(object.file);
      } catch (failure) {
        throw new StackConversionError(`${kind} ${key}: cannot read ${object.file}: ${(failure as Error).message}`);
      }
    } else if (object.content !== undefined) {
      data = Buffer.from(object.content, 'utf8');
    } else {
      throw new StackConversionError(`${kind} ${key}: a stack takes ${kind}s from a file${kind === 'config' ? ' or inline content' : ''} (or external ones)`);
    }
    result.push({ name: scopedName(project, namespace, key, object), labels: { [STACK_NAMESPACE_LABEL]: namespace }, data: data.toString('base64') });
  }
  return result;
}
