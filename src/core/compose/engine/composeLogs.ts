import type { EngineClient } from '../../engine/engineClient';
import { EventFollower } from '../../engine/eventFollower';
import type { EngineEvent } from '../../engine/events';
import { containerLogs, LogOptions } from '../../engine/operations/containerOperations';
import { COMPOSE_LABELS } from './composeLabels';
import type { ComposeLogLine, ComposeLogsOptions } from './composeTypes';
import { projectContainers } from './projectContainers';
import { MergedLogLines } from './mergedLogLines';

/** How long following waits for the event stream to open before it lists the containers anyway. */
const EVENTS_OPEN_WAIT_MS = 5_000;

/**
 * `docker compose logs`: the output of every container of the project (or of the selected
 * services) merged as it arrives, each line with its service and container so the reader can
 * colour per service. Without follow it ends when every log was read. Following, it goes on until
 * the signal aborts: a container created later (an `up` or a scale) is attached when it starts,
 * and a restarted one is attached again from where it died, as `docker compose logs -f` does.
 */
export async function* composeLogs(client: EngineClient, projectName: string, options: ComposeLogsOptions = {}): AsyncIterable<ComposeLogLine> {
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const selected = (service: string): boolean => !options.services?.length || options.services.includes(service);
  const merged = new MergedLogLines(signal);
  const attached = new Set<string>();
  const seen = new Set<string>();
  const attach = (container: { id: string; service: string; name: string }, logOptions: LogOptions, startedLater = false): void => {
    attached.add(container.id);
    seen.add(container.id);
    const opening = containerLogs(client, container.id, logOptions, signal).then((stream) => {
      stream.once('end', () => attached.delete(container.id));
      return stream;
    });
    // A container that started after the listing may be gone again before its log opens: nothing to read.
    merged.add(container, startedLater ? opening.catch(() => (attached.delete(container.id), undefined)) : opening);
  };
  const follow = options.follow === true;
  const base: LogOptions = { follow, timestamps: options.timestamps === true, tail: options.tail ?? 'all' };
  try {
    if (follow) await followProjectStarts(client, projectName, signal, (event, diedAtNano) => {
      const service = event.attributes[COMPOSE_LABELS.service] ?? '';
      if (attached.has(event.actorId) || !selected(service) || event.attributes[COMPOSE_LABELS.oneoff] === 'True') return;
      const name = event.attributes.name ?? event.actorId.slice(0, 12);
      // A container seen before starts again: its lines from where it died (or from just before this
      // start, when its death came before the events were followed); a new one: all of them.
      const sinceNano = diedAtNano ?? (seen.has(event.actorId) ? event.timeNano - 1_000_000_000n : undefined);
      attach({ id: event.actorId, service, name }, { ...base, tail: 'all', ...(sinceNano !== undefined && { sinceNano }) }, true);
    });
    const containers = (await projectContainers(client, projectName, { signal })).filter((c) => selected(c.service));
    for (const container of containers) if (!attached.has(container.id)) attach(container, base);
    // Following never ends by itself: the project's containers may start (again) at any time.
    yield* merged.lines(() => !follow);
  } finally {
    controller.abort(); // the reader stopped early, or following ended: close every stream and the events
  }
}

/**
 * Calls `onStart` for each start of one of the project's containers, with the engine's time of
 * that container's last death when one was seen (the point to read its log from again); resolves
 * once the event stream is open (or after a bound), stops when the signal aborts.
 */
async function followProjectStarts(client: EngineClient, projectName: string, signal: AbortSignal, onStart: (event: EngineEvent, diedAtNano?: bigint) => void): Promise<void> {
  const diedAt = new Map<string, bigint>();
  let opened: () => void = () => undefined;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const follower = new EventFollower(client, {
    onEvent(event) {
      if (event.kind !== 'container' || event.attributes[COMPOSE_LABELS.project] !== projectName) return;
      if (event.action === 'die') diedAt.set(event.actorId, event.timeNano);
      if (event.action === 'start') onStart(event, diedAt.get(event.actorId));
    },
    onLive: () => opened(),
    onBroken: () => undefined, // the follower reconnects by itself, asking for what it missed
  });
  follower.start();
  signal.addEventListener('abort', () => follower.stop(), { once: true });
  await Promise.race([open, new Promise((resolve) => setTimeout(resolve, EVENTS_OPEN_WAIT_MS).unref())]);
}
