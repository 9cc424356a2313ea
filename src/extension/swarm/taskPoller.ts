// Tasks have no engine events: while a service's node is expanded its tasks are polled, and the
// node repainted when one changed node or state; a task container's event on any followed machine
// polls at once. Bounded: one poll every POLL_MS for at most
// MAX_WATCHED services (the oldest expansion is dropped first), each for at most WATCH_MS after
// its last expansion; a collapse or the view hiding stops it at once. No vscode here (a unit test runs it).

const POLL_MS = 2_000;
const MAX_WATCHED = 8;
const WATCH_MS = 10 * 60_000;
const FOLLOW_UP_MS = [25, 60, 120, 250, 500, 1_000];

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
  private pollAgain = false;
  private readonly followUps = new Set<NodeJS.Timeout>();

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

  /**
   * A container of one of the service's tasks changed on some node: poll now, and again shortly
   * after, since the node reports the task's new state to the managers a moment after its
   * container's event.
   */
  pokeService(serviceId: string): void {
    if (![...this.watches.values()].some((watch) => watch.serviceId === serviceId)) {
      return;
    }
    void this.poll();
    // A burst of events (a scale-up) restarts one schedule rather than stacking one per event.
    this.followUps.forEach(clearTimeout);
    this.followUps.clear();
    for (const ms of FOLLOW_UP_MS) {
      const timer = setTimeout(() => {
        this.followUps.delete(timer);
        void this.poll();
      }, ms);
      this.followUps.add(timer);
    }
  }

  get watchedCount(): number {
    return this.watches.size;
  }

  dispose(): void {
    this.followUps.forEach(clearTimeout);
    this.followUps.clear();
    this.watches.clear();
    this.stopWhenIdle();
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true; // what changed meanwhile is seen by one more round, not at the next tick
      return;
    }
    this.polling = true;
    this.pollAgain = false;
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
    if (this.pollAgain && this.watches.size > 0) {
      void this.poll();
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
