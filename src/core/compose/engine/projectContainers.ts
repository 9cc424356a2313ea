import type { ComposeDependency } from '../model/composeModel';
import type { EngineClient } from '../../engine/engineClient';
import { COMPOSE_LABELS, projectFilter } from './composeLabels';
import type { ComposeContainerState } from './composeTypes';

/** The part of GET /containers/json we read. */
interface RawSummary {
  Id: string;
  Names?: string[];
  Image?: string;
  State?: string;
  Status?: string;
  Labels?: Record<string, string> | null;
  Ports?: { IP?: string; PublicPort?: number; PrivatePort: number; Type: string }[];
}

/**
 * Every container carrying the project's label (whoever made it: v1, v2 or us), one-off ones
 * included only when asked; sorted by service, then number.
 */
export async function projectContainers(client: EngineClient, projectName: string | undefined, options: { oneoff?: boolean; signal?: AbortSignal } = {}): Promise<ComposeContainerState[]> {
  const filters = projectName !== undefined ? projectFilter(projectName) : { label: [COMPOSE_LABELS.project] };
  const raw = await client.call<RawSummary[]>((d, abortSignal) => d.listContainers({ all: true, filters, abortSignal } as never), { ...(options.signal && { signal: options.signal }) });
  return raw
    .filter((c) => options.oneoff === true || (c.Labels ?? {})[COMPOSE_LABELS.oneoff] !== 'True')
    .map(toState)
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.number - b.number));
}

export function toState(raw: RawSummary): ComposeContainerState {
  const labels = raw.Labels ?? {};
  const status = raw.Status ?? '';
  const health = /\(healthy\)/.test(status) ? 'healthy' : /\(unhealthy\)/.test(status) ? 'unhealthy' : /\(health: starting\)/.test(status) ? 'starting' : '';
  const exited = /^Exited \((-?\d+)\)/.exec(status);
  return {
    id: raw.Id,
    name: (raw.Names?.[0] ?? raw.Id.slice(0, 12)).replace(/^\//, ''),
    service: labels[COMPOSE_LABELS.service] ?? '',
    number: Number(labels[COMPOSE_LABELS.containerNumber] ?? '1') || 1,
    image: raw.Image ?? '',
    state: raw.State ?? 'unknown',
    health,
    status,
    ...(exited && { exitCode: Number(exited[1]) }),
    ports: (raw.Ports ?? []).map((p) => ({ ...(p.IP !== undefined && { hostIp: p.IP }), ...(p.PublicPort !== undefined && { hostPort: p.PublicPort }), containerPort: p.PrivatePort, protocol: p.Type })),
    labels,
  };
}

/** The dependencies a container's labels record (`svc:condition:restart,…`), for working without the files. */
export function labelledDependencies(container: ComposeContainerState): Record<string, ComposeDependency> {
  const dependencies: Record<string, ComposeDependency> = {};
  for (const entry of (container.labels[COMPOSE_LABELS.dependsOn] ?? '').split(',')) {
    const [name = '', condition = 'service_started', restart = 'false'] = entry.split(':');
    if (name === '') continue;
    const known = ['service_started', 'service_healthy', 'service_completed_successfully'].includes(condition);
    dependencies[name] = { condition: known ? (condition as ComposeDependency['condition']) : 'service_started', restart: restart === 'true', required: true };
  }
  return dependencies;
}

/** Services as the labels describe them: name and depends_on, in the shape the dependency ordering takes. */
export function servicesFromLabels(containers: readonly ComposeContainerState[]): { name: string; depends_on: Record<string, ComposeDependency> }[] {
  const services = new Map<string, Record<string, ComposeDependency>>();
  for (const container of containers) {
    services.set(container.service, { ...services.get(container.service), ...labelledDependencies(container) });
  }
  return [...services].map(([name, depends_on]) => ({ name, depends_on }));
}

/**
 * The services to restart when `requested` are: those plus, transitively, every service whose
 * labels record `restart: true` on one of them (v2's restart includes such dependants).
 */
export function withRestartDependants(containers: readonly ComposeContainerState[], requested: readonly string[]): string[] {
  const services = servicesFromLabels(containers);
  const chosen = new Set(requested);
  let grew = true;
  while (grew) {
    grew = false;
    for (const service of services) {
      if (chosen.has(service.name)) continue;
      if (Object.entries(service.depends_on).some(([dependency, config]) => config.restart && chosen.has(dependency))) {
        chosen.add(service.name);
        grew = true;
      }
    }
  }
  return [...chosen];
}
