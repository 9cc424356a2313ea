// Resolved compose models written by hand, for tests of the engine side that must not depend on
// the loader: a service with every required field at its empty default, and a project around
// services.
import type { ComposeNetwork, ComposeProject, ComposeService, ComposeVolume } from '../../src/core/compose/model/composeModel';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function service(name: string, fields: Partial<Writable<ComposeService>> = {}): ComposeService {
  return {
    name, environment: {}, labels: {}, ports: [], expose: [], volumes: [], tmpfs: [], networks: {}, depends_on: {}, replicas: 1,
    profiles: [], secrets: [], configs: [], extra_hosts: [], dns: [], cap_add: [], cap_drop: [], ulimits: {}, sysctls: {},
    devices: [], security_opt: [], group_add: [],
    ...fields,
  };
}

export function network(name: string, fields: Partial<Writable<ComposeNetwork>> = {}): ComposeNetwork {
  return { name, external: false, driver_opts: {}, labels: {}, ...fields };
}

export function volume(name: string, fields: Partial<Writable<ComposeVolume>> = {}): ComposeVolume {
  return { name, external: false, driver_opts: {}, labels: {}, ...fields };
}

export function project(name: string, services: readonly ComposeService[], fields: Partial<Writable<ComposeProject>> = {}): ComposeProject {
  const usesDefault = services.some((s) => s.network_mode === undefined && Object.keys(s.networks).length === 0);
  return {
    name,
    workingDir: `/work/${name}`,
    configFiles: [`/work/${name}/compose.yaml`],
    services: Object.fromEntries(services.map((s) => [s.name, s])),
    disabledServices: {},
    networks: usesDefault ? { default: network(`${name}_default`) } : {},
    volumes: {},
    secrets: {},
    configs: {},
    servicePositions: {},
    ...fields,
  };
}
