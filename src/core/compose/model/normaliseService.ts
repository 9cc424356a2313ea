import type {
  ComposeBuild,
  ComposeDependency,
  ComposeHealthcheck,
  ComposePort,
  ComposeService,
  ComposeServiceFileRef,
  ComposeServiceNetwork,
  ComposeServiceVolume,
} from './composeModel';
import { keyValueMap } from './canonicalForms';
import { atField } from './fieldError';
import { parsePortEntry } from './ports';
import { parseServiceVolume, resolveHostPath, toBoolean, type PathBase } from './serviceVolumes';
import { splitShellWords } from '../../util/shellWords';
import { parseBytes, parseDuration } from './units';

type Raw = Record<string, unknown>;

/**
 * One merged service (canonical forms, environment already resolved) in the contract's long
 * syntax. Throws FieldError naming the key (relative to the service) on a value it cannot take.
 */
export function normaliseService(
  name: string,
  raw: Raw,
  environment: Record<string, string | null>,
  base: PathBase,
  lookup: (name: string) => string | undefined,
): ComposeService {
  const deploy = (raw['deploy'] ?? {}) as Raw;
  const limits = ((deploy['resources'] as Raw | undefined)?.['limits'] ?? {}) as Raw;
  const networkMode = optionalString(raw['network_mode']);
  const service: ComposeService = {
    name,
    ...optional('image', optionalString(raw['image'])),
    ...optional('build', raw['build'] === undefined ? undefined : atField(['build'], () => build(raw['build'] as Raw, base, lookup))),
    ...optional('pull_policy', (raw['pull_policy'] === 'if_not_present' ? 'missing' : optionalString(raw['pull_policy'])) as ComposeService['pull_policy']),
    ...optional('command', atField(['command'], () => commandWords(raw['command']))),
    ...optional('entrypoint', atField(['entrypoint'], () => commandWords(raw['entrypoint']))),
    environment: sortedByKey(environment),
    labels: stringMap(raw['labels']),
    ports: atField(['ports'], () => ports(raw['ports'])),
    expose: unique(list(raw['expose']).map(String)),
    volumes: atField(['volumes'], () => volumes(raw['volumes'], base)),
    tmpfs: unique(list(raw['tmpfs']).map(String)),
    networks: networkMode === undefined ? atField(['networks'], () => networks(raw['networks'])) : {},
    ...optional('network_mode', networkMode),
    depends_on: { ...implicitDependencies(raw), ...atField(['depends_on'], () => dependencies(raw['depends_on'])) },
    ...optional('healthcheck', raw['healthcheck'] === undefined ? undefined : atField(['healthcheck'], () => healthcheck(raw['healthcheck'] as Raw))),
    replicas: atField(deploy['replicas'] !== undefined ? ['deploy', 'replicas'] : ['scale'], () => count(deploy['replicas'] ?? raw['scale'] ?? 1)),
    ...optional('restart', optionalString(raw['restart'])),
    ...optional('container_name', optionalString(raw['container_name'])),
    ...optional('hostname', optionalString(raw['hostname'])),
    ...optional('domainname', optionalString(raw['domainname'])),
    ...optional('user', optionalString(raw['user'])),
    ...optional('working_dir', optionalString(raw['working_dir'])),
    profiles: unique(list(raw['profiles']).map(String)),
    secrets: atField(['secrets'], () => fileRefs(raw['secrets'])),
    configs: atField(['configs'], () => fileRefs(raw['configs'])),
    extra_hosts: unique(list(raw['extra_hosts']).map(String)),
    dns: unique(list(raw['dns']).map(String)),
    cap_add: unique(list(raw['cap_add']).map(String)),
    cap_drop: unique(list(raw['cap_drop']).map(String)),
    ...optional('privileged', optionalBoolean(raw['privileged'])),
    ...optional('read_only', optionalBoolean(raw['read_only'])),
    ...optional('init', optionalBoolean(raw['init'])),
    ...optional('tty', optionalBoolean(raw['tty'])),
    ...optional('stdin_open', optionalBoolean(raw['stdin_open'])),
    ...optional('stop_signal', optionalString(raw['stop_signal'])),
    ...optional('stop_grace_period', atField(['stop_grace_period'], () => duration(raw['stop_grace_period']))),
    ...optional('platform', optionalString(raw['platform'])),
    ulimits: atField(['ulimits'], () => ulimits(raw['ulimits'])),
    sysctls: stringMap(raw['sysctls']),
    ...optional('logging', raw['logging'] === undefined ? undefined : logging(raw['logging'] as Raw)),
    ...optional('mem_limit', atField(raw['mem_limit'] !== undefined ? ['mem_limit'] : ['deploy', 'resources', 'limits', 'memory'], () => bytes(raw['mem_limit'] ?? limits['memory']))),
    ...optional('cpus', atField(raw['cpus'] !== undefined ? ['cpus'] : ['deploy', 'resources', 'limits', 'cpus'], () => number(raw['cpus'] ?? limits['cpus']))),
    ...optional('shm_size', atField(['shm_size'], () => bytes(raw['shm_size']))),
    ...optional('pid', optionalString(raw['pid'])),
    ...optional('ipc', optionalString(raw['ipc'])),
    devices: unique(list(raw['devices']).map(device)),
    security_opt: unique(list(raw['security_opt']).map(String)),
    group_add: unique(list(raw['group_add']).map(String)),
  };
  return service;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function optionalBoolean(value: unknown): boolean | undefined {
  return value === undefined || value === null ? undefined : toBoolean(value);
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Later entries with the same identity replace earlier ones, at the earlier one's place. */
function uniqueBy<T>(items: readonly T[], identity: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    byKey.set(identity(item), item);
  }
  return [...byKey.values()];
}

/** A mapping, or a `KEY=value` list, with string values. */
export function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (Array.isArray(value)) {
    return stringMap(keyValueMap(value, ''));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) {
      result[key] = item === null || item === undefined ? '' : String(item);
    }
  }
  return sortedByKey(result);
}

