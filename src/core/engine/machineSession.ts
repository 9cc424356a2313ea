import { describeEndpoint, EngineEndpoint } from './endpoint';
import { EngineClient, EngineVersion } from './engineClient';
import { EventFollower } from './eventFollower';
import { EngineEvent, SwarmEvent, toTaskEvent } from './events';
import { ResourceCache, ResourceChange } from './resourceCache';
import { EngineShapeError } from './rawFields';
import { ResourceKind, ResourceOfKind } from './resources';
import { SshSettings } from '../ssh/sshSettings';
import { describeEngineError } from '../util/errors';
import { FailureKind, failureKindOf } from '../util/failureKind';
import { Disposable, Listeners } from '../util/listeners';

/** reconnecting: it was running and its connection broke; a real request decides what follows. */
export type MachineState = 'connecting' | 'running' | 'reconnecting' | 'unreachable';

/** What a session needs of its machine; core/machines' Machine is one (so engine never imports machines). */
export interface SessionMachine {
  readonly name: string;
  readonly endpoint: EngineEndpoint;
}

export type MachineChange = { readonly scope: 'machine' } | ResourceChange;

export interface MachineSessionOptions {
  /** Bound on every request-response call, and so on how long "unreachable" takes to show. */
  readonly requestTimeoutMs: number;
  /** Where failures are written in full; the session itself shows only one sentence. */
  readonly log: (message: string) => void;
  /** For SSH machines: who answers host-key and secret questions, which ~/.ssh files are read. */
  readonly ssh?: SshSettings;
}

/**
 * Everything known about one machine while the extension runs: its connection state, the
 * engine version, cached lists and the event stream that keeps them current. One session's
 * failure or slowness never touches another's.
 */
export class MachineSession<M extends SessionMachine = SessionMachine> implements Disposable {
  private currentState: MachineState = 'connecting';
  private engineVersion: EngineVersion | undefined;
  private lastError: string | undefined;
  private lastFailure: FailureKind | undefined;
  private connecting: Promise<void> | undefined;
  private readonly client: EngineClient | undefined;
  private readonly cache: ResourceCache | undefined;
  private readonly follower: EventFollower | undefined;
  private readonly changes = new Listeners<MachineChange>();
  private readonly swarmChanges = new Listeners<SwarmEvent>();
  private pendingEvents: EngineEvent[] = [];
  private flushQueued = false;
  private applying: Promise<void> = Promise.resolve();
  private streamLive = false;
  private readonly sshState: Disposable | undefined;
  readonly address: string;

  constructor(readonly machine: M, private readonly options: MachineSessionOptions) {
    this.address = describeEndpoint(machine.endpoint);
    if (machine.endpoint.kind === 'unsupported') {
      this.currentState = 'unreachable';
      this.lastError = machine.endpoint.reason;
      this.lastFailure = 'unsupported';
      return;
    }
    this.client = new EngineClient(machine.endpoint, { requestTimeoutMs: options.requestTimeoutMs, ...(options.ssh && { ssh: options.ssh }) });
    this.cache = new ResourceCache(this.client);
    this.follower = new EventFollower(this.client, {
      onEvent: (event) => {
        this.queueEvent(event);
        const task = toTaskEvent(event);
        if (task) this.swarmChanges.fire(task);
      },
      onSwarmEvent: (event) => this.swarmChanges.fire(event),
      onLive: () => this.onStreamLive(),
      onBroken: (error) => this.onStreamBroken(error),
      onDropped: (reason) => options.log(`[${machine.name}] event stream: ${reason}`),
    });
    this.sshState = this.client.sshConnection?.onDidChangeState((change) => this.onSshState(change.state, change.error));
  }

  get state(): MachineState {
    return this.currentState;
  }

  get version(): EngineVersion | undefined {
    return this.engineVersion;
  }

  /** True while the event stream is open, i.e. changes on the engine reach this session. */
  get eventsLive(): boolean {
    return this.streamLive;
  }

  /** One sentence saying why the machine is unreachable, when it is. */
  get error(): string | undefined {
    return this.lastError;
  }

  /** The kind of that failure, for what the UI shows and offers (never read from the sentence). */
  get failure(): FailureKind | undefined {
    return this.lastError === undefined ? undefined : this.lastFailure;
  }

  get engine(): EngineClient {
    if (!this.client) {
      throw new Error(this.lastError ?? `${this.machine.name} has no engine endpoint`);
    }
    return this.client;
  }

  onDidChange(listener: (change: MachineChange) => void): Disposable {
    return this.changes.add(listener);
  }

  /** Swarm events from this engine's stream (a manager's; task containers' from any node), as they arrive; nothing is cached for them here. */
  onDidChangeSwarm(listener: (event: SwarmEvent) => void): Disposable {
    return this.swarmChanges.add(listener);
  }

