// A task's node sees its container start before the managers hear of it: the agent reports task
// states to the dispatcher in batches (up to 100 ms) and the managers then commit them through
// raft. The container's start event is the node's own word that the task runs, so the tree shows
// it running at once; the managers' state replaces this as soon as it says running or later.

/** Task states before running, in swarmkit's order; a started container moves these on. */
const BEFORE_RUNNING = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting']);
/** A start the managers never confirm (the task was removed meanwhile) is forgotten after this. */
const FORGET_MS = 60_000;

export class TaskContainerStarts {
  private readonly started = new Map<string, number>();

  /** A container event of a swarm task, from any node's engine. */
  note(taskId: string, action: string, now = Date.now()): void {
    if (action === 'start') {
      this.started.set(taskId, now);
    } else if (action === 'die' || action === 'destroy') {
      this.started.delete(taskId);
    }
  }

  /** The managers' tasks, with those whose container a node already saw start shown running. */
  apply<T extends { readonly id: string; readonly state: string; readonly message: string }>(tasks: readonly T[], now = Date.now()): T[] {
    for (const [taskId, at] of this.started) {
      if (now - at > FORGET_MS) this.started.delete(taskId);
    }
    return tasks.map((task) => {
      if (!this.started.has(task.id)) {
        return task;
      }
      if (!BEFORE_RUNNING.has(task.state)) {
        this.started.delete(task.id); // the managers caught up (or moved past running)
        return task;
      }
      return { ...task, state: 'running', message: 'container started (its node says so; the managers have not confirmed yet)' };
    });
  }
}
