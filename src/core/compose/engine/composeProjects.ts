import type { EngineClient } from '../../engine/engineClient';
import { COMPOSE_LABELS } from './composeLabels';
import type { ComposeContainerState, ComposeProjectSummary } from './composeTypes';
import { projectContainers } from './projectContainers';

/** `docker compose ps -a`: the project's containers (not one-off ones), by service then number. */
export function composePs(client: EngineClient, projectName: string, signal?: AbortSignal): Promise<ComposeContainerState[]> {
  return projectContainers(client, projectName, { ...(signal && { signal }) });
}

/** `docker compose ls -a`: every project that has containers on the engine, from their labels, by name. */
export async function listComposeProjects(client: EngineClient, signal?: AbortSignal): Promise<ComposeProjectSummary[]> {
  const byProject = new Map<string, ComposeContainerState[]>();
  for (const container of await projectContainers(client, undefined, { ...(signal && { signal }) })) {
    const name = container.labels[COMPOSE_LABELS.project] ?? '';
    byProject.set(name, [...(byProject.get(name) ?? []), container]);
  }
  return [...byProject]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, containers]) => summary(name, containers));
}

function summary(name: string, containers: readonly ComposeContainerState[]): ComposeProjectSummary {
  const first = (label: string): string | undefined => containers.map((c) => c.labels[label]).find((value) => value !== undefined && value !== '');
  const counts = new Map<string, number>();
  for (const container of containers) counts.set(container.state, (counts.get(container.state) ?? 0) + 1);
  const workingDir = first(COMPOSE_LABELS.workingDir);
  return {
    name,
    ...(workingDir !== undefined && { workingDir }),
    configFiles: (first(COMPOSE_LABELS.configFiles) ?? '').split(',').filter((file) => file !== ''),
    containers,
    services: [...new Set(containers.map((c) => c.service))],
    status: [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([state, count]) => `${state}(${count})`).join(', '),
  };
}