  /** Connects (once; concurrent callers share the attempt) and learns the engine version. */
  connect(): Promise<void> {
    if (!this.client) {
      return Promise.resolve();
    }
    if (this.currentState === 'running') {
      return Promise.resolve();
    }
    this.connecting ??= this.probe().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Forgets the failure and cached lists and connects again (the tree's Retry). */
  retry(): Promise<void> {
    this.cache?.clear();
    if (this.client) {
      this.setState('connecting', undefined);
    }
    return this.connect();
  }

  /** A fresh list of one kind; failures mark the machine unreachable and are rethrown. */
  async list<K extends ResourceKind>(kind: K, signal?: AbortSignal): Promise<ResourceOfKind<K>[]> {
    return this.guard(() => this.requireCache().load(kind, signal));
  }

  /** The remembered list when there is one (used for cross-references such as volume users). */
  async peekOrList<K extends ResourceKind>(kind: K, signal?: AbortSignal): Promise<ResourceOfKind<K>[]> {
    return this.guard(() => this.requireCache().get(kind, signal));
  }

  /**
   * After this window changed something the engine sends no event for (Podman's network create and
   * remove): the loaded list is read again, as an event would have made it.
   */
  changedWithoutEvent(kind: ResourceKind): void {
    const capabilities = this.engineVersion?.flavor.capabilities;
    if (kind === 'network' && capabilities?.networkEvents === false) {
      this.queueEvent({ kind, action: 'create', actorId: '', attributes: {}, timeNano: 0n });
    }
  }

  /** Follows the event stream only while someone looks at the machine. */
  setFollowing(following: boolean): void {
    if (!this.follower) {
      return;
    }
    if (following) {
      this.follower.start();
    } else {
      this.follower.stop();
      this.streamLive = false;
      // Lists go stale while no events arrive; drop them so nothing stale is shown later.
      this.cache?.clear();
    }
  }

  dispose(): void {
    this.sshState?.dispose();
    this.follower?.stop();
    this.client?.dispose(); // closes an SSH machine's connection now, not at its idle timeout
    this.pendingEvents = [];
    this.changes.clear();
    this.swarmChanges.clear();
  }

  private async probe(): Promise<void> {
    try {
      // Logging in may wait for a person (host key, passphrase): not bound by the request timeout.
      await this.client?.sshConnection?.connect();
      this.engineVersion = await this.engine.version();
      this.setState('running', undefined);
    } catch (error) {
      this.markUnreachable(error);
    }
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isConnectionFailure(error)) {
        this.markUnreachable(error);
      }
      throw new Error(describeEngineError(error, this.address, this.options.requestTimeoutMs));
    }
  }

  private requireCache(): ResourceCache {
    if (!this.cache) {
      throw new Error(this.lastError ?? 'no engine');
    }
    return this.cache;
  }

  private markUnreachable(error: unknown): void {
    const message = describeEngineError(error, this.address, this.options.requestTimeoutMs);
    this.options.log(`[${this.machine.name}] ${message} (${String((error as Error)?.stack ?? error)})`);
    this.cache?.clear();
    this.lastFailure = failureKindOf(error);
    this.setState('unreachable', message);
  }

  private setState(state: MachineState, error: string | undefined): void {
    if (state === this.currentState && error === this.lastError) {
      return;
    }
    this.currentState = state;
    this.lastError = error;
    this.changes.fire({ scope: 'machine' });
  }

  /** The SSH connection's own view: a drop shows as reconnecting, giving up as unreachable. */
  private onSshState(state: string, error: string | undefined): void {
    this.lastFailure = failureKindOf(this.client?.sshConnection?.lastFailure);
    if (state === 'reconnecting' && this.currentState === 'running') {
      this.setState('reconnecting', error);
    } else if (state === 'failed') {
      this.cache?.clear();
      this.setState('unreachable', error ?? 'The SSH connection failed');
    } else if (state === 'connected' && (this.currentState === 'reconnecting' || this.currentState === 'unreachable')) {
      void this.retry();
    }
  }

  private onStreamLive(): void {
    this.streamLive = true;
    if (this.currentState === 'unreachable') {
      // The engine came back by itself: show it again, with fresh lists.
      this.cache?.clear();
      void this.retry();
    }
  }

  private onStreamBroken(error: unknown): void {
    this.streamLive = false;
    if (this.currentState === 'unreachable') {
      return; // Known already; the follower keeps retrying and onStreamLive brings it back.
    }
    this.options.log(`[${this.machine.name}] event stream broke: ${describeEngineError(error, this.address)}`);
    this.cache?.clear();
    // Decide from a real request whether the engine is gone; either way the tree re-reads.
    this.setState('reconnecting', undefined);
    void this.connect();
  }

  /**
   * Applies an event at once when nothing is being applied; events that arrive meanwhile wait
   * and go together in the next batch, so a burst (compose up) costs one fetch, not one each.
   */
  private queueEvent(event: EngineEvent): void {
    this.pendingEvents.push(event);
    if (this.flushQueued) {
      return;
    }
    this.flushQueued = true;
    this.applying = this.applying.then(async () => {
      this.flushQueued = false;
      const batch = this.pendingEvents;
      this.pendingEvents = [];
      if (!this.cache || batch.length === 0) {
        return;
      }
      try {
        for (const change of await this.cache.apply(batch)) {
          this.changes.fire(change);
        }
      } catch (error) {
        this.options.log(`[${this.machine.name}] refresh after events failed: ${describeEngineError(error, this.address)}`);
        this.cache.clear();
        this.changes.fire({ scope: 'machine' });
      }
    });
  }
}

function isConnectionFailure(error: unknown): boolean {
  if (error instanceof EngineShapeError) {
    return false; // it answered, in a shape we cannot read: the machine is there, that list is not
  }
  const err = error as { statusCode?: unknown; name?: unknown } | undefined;
  // An HTTP status means the engine answered; anything else (refused, reset, timeout) means it did not.
  return typeof err?.statusCode !== 'number';
}
