// A `# check=` directive that BuildKit cannot read makes the build fail before it starts.
import { parseCheckDirective } from '../directives';
import { Problem, Rule } from '../problems';

export const invalidCheckDirective: Rule = {
  code: 'InvalidCheckDirective',
  kind: 'build-error',
  check(model) {
    const problems: Problem[] = [];
    for (const directive of model.directives) {
      const parsed = directive.name === 'check' ? parseCheckDirective(directive.value) : undefined;
      if (parsed && !parsed.ok) {
        problems.push({ code: invalidCheckDirective.code, severity: 'error', message: `Invalid check directive: ${parsed.reason}.`, range: directive.valueRange });
      }
    }
    return problems;
  },
};
