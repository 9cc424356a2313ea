import { setTimeout as delay } from 'node:timers/promises';
import { EngineClient } from './engineClient';
import { EngineEvent } from './events';
import { ContainerInfo, ResourceInfo, ResourceKind, ResourceOfKind } from './resources';

/** What an event batch changed: a whole group's membership, or one resource's fields. */
export type ResourceChange =
  | { readonly scope: 'group'; readonly kind: ResourceKind }
  | { readonly scope: 'resource'; readonly kind: ResourceKind; readonly resource: ResourceInfo };

/**
 * The last lists fetched from one engine, kept only for kinds someone looked at, and updated
 * from events with the smallest fetch that answers the question: one container by id, not
 * the whole list.
 */
export class ResourceCache {
  private readonly lists = new Map<ResourceKind, Map<string, ResourceInfo>>();

  constructor(private readonly client: EngineClient) {}

  /** Fetches the kind's list afresh and remembers it. */
  async load<K extends ResourceKind>(kind: K, signal?: AbortSignal): Promise<ResourceOfKind<K>[]> {
    const items = await this.client.list(kind, signal);
    this.lists.set(kind, new Map(items.map((item) => [item.key, item])));
    return items;
  }

  /** The remembered list, fetching it only when there is none. */
  async get<K extends ResourceKind>(kind: K, signal?: AbortSignal): Promise<ResourceOfKind<K>[]> {
    const known = this.lists.get(kind);
    return known ? ([...known.values()] as ResourceOfKind<K>[]) : this.load(kind, signal);
  }

  isLoaded(kind: ResourceKind): boolean {
    return this.lists.has(kind);
  }

  clear(): void {
    this.lists.clear();
  }

  /** Brings the loaded lists up to date with a batch of events and says what changed. */
  async apply(events: readonly EngineEvent[], signal?: AbortSignal): Promise<ResourceChange[]> {
    const changes: ResourceChange[] = [];
    const kinds = new Set(events.map((e) => e.kind));
    if (kinds.has('container') && this.isLoaded('container')) {
      changes.push(...(await this.refreshContainers(events.filter((e) => e.kind === 'container'), signal)));
    }
    for (const kind of ['image', 'volume', 'network'] as const) {
      if (kinds.has(kind) && this.isLoaded(kind)) {
        changes.push(...(await this.relist(kind, signal)));
      }
    }
    // Connect/disconnect change a network's members (its children), not its list entry.
    const networks = this.lists.get('network');
    for (const event of events.filter((e) => e.kind === 'network' && (e.action === 'connect' || e.action === 'disconnect'))) {
      const network = networks?.get(event.actorId);
      if (network) {
        changes.push({ scope: 'resource', kind: 'network', resource: network });
      } else if (networks) {
        // Podman names the container, not the network, as the actor: which network is not said, so all repaint.
        changes.push({ scope: 'group', kind: 'network' });
      }
    }
    // A volume's "used by" comes from the container list.
    if (changes.some((c) => c.scope === 'group' && c.kind === 'container') && this.isLoaded('volume')) {
      changes.push({ scope: 'group', kind: 'volume' });
    }
    return dedupe(changes);
  }

  private async refreshContainers(events: readonly EngineEvent[], signal?: AbortSignal): Promise<ResourceChange[]> {
    const known = this.lists.get('container') as Map<string, ContainerInfo>;
    const ids = [...new Set(events.map((e) => e.actorId))];
    const fresh = await this.listAfter(events, ids, signal);
    const changes: ResourceChange[] = [];
    for (const id of ids) {
      const before = known.get(id);
      const after = fresh.get(id);
      if (after) {
        known.set(id, after);
      } else {
        known.delete(id);
      }
      if (!before || !after || before.composeProject !== after.composeProject) {
        changes.push({ scope: 'group', kind: 'container' });
      } else if (!sameResource(before, after)) {
        changes.push({ scope: 'resource', kind: 'container', resource: after });
      }
    }
    return changes;
  }

  /**
   * The containers as listed once the engine's list shows what the events say. The engine sends
   * pause and unpause before its list view has them (moby 20.10 logs the event, then checkpoints
   * to the view), so a list asked at once can show the state before: those few are asked again,
   * a bounded number of times, and the last answer stands.
   */
  private async listAfter(events: readonly EngineEvent[], ids: readonly string[], signal?: AbortSignal): Promise<Map<string, ContainerInfo>> {
    const fresh = new Map((await this.client.listContainers(signal, ids)).map((c) => [c.key, c]));
    const expected = expectedStates(events);
    for (const delayMs of LAGGING_LIST_RETRIES_MS) {
      const lagging = [...expected].filter(([id, shown]) => { const listed = fresh.get(id); return listed !== undefined && !shown(listed.state); }).map(([id]) => id);
      if (lagging.length === 0) {
        break;
      }
      await delay(delayMs, undefined, { signal });
      for (const container of await this.client.listContainers(signal, lagging)) {
        fresh.set(container.key, container);
      }
    }
    return fresh;
  }

  private async relist(kind: ResourceKind, signal?: AbortSignal): Promise<ResourceChange[]> {
    const before = this.lists.get(kind) ?? new Map<string, ResourceInfo>();
    const after = await this.load(kind, signal);
    const sameMembers = after.length === before.size && after.every((item) => before.has(item.key));
    if (!sameMembers) {
      return [{ scope: 'group', kind }];
    }
    return after
      .filter((item) => !sameResource(before.get(item.key) as ResourceInfo, item))
      .map((resource) => ({ scope: 'resource', kind, resource }));
  }
}

/** What the listed state must be after an action, where the action alone decides it. */
const SHOWN_AFTER: Readonly<Record<string, (state: ContainerInfo['state']) => boolean>> = {
  pause: (state) => state === 'paused',
  unpause: (state) => state !== 'paused', // running, or unhealthy
  // The engine logs die before its view has the exit too; a restart that follows sends start.
  die: (state) => state !== 'running' && state !== 'unhealthy' && state !== 'paused',
};
const LAGGING_LIST_RETRIES_MS = [5, 20, 80, 250]; // the last for a loaded machine, where the engine is descheduled between the two

/** Per container, what its listed state must satisfy after its last event in the batch, where that event decides it. */
function expectedStates(events: readonly EngineEvent[]): Map<string, (state: ContainerInfo['state']) => boolean> {
  const expected = new Map<string, (state: ContainerInfo['state']) => boolean>();
  for (const event of events) {
    const shown = SHOWN_AFTER[event.action];
    if (shown) {
      expected.set(event.actorId, shown);
    } else {
      expected.delete(event.actorId);
    }
  }
  return expected;
}

function sameResource(a: ResourceInfo, b: ResourceInfo): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function dedupe(changes: ResourceChange[]): ResourceChange[] {
  const groups = new Set(changes.filter((c) => c.scope === 'group').map((c) => c.kind));
  const seen = new Set<string>();
  return changes.filter((change) => {
    const key = change.scope === 'group' ? `group:${change.kind}` : `${change.kind}:${change.resource.key}`;
    if (seen.has(key) || (change.scope === 'resource' && groups.has(change.kind))) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
