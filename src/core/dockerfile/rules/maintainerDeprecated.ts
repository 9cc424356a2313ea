// BuildKit MaintainerDeprecated: MAINTAINER is deprecated in favour of a LABEL.
import { Problem, Rule } from '../problems';

export const maintainerDeprecated: Rule = {
  code: 'MaintainerDeprecated',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    for (const instruction of model.instructions) {
      if (instruction.getKeyword() === 'MAINTAINER') {
        problems.push({
          code: maintainerDeprecated.code,
          severity: 'warning',
          message: 'Maintainer instruction is deprecated in favor of using label: LABEL org.opencontainers.image.authors="…"',
          range: instruction.getInstructionRange(),
          tags: ['deprecated'],
        });
      }
    }
    return problems;
  },
};