/** The same mapping with its keys in order, so that the JSON of a service does not depend on which file said what first. */
export function sortedByKey<T>(mapping: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(mapping).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function commandWords(value: unknown): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  return Array.isArray(value) ? value.map(String) : splitShellWords(String(value));
}

function number(value: unknown): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const result = Number(value);
  if (!Number.isFinite(result)) {
    throw new Error(`${JSON.stringify(value)} is not a number`);
  }
  return result;
}

function count(value: unknown): number {
  const result = number(value) ?? 1;
  if (!Number.isInteger(result) || result < 0) {
    throw new Error(`${JSON.stringify(value)} is not a number of containers`);
  }
  return result;
}

function duration(value: unknown): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const result = parseDuration(String(value));
  if (result === undefined) {
    throw new Error(`${JSON.stringify(value)} is not a duration (such as 10s, 1m30s or 500ms)`);
  }
  return result;
}

function bytes(value: unknown): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const result = parseBytes(value as string | number);
  if (result === undefined) {
    throw new Error(`${JSON.stringify(value)} is not a size (such as 512m, 1g or 1024)`);
  }
  return result;
}

/**
 * What compose-go adds to depends_on when a service names another without it: `links`,
 * `network_mode`/`ipc`/`pid: service:x` (restarted with it) and `volumes_from` (not restarted).
 */
function implicitDependencies(raw: Raw): Record<string, ComposeDependency> {
  const result: Record<string, ComposeDependency> = {};
  const add = (service: string, restart: boolean): void => {
    result[service] ??= { condition: 'service_started', restart, required: true };
  };
  for (const link of list(raw['links'])) {
    add(String(link).split(':')[0] as string, true);
  }
  for (const key of ['network_mode', 'ipc', 'pid']) {
    const value = raw[key];
    if (typeof value === 'string' && value.startsWith('service:')) {
      add(value.slice('service:'.length), true);
    }
  }
  for (const source of list(raw['volumes_from'])) {
    const text = String(source);
    if (!text.startsWith('container:')) {
      add(text.split(':')[0] as string, false);
    }
  }
  return result;
}

/** An arg written without a value takes the project's environment, and is left out when that lacks it too. */
function build(raw: Raw, base: PathBase, lookup: (name: string) => string | undefined): ComposeBuild {
  const context = String(raw['context'] ?? '.');
  const remote = /^(https?:\/\/|git@|github\.com\/|git:\/\/)/.test(context);
  return {
    context: remote ? context : resolveHostPath(context, base),
    dockerfile: String(raw['dockerfile'] ?? 'Dockerfile'),
    args: Object.fromEntries(
      Object.entries((raw['args'] ?? {}) as Raw).flatMap(([key, value]) => {
        const resolved = value === null || value === undefined ? lookup(key) : String(value);
        return resolved === undefined ? [] : [[key, resolved]];
      }),
    ),
    ...optional('target', optionalString(raw['target'])),
    labels: stringMap(raw['labels']),
    cache_from: list(raw['cache_from']).map(String),
    ...optional('network', optionalString(raw['network'])),
    tags: list(raw['tags']).map(String),
  };
}

