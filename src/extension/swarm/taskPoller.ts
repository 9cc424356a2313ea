// Tasks have no engine events: while a service's node is expanded its tasks are polled, and the
// node repainted when one changed node or state. Bounded: one poll every POLL_MS for at most
// MAX_WATCHED services (the oldest expansion is dropped first), each for at most WATCH_MS after
// its last expansion; a collapse or the view hiding stops it at once. No vscode here (a unit test runs it).

const POLL_MS = 2_000;
const MAX_WATCHED = 8;
const WATCH_MS = 10 * 60_000;

interface TaskLike {
  readonly id: string;
  readonly nodeId: string;
  readonly state: string;
  readonly desiredState: string;
}

interface Watch {
  readonly clusterId: string;
  readonly serviceId: string;
  signature: string;
  until: number;
}

export class TaskPoller {
  private readonly watches = new Map<string, Watch>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly list: (clusterId: string, serviceId: string) => Promise<readonly TaskLike[]>,
    private readonly repaint: (nodeId: string) => void,
  ) {}

  /** Starts (or renews) polling the tasks of a service shown under `nodeId`; `shown` is what the tree has now. */
  watch(nodeId: string, clusterId: string, serviceId: string, shown: readonly TaskLike[]): void {
    this.watches.delete(nodeId);
    this.watches.set(nodeId, { clusterId, serviceId, signature: signatureOf(shown), until: Date.now() + WATCH_MS });
    while (this.watches.size > MAX_WATCHED) {
      const oldest = this.watches.keys().next().value;
      if (oldest === undefined) break;
      this.watches.delete(oldest);
    }
    this.timer ??= setInterval(() => void this.poll(), POLL_MS);
  }

  /** Stops polling under a node (collapsed), or every node (the view was hidden). */
  unwatch(nodeId?: string): void {
    if (nodeId === undefined) {
      this.watches.clear();
    } else {
      this.watches.delete(nodeId);
    }
    this.stopWhenIdle();
  }

  /** A service event: poll now rather than at the next tick. */
  pokeCluster(clusterId: string): void {
    if ([...this.watches.values()].some((watch) => watch.clusterId === clusterId)) {
      void this.poll();
    }
  }

  get watchedCount(): number {
    return this.watches.size;
  }

  dispose(): void {
    this.watches.clear();
    this.stopWhenIdle();
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      return;
    }
    this.polling = true;
    try {
      const now = Date.now();
      for (const [nodeId, watch] of [...this.watches]) {
        if (watch.until < now) {
          this.watches.delete(nodeId);
          continue;
        }
        const tasks = await this.list(watch.clusterId, watch.serviceId).catch(() => undefined);
        const signature = tasks && signatureOf(tasks);
        if (signature !== undefined && signature !== watch.signature && this.watches.get(nodeId) === watch) {
          watch.signature = signature;
          this.repaint(nodeId);
        }
      }
    } finally {
      this.polling = false;
      this.stopWhenIdle();
    }
  }

  private stopWhenIdle(): void {
    if (this.watches.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

function signatureOf(tasks: readonly TaskLike[]): string {
  return tasks.map((task) => `${task.id}:${task.nodeId}:${task.state}:${task.desiredState}`).sort().join('|');
}
