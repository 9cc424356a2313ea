import * as path from 'node:path';
import type { ComposeServiceVolume } from './composeModel';
import { parseBytes } from './units';

const PROPAGATIONS = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

/** Where relative and `~` paths lead. */
export interface PathBase {
  readonly workingDir: string;
  readonly home: string;
}

/** `./x`, `../x`, `~/x`, `x` (relative) or `/x`, made absolute. */
export function resolveHostPath(source: string, base: PathBase): string {
  if (source === '~' || source.startsWith('~/')) {
    return path.join(base.home, source.slice(1));
  }
  return path.resolve(base.workingDir, source);
}

/**
 * A service's `volumes` entry in its long syntax. Short syntax: `[SOURCE:]TARGET[:MODES]`, where a
 * SOURCE that starts with `/`, `.` or `~` is a bind mount and any other is a named volume;
 * MODES is a comma list of ro, rw, nocopy and a bind propagation (z/Z are accepted and ignored here).
 */
export function parseServiceVolume(entry: unknown, base: PathBase): ComposeServiceVolume {
  if (typeof entry === 'object' && entry !== null) {
    return longVolume(entry as Record<string, unknown>, base);
  }
  const text = String(entry);
  const parts = text.split(':');
  if (parts.length > 3 || parts.some((part) => part === '')) {
    throw new Error(`"${text}" is not a volume ([SOURCE:]TARGET[:MODE])`);
  }
  if (parts.length === 1) {
    return { type: 'volume', target: checkTarget(text, text), read_only: false };
  }
  const [source, target, modeText] = parts as [string, string, string | undefined];
  const modes = modeText === undefined ? [] : modeText.split(',');
  for (const mode of modes) {
    if (!['ro', 'rw', 'z', 'Z', 'nocopy'].includes(mode) && !PROPAGATIONS.has(mode)) {
      throw new Error(`"${text}": ${mode} is not a volume mode (ro, rw, z, Z, nocopy, or a propagation such as rshared)`);
    }
  }
  const read_only = modes.includes('ro');
  if (isHostPath(source)) {
    const propagation = modes.find((mode) => PROPAGATIONS.has(mode));
    return {
      type: 'bind',
      source: resolveHostPath(source, base),
      target: checkTarget(target, text),
      read_only,
      bind: { create_host_path: true, ...(propagation === undefined ? {} : { propagation }) },
    };
  }
  return {
    type: 'volume',
    source,
    target: checkTarget(target, text),
    read_only,
    ...(modes.includes('nocopy') ? { volume: { nocopy: true } } : {}),
  };
}

function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
}

/** Absolute, and cleaned as compose-go cleans it (`/data/` and `/a/../data` are `/data`), so that merging by target matches. */
function checkTarget(target: string, whole: string): string {
  if (!target.startsWith('/')) {
    throw new Error(`"${whole}": the container path ${target} is not absolute`);
  }
  const clean = path.posix.normalize(target);
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}

function longVolume(entry: Record<string, unknown>, base: PathBase): ComposeServiceVolume {
  const type = String(entry['type'] ?? 'volume') as ComposeServiceVolume['type'];
  if (!['volume', 'bind', 'tmpfs', 'npipe', 'image'].includes(type)) {
    throw new Error(`volume type ${type} is not one of volume, bind, tmpfs, npipe, image`);
  }
  const target = String(entry['target'] ?? '');
  const rawSource = entry['source'];
  const source = rawSource === undefined || rawSource === null || rawSource === '' ? undefined : String(rawSource);
  const bind = entry['bind'] as Record<string, unknown> | undefined;
  const volume = entry['volume'] as Record<string, unknown> | undefined;
  const tmpfs = entry['tmpfs'] as Record<string, unknown> | undefined;
  if (type === 'bind' && source === undefined) {
    throw new Error(`the bind mount at ${target} has no source`);
  }
  return {
    type,
    ...(source === undefined ? {} : { source: type === 'bind' ? resolveHostPath(source, base) : source }),
    target: checkTarget(target, target),
    read_only: toBoolean(entry['read_only']),
    ...(bind === undefined
      ? type === 'bind'
        ? { bind: { create_host_path: true } }
        : {}
      : {
          bind: {
            create_host_path: bind['create_host_path'] === undefined ? true : toBoolean(bind['create_host_path']),
            ...(bind['propagation'] === undefined ? {} : { propagation: String(bind['propagation']) }),
          },
        }),
    ...(volume === undefined
      ? {}
      : {
          volume: {
            ...(volume['nocopy'] === undefined ? {} : { nocopy: toBoolean(volume['nocopy']) }),
            ...(volume['subpath'] === undefined ? {} : { subpath: String(volume['subpath']) }),
          },
        }),
    ...(tmpfs === undefined
      ? {}
      : {
          tmpfs: {
            ...(tmpfs['size'] === undefined ? {} : { size: parseBytes(tmpfs['size'] as string | number) ?? 0 }),
            ...(tmpfs['mode'] === undefined ? {} : { mode: typeof tmpfs['mode'] === 'number' ? tmpfs['mode'] : parseInt(String(tmpfs['mode']), 8) }),
          },
        }),
  };
}

/** `true`/`false` as YAML or as interpolated text (`"true"`, `"1"`…). */
export function toBoolean(value: unknown): boolean {
  if (typeof value === 'string') {
    return ['true', '1', 'yes', 'y', 'on'].includes(value.toLowerCase());
  }
  return value === true || value === 1;
}
