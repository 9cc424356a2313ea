/**
 * Reading fields of an engine's JSON answer that may not have the Docker API's shape (Podman's
 * compat API, an older engine, a hostile one): a field of another type reads as the fallback,
 * and only what no entry can do without (its id) fails, with a message naming the field.
 */

/** An answer that cannot be read as the Docker API's: the message says which field of what. */
export class EngineShapeError extends Error {
  override readonly name = 'EngineShapeError';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** A finite number; a numeric string counts (some engines send sizes and times as strings). */
export function num(value: unknown, fallback: number): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
    return Number(value);
  }
  return fallback;
}

/** Seconds since the epoch, as Docker sends `Created`; an RFC 3339 string (Podman's libpod shape) is read too. */
export function epochSeconds(value: unknown): number {
  if (typeof value === 'string' && !/^-?\d+(\.\d+)?$/.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
  }
  return num(value, 0);
}

export function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** Only the string values of an object (labels); anything else is no labels. */
export function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string') {
        out[key] = item;
      }
    }
  }
  return out;
}

/** The array, or none; a single string where a list was expected counts as a list of one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** The id an entry cannot do without; its absence is the one thing that fails the list. */
export function requiredText(record: unknown, field: string, what: string): string {
  const value = isRecord(record) ? record[field] : undefined;
  if (typeof value === 'string' && value !== '') {
    return value;
  }
  const got = value === undefined ? 'nothing' : Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
  throw new EngineShapeError(`The engine listed ${what} whose ${field} is ${got}, not a string: its answer does not have the Docker API's shape`);
}

/** The entries of a list answer: an array, or an array under `key` (volumes); anything else fails with what came. */
export function listAnswer(raw: unknown, what: string, key?: string): unknown[] {
  const value = key !== undefined && isRecord(raw) ? (raw[key] ?? []) : raw;
  if (Array.isArray(value)) {
    return value;
  }
  throw new EngineShapeError(`The engine's ${what} answer is not a list${key !== undefined ? ` under "${key}"` : ''}: it does not have the Docker API's shape`);
}
