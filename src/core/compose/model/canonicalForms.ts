import { OverrideTag, ResetTag } from './mergeTags';

/**
 * Before files are merged, the keys that may be a list or a mapping become the mapping
 * (`environment`, `labels`, `build.args`…), `depends_on` and `networks` lists become mappings and
 * `build: ./dir` becomes `{context: ./dir}`: so that an override written in the other syntax
 * still merges by key, as docker compose does.
 */
export function canonicalService(service: unknown): Record<string, unknown> {
  if (typeof service !== 'object' || service === null || Array.isArray(service)) {
    return {};
  }
  const result: Record<string, unknown> = { ...(service as Record<string, unknown>) };
  transform(result, 'environment', (value) => keyValueMap(value, null));
  transform(result, 'labels', (value) => keyValueMap(value, ''));
  transform(result, 'sysctls', (value) => keyValueMap(value, ''));
  transform(result, 'annotations', (value) => keyValueMap(value, ''));
  transform(result, 'depends_on', dependsOnMap);
  transform(result, 'networks', (value) => (Array.isArray(value) ? Object.fromEntries(value.map((name) => [String(name), null])) : value));
  transform(result, 'env_file', (value) => (Array.isArray(value) ? value : [value]));
  transform(result, 'extra_hosts', extraHostsList);
  transform(result, 'build', (value) => {
    const build = typeof value === 'string' ? { context: value } : { ...(value as Record<string, unknown>) };
    transform(build, 'args', (args) => keyValueMap(args, null));
    transform(build, 'labels', (labels) => keyValueMap(labels, ''));
    return build;
  });
  const deploy = result['deploy'];
  if (typeof deploy === 'object' && deploy !== null && !(deploy instanceof ResetTag)) {
    const copy = { ...(deploy as Record<string, unknown>) };
    transform(copy, 'labels', (labels) => keyValueMap(labels, ''));
    result['deploy'] = copy;
  }
  return result;
}

/** Applies `change` to the value under `key`, inside an `!override` too; `!reset` and absence are left alone. */
function transform(target: Record<string, unknown>, key: string, change: (value: unknown) => unknown): void {
  const value = target[key];
  if (value === undefined || value === null || value instanceof ResetTag) {
    return;
  }
  target[key] = value instanceof OverrideTag ? new OverrideTag(change(value.value)) : change(value);
}

/** `["A=1", "B"]` or `{A: 1, B: null}` → `{A: "1", B: missing}` (values as strings). */
export function keyValueMap(value: unknown, missing: string | null): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = String(item);
      const equals = text.indexOf('=');
      if (equals < 0) {
        result[text] = missing;
      } else {
        result[text.slice(0, equals)] = text.slice(equals + 1);
      }
    }
    return result;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      result[key] = item === null || item === undefined ? missing : item instanceof ResetTag || item instanceof OverrideTag ? item : String(item);
    }
  }
  return result;
}

function dependsOnMap(value: unknown): unknown {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((name) => [String(name), { condition: 'service_started', required: true }]));
  }
  return value;
}

/** `{host: ip}` (or a list of addresses) → `["host:ip"]`; a list stays as written. */
function extraHostsList(value: unknown): unknown {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) {
    return value;
  }
  return Object.entries(value).flatMap(([host, address]) => (Array.isArray(address) ? address : [address]).map((item) => `${host}:${String(item)}`));
}
