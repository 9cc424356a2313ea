import { ResourceKind } from './resources';

/** One Engine event, reduced to what decides what to refresh. */
export interface EngineEvent {
  readonly kind: ResourceKind;
  readonly action: string;
  /** Container/image/network id, or volume name. */
  readonly actorId: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly timeNano: bigint;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number | string;
}

const KINDS = new Set<string>(['container', 'image', 'volume', 'network']);

/**
 * Actions that change what a list shows. exec_*, attach, resize, top, archive-path and the
 * like fire constantly (health checks exec every few seconds) and change nothing visible.
 */
const VISIBLE_ACTIONS: Readonly<Record<ResourceKind, ReadonlySet<string>>> = {
  container: new Set(['create', 'start', 'restart', 'stop', 'die', 'kill', 'pause', 'unpause', 'rename', 'destroy', 'update', 'health_status', 'oom']),
  image: new Set(['pull', 'push', 'tag', 'untag', 'delete', 'import', 'load', 'save', 'prune']),
  volume: new Set(['create', 'destroy', 'mount', 'unmount', 'prune']),
  network: new Set(['create', 'destroy', 'connect', 'disconnect', 'remove', 'prune']),
};

/** Parses one decoded /events value; undefined when it is not an event the tree cares about. */
export function toEngineEvent(value: unknown): EngineEvent | undefined {
  const raw = value as RawEvent | null;
  if (!raw || typeof raw !== 'object' || !raw.Type || !KINDS.has(raw.Type)) {
    return undefined;
  }
  const kind = raw.Type as ResourceKind;
  // health_status arrives as "health_status: healthy"; exec events as "exec_start: sh -c …".
  const action = (raw.Action ?? '').split(':')[0]?.trim() ?? '';
  if (!VISIBLE_ACTIONS[kind].has(action)) {
    return undefined;
  }
  const timeNano = raw.timeNano !== undefined ? BigInt(raw.timeNano) : BigInt(raw.time ?? 0) * 1_000_000_000n;
  return { kind, action, actorId: raw.Actor?.ID ?? '', attributes: raw.Actor?.Attributes ?? {}, timeNano };
}
