import { EngineClient } from '../engine/engineClient';
import { swarmRequest } from './swarmRequest';
import { ServiceUpdateOutcome, ServiceUpdateProgress } from './swarmTypes';

const POLL_MS = 500;
const FINAL_STATES = new Set<ServiceUpdateOutcome['state']>(['completed', 'rollback_completed', 'paused', 'rollback_paused']);

interface TaskSpecPart {
  ContainerSpec?: { Image?: string };
  ForceUpdate?: number;
}

interface WatchedService {
  Spec?: { Mode?: { Replicated?: { Replicas?: number } }; TaskTemplate?: TaskSpecPart };
  UpdateStatus?: { State?: string; Message?: string } | null;
}

interface WatchedTask {
  Spec?: TaskSpecPart;
  Status?: { State?: string };
}

/** Where an update stands, from the service and its tasks meant to run (pure, for the poll below). */
export function updateProgressOf(service: WatchedService, tasks: readonly WatchedTask[]): ServiceUpdateProgress {
  const template = service.Spec?.TaskTemplate;
  const current = (t: WatchedTask): boolean => t.Spec?.ContainerSpec?.Image === template?.ContainerSpec?.Image
    && (t.Spec?.ForceUpdate ?? 0) === (template?.ForceUpdate ?? 0);
  const message = service.UpdateStatus?.Message;
  return {
    state: service.UpdateStatus?.State ?? 'waiting',
    ...(message && { message }),
    updatedTasks: tasks.filter((t) => t.Status?.State === 'running' && current(t)).length,
    desiredTasks: service.Spec?.Mode?.Replicated?.Replicas ?? tasks.length,
  };
}

/**
 * The outcome once the update is over: a final UpdateStatus (a 'completed' only once the tasks
 * agree, so a status left from an earlier update is not taken for this one), or no status at all
 * while every task already runs the spec (an update with nothing to replace).
 */
export function outcomeOf(progress: ServiceUpdateProgress, polls: number): ServiceUpdateOutcome | undefined {
  const state = progress.state as ServiceUpdateOutcome['state'];
  const tasksAgree = progress.updatedTasks >= progress.desiredTasks;
  const message = progress.message ? { message: progress.message } : {};
  if (FINAL_STATES.has(state) && (state !== 'completed' || tasksAgree)) {
    return { state, ...message };
  }
  return progress.state === 'waiting' && tasksAgree && polls > 1 ? { state: 'completed', ...message } : undefined;
}

/** Polls the service until its update (or rollback) is over; bounded by `signal` and each call's timeout. */
export async function waitForServiceUpdate(
  client: EngineClient, id: string, onProgress?: (progress: ServiceUpdateProgress) => void, signal?: AbortSignal,
): Promise<ServiceUpdateOutcome> {
  const options = signal ? { signal } : {};
  const path = `/services/${encodeURIComponent(id)}`;
  let last = '';
  for (let polls = 1; ; polls++) {
    const [service, tasks] = await Promise.all([
      swarmRequest<WatchedService>(client, { method: 'GET', path }, options),
      swarmRequest<WatchedTask[]>(client, { method: 'GET', path: '/tasks', query: { filters: { service: [id], 'desired-state': ['running'] } } }, options),
    ]);
    const progress = updateProgressOf(service, tasks);
    const said = JSON.stringify(progress);
    if (said !== last) {
      last = said;
      onProgress?.(progress);
    }
    const outcome = outcomeOf(progress, polls);
    if (outcome) {
      return outcome;
    }
    await pause(POLL_MS, signal);
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