function ports(value: unknown): ComposePort[] {
  const all = list(value).flatMap((entry, index) => atField([index], () => parsePortEntry(entry)));
  return uniqueBy(all, (port) => JSON.stringify(port));
}

function volumes(value: unknown, base: PathBase): ComposeServiceVolume[] {
  const all = list(value).map((entry, index) => atField([index], () => parseServiceVolume(entry, base)));
  return uniqueBy(all, (volume) => volume.target);
}

function networks(value: unknown): Record<string, ComposeServiceNetwork> {
  if (value === undefined || value === null) {
    return { default: {} };
  }
  const result: Record<string, ComposeServiceNetwork> = {};
  for (const [key, item] of Object.entries(value as Raw)) {
    const long = (item ?? {}) as Raw;
    result[key] = {
      ...optional('aliases', long['aliases'] === undefined ? undefined : unique(list(long['aliases']).map(String))),
      ...optional('ipv4_address', optionalString(long['ipv4_address'])),
      ...optional('ipv6_address', optionalString(long['ipv6_address'])),
      ...optional('priority', atField([key, 'priority'], () => number(long['priority']))),
    };
  }
  return result;
}

function dependencies(value: unknown): Record<string, ComposeDependency> {
  const result: Record<string, ComposeDependency> = {};
  for (const [key, item] of Object.entries((value ?? {}) as Raw)) {
    const long = (item ?? {}) as Raw;
    result[key] = {
      condition: (optionalString(long['condition']) ?? 'service_started') as ComposeDependency['condition'],
      restart: long['restart'] === undefined ? false : toBoolean(long['restart']),
      required: long['required'] === undefined ? true : toBoolean(long['required']),
    };
  }
  return result;
}

function healthcheck(raw: Raw): ComposeHealthcheck {
  const disable = raw['disable'] === undefined ? undefined : toBoolean(raw['disable']);
  const test = raw['test'];
  return {
    ...optional('test', disable === true ? ['NONE'] : test === undefined || test === null ? undefined : Array.isArray(test) ? test.map(String) : ['CMD-SHELL', String(test)]),
    ...optional('interval', atField(['interval'], () => duration(raw['interval']))),
    ...optional('timeout', atField(['timeout'], () => duration(raw['timeout']))),
    ...optional('start_period', atField(['start_period'], () => duration(raw['start_period']))),
    ...optional('start_interval', atField(['start_interval'], () => duration(raw['start_interval']))),
    ...optional('retries', atField(['retries'], () => number(raw['retries']))),
    ...optional('disable', disable),
  };
}

function fileRefs(value: unknown): ComposeServiceFileRef[] {
  const all = list(value).map((entry, index): ComposeServiceFileRef => {
    if (typeof entry !== 'object' || entry === null) {
      return { source: String(entry) };
    }
    const long = entry as Raw;
    const mode = long['mode'];
    return {
      source: String(long['source']),
      ...optional('target', optionalString(long['target'])),
      ...optional('uid', optionalString(long['uid'])),
      ...optional('gid', optionalString(long['gid'])),
      ...optional('mode', atField([index, 'mode'], () => (mode === undefined || mode === null ? undefined : typeof mode === 'number' ? mode : octal(String(mode))))),
    };
  });
  return uniqueBy(all, (ref) => ref.target ?? ref.source);
}

function octal(text: string): number {
  if (!/^0?o?[0-7]+$/i.test(text)) {
    throw new Error(`${text} is not a file mode (such as 0440)`);
  }
  return parseInt(text.replace(/^0?o/i, ''), 8);
}

function ulimits(value: unknown): Record<string, { soft: number; hard: number }> {
  const result: Record<string, { soft: number; hard: number }> = {};
  for (const [key, item] of Object.entries((value ?? {}) as Raw)) {
    if (typeof item === 'object' && item !== null) {
      const long = item as Raw;
      result[key] = { soft: atField([key, 'soft'], () => number(long['soft']) ?? 0), hard: atField([key, 'hard'], () => number(long['hard']) ?? 0) };
    } else {
      const limit = atField([key], () => number(item) ?? 0);
      result[key] = { soft: limit, hard: limit };
    }
  }
  return result;
}

function logging(raw: Raw): ComposeService['logging'] {
  return { ...optional('driver', optionalString(raw['driver'])), options: stringMap(raw['options']) };
}

/** The long syntax of `devices` written as the short one the engine takes. */
function device(entry: unknown): string {
  if (typeof entry !== 'object' || entry === null) {
    return String(entry);
  }
  const long = entry as Raw;
  return [long['source'], long['target'] ?? long['source'], long['permissions'] ?? 'rwm'].map(String).join(':');
}

