import { parseBytes, parseDuration } from '../../compose/model/units';
import { StackConversionError, type EngineJson } from './stackTypes';

type Raw = Record<string, unknown>;

/** The parts of a ServiceSpec that a service's `deploy:` section decides, as the CLI converts them. */
export interface DeployParts {
  readonly mode: EngineJson;
  readonly labels: Record<string, string>;
  readonly resources: EngineJson;
  readonly restartPolicy?: EngineJson;
  readonly updateConfig?: EngineJson;
  readonly rollbackConfig?: EngineJson;
  readonly placement: EngineJson;
  /** Lower-cased, as the CLI sends it; absent: the engine's default (vip). */
  readonly endpointMode?: string;
}

export function convertDeploy(service: string, deploy: Raw, legacyRestart: string | undefined): DeployParts {
  const fail = (message: string): never => {
    throw new StackConversionError(`service ${service}: ${message}`);
  };
  const endpointMode = optionalString(deploy['endpoint_mode'])?.toLowerCase();
  return {
    mode: mode(String(deploy['mode'] ?? ''), deploy['replicas'] === undefined || deploy['replicas'] === null ? undefined : integer(deploy['replicas'], 'deploy.replicas', fail), fail),
    labels: stringMap(deploy['labels']),
    resources: resources(object(deploy['resources']), fail),
    ...optional('restartPolicy', restartPolicy(deploy['restart_policy'] as Raw | undefined, legacyRestart, fail)),
    ...optional('updateConfig', updateConfig(deploy['update_config'] as Raw | undefined, 'update_config', fail)),
    ...optional('rollbackConfig', updateConfig(deploy['rollback_config'] as Raw | undefined, 'rollback_config', fail)),
    placement: placement(object(deploy['placement']), fail),
    ...optional('endpointMode', endpointMode === '' ? undefined : endpointMode),
  };
}

function mode(name: string, replicas: number | undefined, fail: (message: string) => never): EngineJson {
  switch (name) {
    case 'global':
    case 'global-job':
      if (replicas !== undefined) fail('replicas can only be used with replicated or replicated-job mode');
      return name === 'global' ? { Global: {} } : { GlobalJob: {} };
    case 'replicated-job':
      return { ReplicatedJob: replicas === undefined ? {} : { MaxConcurrent: replicas, TotalCompletions: replicas } };
    case 'replicated':
    case '':
      return { Replicated: replicas === undefined ? {} : { Replicas: replicas } };
    default:
      return fail(`unknown mode: ${name}`);
  }
}

function resources(raw: Raw, fail: (message: string) => never): EngineJson {
  const limits = raw['limits'] as Raw | undefined | null;
  const reservations = raw['reservations'] as Raw | undefined | null;
  const result: EngineJson = {};
  if (limits) {
    result['Limits'] = nonZero({
      NanoCPUs: nanoCpus(limits['cpus'], fail),
      MemoryBytes: bytes(limits['memory'], 'memory', fail),
      Pids: limits['pids'] === undefined ? 0 : integer(limits['pids'], 'pids', fail),
    });
  }
  if (reservations) {
    const generic = Array.isArray(reservations['generic_resources']) ? (reservations['generic_resources'] as Raw[]) : [];
    result['Reservations'] = nonZero({
      NanoCPUs: nanoCpus(reservations['cpus'], fail),
      MemoryBytes: bytes(reservations['memory'], 'memory', fail),
      ...(generic.length === 0
        ? {}
        : {
            GenericResources: generic.map((item) => {
              const discrete = item['discrete_resource_spec'] as Raw | undefined;
              return discrete === undefined ? {} : { DiscreteResourceSpec: { Kind: String(discrete['kind'] ?? ''), Value: Number(discrete['value'] ?? 0) } };
            }),
          }),
    });
  }
  return result;
}

