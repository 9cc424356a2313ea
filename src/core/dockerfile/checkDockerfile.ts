// Runs every check on a Dockerfile and applies what its `# check=` directive asks for, as BuildKit
// does: `skip=Rule1,Rule2` or `skip=all` turn checks off, `error=true` makes them errors. Build
// errors (an unknown instruction, no FROM) are never skipped.
import { CheckOptions, NO_SKIPS, parseCheckDirective } from './directives';
import { DockerfileModel } from './model';
import { buildKitRuleUrl, Problem, Rule } from './problems';
import { RULES } from './rules';
import { comparePositions } from './textRange';

export function checkDockerfile(model: DockerfileModel, rules: readonly Rule[] = RULES): Problem[] {
  const options = checkOptions(model);
  const problems: Problem[] = [];
  for (const rule of rules) {
    if (rule.kind !== 'build-error' && (options.skipAll || options.skip.has(rule.code))) {
      continue;
    }
    const url = rule.kind === 'buildkit-check' ? buildKitRuleUrl(rule.code) : undefined;
    for (const problem of rule.check(model)) {
      problems.push(url !== undefined ? { ...problem, url, severity: options.error ? 'error' : problem.severity } : problem);
    }
  }
  return problems.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

/** The options of the file's `# check=` directive; an unreadable one skips nothing. */
export function checkOptions(model: DockerfileModel): CheckOptions {
  const directive = model.directives.find((d) => d.name === 'check');
  const parsed = directive ? parseCheckDirective(directive.value) : undefined;
  return parsed?.ok ? parsed.options : NO_SKIPS;
}
