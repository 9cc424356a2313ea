// BuildKit UndefinedArgInFrom: a FROM line can only use ARGs declared before the first FROM, and the
// platform arguments that BuildKit predefines.
import { Arg } from 'dockerfile-ast';
import { instructionText } from '../model';
import { Problem, Rule } from '../problems';
import { closestMatch, SuggestionBudget } from '../similarity';
import { variableReferences } from '../variables';

/** Build arguments that BuildKit defines for every FROM line. */
export const PREDEFINED_FROM_ARGS: readonly string[] = [
  'BUILDPLATFORM', 'BUILDOS', 'BUILDOSVERSION', 'BUILDARCH', 'BUILDVARIANT',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETOSVERSION', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
];

export const undefinedArgInFrom: Rule = {
  code: 'UndefinedArgInFrom',
  kind: 'buildkit-check',
  check(model) {
    const declared = new Set(PREDEFINED_FROM_ARGS);
    for (const instruction of model.preamble) {
      if (instruction instanceof Arg) {
        instruction.getProperties().forEach((property) => declared.add(property.getName()));
      }
    }
    const problems: Problem[] = [];
    const budget = new SuggestionBudget();
    for (const { from } of model.stages) {
      if (!instructionText(model, from).includes('$')) {
        continue;
      }
      for (const { name, nameRange } of variableReferences(model, from)) {
        if (declared.has(name)) {
          continue;
        }
        const suggestion = budget.spend(declared.size) ? closestMatch(name, declared) : undefined;
        problems.push({
          code: undefinedArgInFrom.code,
          severity: 'warning',
          message: `FROM argument '${name}' is not declared${suggestion ? ` (did you mean ${suggestion}?)` : ''}: declare it with ARG before the first FROM.`,
          range: nameRange,
        });
      }
    }
    return problems;
  },
};
