import type { ComposeProject, ComposeService } from '../model/composeModel';
import { ComposeServiceError } from './composeTypes';

/**
 * The services to work on: the ones asked for plus everything they depend on (as `docker compose
 * up web` starts web's dependencies too), or all enabled services. An unknown name is an error.
 */
export function selectServices(project: ComposeProject, requested: readonly string[] | undefined, withDependencies = true): ComposeService[] {
  if (!requested || requested.length === 0) {
    return Object.values(project.services);
  }
  const chosen = new Set<string>();
  const visit = (name: string, from: string | undefined): void => {
    if (chosen.has(name)) return;
    const service = project.services[name];
    if (!service) {
      const hidden = project.disabledServices[name] ? ' (its profile is not active)' : '';
      throw new ComposeServiceError(name, from ? `Service "${from}" depends on "${name}", which the project does not have${hidden}` : `No service "${name}" in project "${project.name}"${hidden}`);
    }
    chosen.add(name);
    if (withDependencies) {
      for (const [dependency, config] of Object.entries(service.depends_on)) {
        if (config.required || project.services[dependency]) visit(dependency, name);
      }
    }
  };
  for (const name of requested) visit(name, undefined);
  return Object.values(project.services).filter((service) => chosen.has(service.name));
}

/** What ordering needs of a service: its name and what it depends on. */
export interface OrderedService {
  readonly name: string;
  readonly depends_on: Readonly<Record<string, unknown>>;
}

/**
 * Services in waves: every service comes after all it depends on (within the selection); the
 * services of one wave are independent of each other. A cycle is an error naming its services.
 */
export function dependencyWaves<S extends OrderedService>(services: readonly S[]): S[][] {
  const byName = new Map(services.map((service) => [service.name, service]));
  const placed = new Set<string>();
  const waves: S[][] = [];
  let remaining = [...services];
  while (remaining.length > 0) {
    const wave = remaining.filter((service) => Object.keys(service.depends_on).every((dep) => placed.has(dep) || !byName.has(dep)));
    if (wave.length === 0) {
      const names = remaining.map((service) => service.name).sort();
      throw new ComposeServiceError(names[0], `depends_on makes a cycle among services ${names.join(', ')}`);
    }
    for (const service of wave) placed.add(service.name);
    waves.push(wave);
    remaining = remaining.filter((service) => !placed.has(service.name));
  }
  return waves;
}

/** The reverse order, for stopping: dependants before what they depend on. */

/**
 * Runs `work` for every service as soon as what it waits for is done: its dependencies
 * ('dependencies-first', for up and start) or its dependants ('dependants-first', for stop), so
 * independent services proceed in parallel. A service whose prerequisite failed is skipped;
 * the others still run. Rejects with the first failure once everything settled.
 */
export async function inDependencyOrder<S extends OrderedService>(
  services: readonly S[],
  direction: 'dependencies-first' | 'dependants-first',
  work: (service: S) => Promise<void>,
): Promise<void> {
  dependencyWaves(services); // a cycle fails here, before anything runs
  const names = new Set(services.map((service) => service.name));
  const prerequisites = new Map<string, string[]>(services.map((service) => [service.name, []]));
  for (const service of services) {
    for (const dependency of Object.keys(service.depends_on).filter((name) => names.has(name))) {
      if (direction === 'dependencies-first') prerequisites.get(service.name)?.push(dependency);
      else prerequisites.get(dependency)?.push(service.name);
    }
  }
  const done = new Map<string, Promise<void>>();
  const run = (service: S): Promise<void> => {
    let promise = done.get(service.name);
    if (!promise) {
      const before = (prerequisites.get(service.name) ?? []).map((name) => run(services.find((s) => s.name === name) as S));
      promise = Promise.all(before).then(() => work(service));
      done.set(service.name, promise);
    }
    return promise;
  };
  const results = await Promise.allSettled(services.map(run));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
