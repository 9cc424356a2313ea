// BuildKit ReservedStageName: `scratch` and `context` already mean something in FROM and --from.
import { Problem, Rule } from '../problems';

const RESERVED = new Set(['scratch', 'context']);

export const reservedStageName: Rule = {
  code: 'ReservedStageName',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    for (const stage of model.stages) {
      const name = stage.name?.toLowerCase();
      if (name !== undefined && stage.nameRange && RESERVED.has(name)) {
        problems.push({
          code: reservedStageName.code,
          severity: 'warning',
          message: `Stage name should not use the same name as reserved stage "${name}"`,
          range: stage.nameRange,
        });
      }
    }
    return problems;
  },
};