/** The legacy `restart:` counts only when deploy.restart_policy is absent (docker/cli 28's convertRestartPolicy). */
function restartPolicy(raw: Raw | undefined | null, legacy: string | undefined, fail: (message: string) => never): EngineJson | undefined {
  if (raw) {
    return {
      ...optional('Condition', optionalString(raw['condition'])),
      ...optional('Delay', duration(raw['delay'], 'restart_policy.delay', fail)),
      ...optional('MaxAttempts', raw['max_attempts'] === undefined ? undefined : integer(raw['max_attempts'], 'restart_policy.max_attempts', fail)),
      ...optional('Window', duration(raw['window'], 'restart_policy.window', fail)),
    };
  }
  const [name, count] = (legacy ?? '').split(':');
  switch (name) {
    case '':
    case 'no':
      return undefined;
    case 'always':
    case 'unless-stopped':
      return { Condition: 'any' };
    case 'on-failure':
      return { Condition: 'on-failure', MaxAttempts: count === undefined ? 0 : integer(count, 'restart', fail) };
    default:
      return fail(`unknown restart policy: ${legacy ?? ''}`);
  }
}

function updateConfig(raw: Raw | undefined | null, key: string, fail: (message: string) => never): EngineJson | undefined {
  if (!raw) {
    return undefined;
  }
  return nonZero({
    Parallelism: raw['parallelism'] === undefined ? 1 : integer(raw['parallelism'], `${key}.parallelism`, fail),
    Delay: duration(raw['delay'], `${key}.delay`, fail) ?? 0,
    FailureAction: optionalString(raw['failure_action']) ?? '',
    Monitor: duration(raw['monitor'], `${key}.monitor`, fail) ?? 0,
    MaxFailureRatio: raw['max_failure_ratio'] === undefined ? 0 : Number(raw['max_failure_ratio']),
    Order: optionalString(raw['order']) ?? '',
  }, ['Parallelism']);
}

function placement(raw: Raw, fail: (message: string) => never): EngineJson {
  const constraints = Array.isArray(raw['constraints']) ? raw['constraints'].map(String) : [];
  const preferences = Array.isArray(raw['preferences']) ? (raw['preferences'] as Raw[]) : [];
  return {
    ...(constraints.length === 0 ? {} : { Constraints: constraints }),
    ...(preferences.length === 0 ? {} : { Preferences: preferences.map((item) => ({ Spread: { SpreadDescriptor: String(item['spread'] ?? '') } })) }),
    ...(raw['max_replicas_per_node'] === undefined ? {} : { MaxReplicas: integer(raw['max_replicas_per_node'], 'placement.max_replicas_per_node', fail) }),
  };
}

/** `cpus: "0.5"` → 500000000, as opts.ParseCPUs. */
function nanoCpus(value: unknown, fail: (message: string) => never): number {
  if (value === undefined || value === null || value === '') {
    return 0;
  }
  const cpus = Number(value);
  if (!Number.isFinite(cpus) || cpus < 0) fail(`${JSON.stringify(value)} is not a number of CPUs`);
  return Math.round(cpus * 1e9);
}

function bytes(value: unknown, key: string, fail: (message: string) => never): number {
  if (value === undefined || value === null) {
    return 0;
  }
  return parseBytes(value as string | number) ?? fail(`${key}: ${JSON.stringify(value)} is not a size`);
}

function duration(value: unknown, key: string, fail: (message: string) => never): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  return parseDuration(String(value)) ?? fail(`${key}: ${JSON.stringify(value)} is not a duration`);
}

function integer(value: unknown, key: string, fail: (message: string) => never): number {
  const result = Number(value);
  if (!Number.isInteger(result) || result < 0) fail(`${key}: ${JSON.stringify(value)} is not a whole number`);
  return result;
}

/** Drops zero and empty fields, as Go's omitempty does in the CLI's JSON (except `keep`). */
function nonZero(fields: EngineJson, keep: readonly string[] = []): EngineJson {
  return Object.fromEntries(Object.entries(fields).filter(([key, value]) => keep.includes(key) || (value !== 0 && value !== '')));
}

function object(value: unknown): Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export function stringMap(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((item) => String(item)).map((item) => {
      const at = item.indexOf('=');
      return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(object(value)).map(([key, item]) => [key, item === null || item === undefined ? '' : String(item)]));
}
