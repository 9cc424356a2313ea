import { OverrideTag, ResetTag, stripMergeTags } from './mergeTags';

/** Keys whose value an override replaces whole instead of merging (as the spec's merge rules say). */
const REPLACED = new Set(['services.*.command', 'services.*.entrypoint', 'services.*.healthcheck.test']);

/**
 * The Compose merge of `override` onto `base`: mappings merge by key, sequences append (duplicates
 * are removed when the service is normalised, by each kind's identity), other values are
 * replaced; `!reset` removes a key, `!override` replaces the value whole. `path` is the place in
 * the file (`services.web`), for the rules that depend on it.
 */
export function mergeValues(base: unknown, override: unknown, path: readonly string[]): unknown {
  if (override instanceof OverrideTag) {
    return stripMergeTags(override.value);
  }
  if (override === undefined) {
    return base;
  }
  if (override === null && base !== undefined && base !== null && typeof base === 'object') {
    return base;
  }
  if (base === undefined || base === null || base instanceof ResetTag || isReplaced(path)) {
    return stripMergeTags(override);
  }
  if (Array.isArray(base) && Array.isArray(override)) {
    return [...base, ...(stripMergeTags(override) as unknown[])];
  }
  if (isMapping(base) && isMapping(override)) {
    if (path.length === 3 && path[0] === 'services' && path[2] === 'logging' && override['driver'] !== undefined && override['driver'] !== base['driver']) {
      return stripMergeTags(override);
    }
    const result: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
      if (value instanceof ResetTag) {
        delete result[key];
      } else {
        result[key] = mergeValues(result[key], value, [...path, key]);
      }
    }
    return result;
  }
  return stripMergeTags(override);
}

function isReplaced(path: readonly string[]): boolean {
  return path[0] === 'services' && REPLACED.has(['services', '*', ...path.slice(2)].join('.'));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ResetTag) && !(value instanceof OverrideTag);
}
