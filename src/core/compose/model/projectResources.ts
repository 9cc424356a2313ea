import type { ComposeFileObject, ComposeNetwork, ComposeVolume } from './composeModel';
import { atField } from './fieldError';
import { stringMap } from './normaliseService';
import { resolveHostPath, toBoolean, type PathBase } from './serviceVolumes';

type Raw = Record<string, unknown>;

/** `external: true`, or the old `external: {name: x}`, which also names the object. */
function externalOf(raw: Raw): { external: boolean; name?: string } {
  const external = raw['external'];
  if (typeof external === 'object' && external !== null) {
    const name = (external as Raw)['name'];
    return { external: true, ...(name === undefined ? {} : { name: String(name) }) };
  }
  return { external: external === undefined ? false : toBoolean(external) };
}

/** The engine's name: `name:`, else the key for an external object, else `<project>_<key>`. */
function engineName(project: string, key: string, raw: Raw): { name: string; external: boolean } {
  const external = externalOf(raw);
  const name = raw['name'] === undefined || raw['name'] === null ? (external.name ?? (external.external ? key : `${project}_${key}`)) : String(raw['name']);
  return { name, external: external.external };
}

export function normaliseNetwork(project: string, key: string, raw: Raw): ComposeNetwork {
  const ipam = raw['ipam'] as Raw | undefined;
  return {
    ...engineName(project, key, raw),
    ...(raw['driver'] === undefined ? {} : { driver: String(raw['driver']) }),
    driver_opts: stringMap(raw['driver_opts']),
    ...(raw['attachable'] === undefined ? {} : { attachable: toBoolean(raw['attachable']) }),
    ...(raw['internal'] === undefined ? {} : { internal: toBoolean(raw['internal']) }),
    ...(raw['enable_ipv6'] === undefined ? {} : { enable_ipv6: toBoolean(raw['enable_ipv6']) }),
    labels: stringMap(raw['labels']),
    ...(ipam === undefined
      ? {}
      : { ipam: { ...(ipam['driver'] === undefined ? {} : { driver: String(ipam['driver']) }), config: Array.isArray(ipam['config']) ? (ipam['config'] as Raw[]) : [] } }),
  };
}

export function normaliseVolume(project: string, key: string, raw: Raw): ComposeVolume {
  return {
    ...engineName(project, key, raw),
    ...(raw['driver'] === undefined ? {} : { driver: String(raw['driver']) }),
    driver_opts: stringMap(raw['driver_opts']),
    labels: stringMap(raw['labels']),
  };
}

export function normaliseFileObject(project: string, key: string, raw: Raw, base: PathBase): ComposeFileObject {
  return {
    ...engineName(project, key, raw),
    ...(raw['file'] === undefined ? {} : { file: atField(['file'], () => resolveHostPath(String(raw['file']), base)) }),
    ...(raw['environment'] === undefined ? {} : { environment: String(raw['environment']) }),
    ...(raw['content'] === undefined ? {} : { content: String(raw['content']) }),
  };
}
