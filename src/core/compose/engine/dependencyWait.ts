import type { ComposeDependency } from '../model/composeModel';
import type { EngineClient } from '../../engine/engineClient';
import { ComposeServiceError } from './composeTypes';
import type { Progress } from './progress';

/** How often a wait looks at the dependency's containers. */
const POLL_MS = 200;
export const DEFAULT_WAIT_TIMEOUT_MS = 5 * 60_000;

interface Inspected {
  State?: { Status?: string; Running?: boolean; ExitCode?: number; Health?: { Status?: string } };
  Config?: { Healthcheck?: { Test?: string[] } };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits until the dependency's containers satisfy the condition (v2's waitDependencies):
 * started — nothing to wait for; healthy — every container's health check passes (unhealthy or
 * no check is an error); completed — every container exited, with 0. Bounded by `timeoutMs`,
 * cancelled by the signal. Errors name the dependency and the service that waited.
 */
export async function waitForDependency(
  client: EngineClient,
  dependant: string,
  dependency: string,
  config: ComposeDependency,
  containers: readonly { readonly id: string; readonly name: string }[],
  progress: Progress,
  options: { signal?: AbortSignal; timeoutMs?: number },
): Promise<void> {
  if (config.condition === 'service_started' || containers.length === 0) return;
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
  for (const container of containers) progress(`Container ${container.name}`, 'Waiting', dependency);
  let pending = [...containers];
  while (pending.length > 0) {
    const states = await Promise.all(pending.map(async (c) => ({ c, info: (await client.inspect('container', c.id, options.signal)) as Inspected })));
    pending = [];
    for (const { c, info } of states) {
      const state = info.State ?? {};
      if (config.condition === 'service_healthy') {
        if (!info.Config?.Healthcheck?.Test || info.Config.Healthcheck.Test[0] === 'NONE') {
          throw new ComposeServiceError(dependency, `Service "${dependant}" waits for "${dependency}" to be healthy, but container ${c.name} has no healthcheck`);
        }
        const health = state.Health?.Status;
        if (health === 'healthy') {
          progress(`Container ${c.name}`, 'Healthy', dependency);
        } else if (health === 'unhealthy' || (!state.Running && state.Status !== 'created')) {
          progress(`Container ${c.name}`, 'Error', dependency, 'unhealthy');
          throw new ComposeServiceError(dependency, `Service "${dependant}" cannot start: dependency "${dependency}" failed its healthcheck (container ${c.name} is ${health === 'unhealthy' ? 'unhealthy' : state.Status ?? 'not running'})`);
        } else {
          pending.push(c);
        }
      } else if (state.Status === 'exited' || state.Status === 'dead') {
        if (state.ExitCode !== 0) {
          progress(`Container ${c.name}`, 'Error', dependency, `exit ${String(state.ExitCode)}`);
          throw new ComposeServiceError(dependency, `Service "${dependency}" didn't complete successfully: exit ${String(state.ExitCode)} (service "${dependant}" waits for it)`);
        }
        progress(`Container ${c.name}`, 'Exited', dependency);
      } else {
        pending.push(c);
      }
    }
    if (pending.length === 0) break;
    if (Date.now() > deadline) {
      const what = config.condition === 'service_healthy' ? 'become healthy' : 'complete';
      throw new ComposeServiceError(dependency, `Service "${dependant}" cannot start: dependency "${dependency}" did not ${what} within ${Math.round((options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS) / 1000)} s`);
    }
    await sleep(POLL_MS, options.signal);
  }
}
