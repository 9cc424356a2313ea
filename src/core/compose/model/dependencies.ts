import type { ComposeService } from './composeModel';

/** A dependency problem: `service`'s `depends_on` names `dependency`. */
export interface DependencyProblem {
  readonly service: string;
  readonly dependency: string;
  readonly message: string;
}

/**
 * Each enabled service's dependencies exist and are enabled (a `required: false` one may be
 * missing: it is dropped with a warning); returns the problems, and the warnings.
 */
export function checkDependencies(
  enabled: Readonly<Record<string, ComposeService>>,
  disabled: Readonly<Record<string, ComposeService>>,
): { problems: DependencyProblem[]; warnings: string[] } {
  const problems: DependencyProblem[] = [];
  const warnings: string[] = [];
  for (const [name, service] of Object.entries(enabled)) {
    for (const [dependency, how] of Object.entries(service.depends_on)) {
      if (enabled[dependency] !== undefined) {
        continue;
      }
      const why = disabled[dependency] !== undefined ? `which no active profile enables (profiles: ${disabled[dependency]?.profiles.join(', ')})` : 'which is not defined';
      if (how.required) {
        problems.push({ service: name, dependency, message: `service ${name} depends on ${dependency}, ${why}` });
      } else {
        warnings.push(`service ${name} depends on ${dependency} (not required), ${why}: ignored`);
      }
    }
  }
  return { problems, warnings };
}

/** The first cycle in `depends_on`, as `a → b → a`; undefined when there is none. Iterative, so deep chains cannot exhaust the stack. */
export function findDependencyCycle(services: Readonly<Record<string, ComposeService>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of Object.keys(services)) {
    if (state.has(start)) {
      continue;
    }
    const stack: { name: string; next: string[] }[] = [{ name: start, next: Object.keys(services[start]?.depends_on ?? {}) }];
    state.set(start, 'visiting');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { name: string; next: string[] };
      const dependency = top.next.shift();
      if (dependency === undefined) {
        state.set(top.name, 'done');
        stack.pop();
        continue;
      }
      if (services[dependency] === undefined) {
        continue;
      }
      if (state.get(dependency) === 'visiting') {
        const from = stack.findIndex((frame) => frame.name === dependency);
        return [...stack.slice(from).map((frame) => frame.name), dependency];
      }
      if (!state.has(dependency)) {
        state.set(dependency, 'visiting');
        stack.push({ name: dependency, next: Object.keys(services[dependency]?.depends_on ?? {}) });
      }
    }
  }
  return undefined;
}
