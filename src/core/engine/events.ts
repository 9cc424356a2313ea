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

const KINDS = new Set<string>(['container', 'image', 'volume', 'network']);

/**
 * Podman's names for Docker's actions (its compat /events sends `remove` where Docker sends
 * `destroy` or `delete`); Docker never sends these for those kinds, so the mapping is safe for both.
 */
const ACTION_ALIASES: Readonly<Record<ResourceKind, Readonly<Record<string, string>>>> = {
  container: { remove: 'destroy', died: 'die' },
  image: { remove: 'delete' },
  volume: { remove: 'destroy' },
  network: {},
};

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

/**
 * Parses one decoded /events value; undefined when it is not an event the tree cares about or
 * is not shaped like one (the engine is input: a non-string Action or a fractional timeNano
 * must not throw).
 */
export function toEngineEvent(value: unknown): EngineEvent | undefined {
  if (!isRecord(value) || typeof value.Type !== 'string' || !KINDS.has(value.Type)) {
    return undefined;
  }
  const kind = value.Type as ResourceKind;
  // health_status arrives as "health_status: healthy"; exec events as "exec_start: sh -c …".
  const said = typeof value.Action === 'string' ? (value.Action.split(':')[0]?.trim() ?? '') : '';
  const action = ACTION_ALIASES[kind][said] ?? said;
  if (!VISIBLE_ACTIONS[kind].has(action)) {
    return undefined;
  }
  const timeNano = toTimeNano(value.timeNano, value.time);
  if (timeNano === undefined) {
    return undefined;
  }
  const actor = isRecord(value.Actor) ? value.Actor : {};
  const attributes = stringAttributes(actor.Attributes);
  // Podman leaves a volume event's Actor.ID empty and names the volume in its attributes.
  const actorId = typeof actor.ID === 'string' && actor.ID !== '' ? actor.ID : kind === 'volume' ? (attributes.name ?? '') : '';
  return { kind, action, actorId, attributes, timeNano };
}

/** Seconds of an event (`time`) when it is a plain number, for `since` on reconnect. */
export function eventSeconds(value: unknown): number | undefined {
  const seconds = isRecord(value) ? value.time : undefined;
  return typeof seconds === 'number' && Number.isSafeInteger(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Swarm object kinds a manager reports events for (tasks have none: a task's state is polled). */
export type SwarmEventKind = 'node' | 'service' | 'secret' | 'config';
export const SWARM_EVENT_KINDS: readonly SwarmEventKind[] = ['node', 'service', 'secret', 'config'];

/**
 * One swarm event: a swarm object's (managers only send those), or `task` for a container event of
 * a swarm task on this engine (any node sends those; actorId is the service's id). Tasks have no
 * events of their own, and their containers' are the first sign that one changed.
 */
export interface SwarmEvent {
  readonly kind: SwarmEventKind | 'task';
  readonly action: string;
  readonly actorId: string;
  /** For `task`: the task whose container it is. */
  readonly taskId?: string;
}

/** The task event within a container event, when the container is a swarm task's. */
export function toTaskEvent(event: EngineEvent): SwarmEvent | undefined {
  const serviceId = event.kind === 'container' ? event.attributes['com.docker.swarm.service.id'] : undefined;
  const taskId = event.attributes['com.docker.swarm.task.id'];
  return serviceId ? { kind: 'task', action: event.action, actorId: serviceId, ...(taskId && { taskId }) } : undefined;
}

/** Parses one decoded /events value of a swarm type; undefined for anything else. */
export function toSwarmEvent(value: unknown): SwarmEvent | undefined {
  if (!isRecord(value) || typeof value.Type !== 'string' || !(SWARM_EVENT_KINDS as readonly string[]).includes(value.Type)) {
    return undefined;
  }
  const actor = isRecord(value.Actor) ? value.Actor : {};
  return { kind: value.Type as SwarmEventKind, action: typeof value.Action === 'string' ? value.Action : '', actorId: typeof actor.ID === 'string' ? actor.ID : '' };
}

function toTimeNano(timeNano: unknown, time: unknown): bigint | undefined {
  if (typeof timeNano === 'number' && Number.isInteger(timeNano) && timeNano >= 0) {
    return BigInt(timeNano);
  }
  if (typeof timeNano === 'string' && /^\d{1,25}$/.test(timeNano)) {
    return BigInt(timeNano);
  }
  if (timeNano !== undefined) {
    return undefined;
  }
  return typeof time === 'number' && Number.isSafeInteger(time) && time >= 0 ? BigInt(time) * 1_000_000_000n : time === undefined ? 0n : undefined;
}

function stringAttributes(raw: unknown): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (isRecord(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value === 'string') {
        attributes[key] = value;
      }
    }
  }
  return attributes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
