import { EngineClient } from './engineClient';
import { EngineEvent, eventSeconds, SWARM_EVENT_KINDS, SwarmEvent, toEngineEvent, toSwarmEvent } from './events';
import { IdleWatchdog } from './boundedStream';
import { JsonLineSplitter } from './jsonLines';
import { isAbortError } from '../util/abort';

export interface EventFollowerListener {
  onEvent(event: EngineEvent): void;
  /** A swarm object (node, service, secret, config) changed; only managers send these. */
  onSwarmEvent?(event: SwarmEvent): void;
  /** The stream is (again) open; events missed while it was down were replayed with `since`. */
  onLive(): void;
  /** The stream broke; the follower retries by itself with backoff until stopped. */
  onBroken(error: unknown): void;
  /** A line or event was dropped (malformed, oversized, or a handler threw); the stream goes on. */
  onDropped?(reason: string): void;
}

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000 };

/**
 * Follows one engine's /events stream for as long as it is running, reconnecting with
 * exponential backoff. On reconnect it asks for events since the last one it saw, so a short
 * break loses nothing.
 */
export class EventFollower {
  private controller: AbortController | undefined;
  private lastSeenSeconds: number | undefined;

  constructor(
    private readonly client: EngineClient,
    private readonly listener: EventFollowerListener,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  get running(): boolean {
    return this.controller !== undefined;
  }

  start(): void {
    if (this.controller) {
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    void this.loop(controller.signal);
  }

  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.lastSeenSeconds = undefined;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    let delay = this.backoff.initialMs;
    while (!signal.aborted) {
      try {
        await this.followOnce(signal, () => {
          delay = this.backoff.initialMs;
        });
        // The engine closed the stream (restart, shutdown): treat it as a break.
        if (!signal.aborted) {
          this.listener.onBroken(new Error('the engine closed the event stream'));
        }
      } catch (error) {
        if (signal.aborted) {
          return;
        }
        this.listener.onBroken(error);
      }
      await sleep(delay, signal);
      delay = Math.min(delay * 2, this.backoff.maxMs);
    }
  }

  private async followOnce(signal: AbortSignal, onOpen: () => void): Promise<void> {
    const since = this.lastSeenSeconds;
    // The Engine API sends no heartbeat, so an engine with nothing happening is silent. After
    // a silence of streamIdleMs one bounded request asks whether the engine is still there; when
    // it gets no answer the stream is given up and loop() reconnects (a connection that died
    // without a close, as a dropped network does, would otherwise look quiet for ever).
    const streamController = new AbortController();
    const stream = await this.client.openStream(
      async (docker, abortSignal) =>
        (await docker.getEvents({
          filters: { type: ['container', 'image', 'volume', 'network', ...SWARM_EVENT_KINDS] },
          ...(since !== undefined ? { since } : {}),
          abortSignal,
        })) as NodeJS.ReadableStream,
      { signal: AbortSignal.any([signal, streamController.signal]), idle: 'quiet-ok' },
    );
    onOpen();
    this.listener.onLive();
    const splitter = new JsonLineSplitter();
    const dropped = (reason: string): void => this.listener.onDropped?.(reason);
    let watchdog: IdleWatchdog | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        watchdog = new IdleWatchdog(this.client.streamIdleMs, () => {
          this.client.version(signal).then(
            () => watchdog?.touch(),
            (error: unknown) => {
              if (!signal.aborted) {
                reject(new Error(`the engine stopped answering while the event stream was quiet (${String((error as Error)?.message ?? error)})`));
                streamController.abort();
              }
            },
          );
        });
        stream.on('data', (chunk: Buffer) => {
          watchdog?.touch();
          for (const value of splitter.push(chunk, (line) => dropped(`malformed event line: ${line}`))) {
            // Each event in its own guard: one odd value or a failing handler never ends the stream.
            try {
              this.lastSeenSeconds = eventSeconds(value) ?? this.lastSeenSeconds;
              const event = toEngineEvent(value);
              if (event) {
                this.listener.onEvent(event);
              } else {
                const swarmEvent = toSwarmEvent(value);
                if (swarmEvent) {
                  this.listener.onSwarmEvent?.(swarmEvent);
                }
              }
            } catch (error) {
              dropped(`event not handled: ${String(error)}`);
            }
          }
        });
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', (error: unknown) => (isAbortError(error) && signal.aborted ? resolve() : reject(error)));
      });
    } finally {
      watchdog?.stop();
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
