// BuildKit DuplicateStageName: two stages with one name (compared without case) make --from and
// --target ambiguous.
import { Problem, Rule } from '../problems';

export const duplicateStageName: Rule = {
  code: 'DuplicateStageName',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    const firstLine = new Map<string, number>();
    for (const stage of model.stages) {
      if (stage.name === undefined || !stage.nameRange) {
        continue;
      }
      const key = stage.name.toLowerCase();
      const earlier = firstLine.get(key);
      if (earlier === undefined) {
        firstLine.set(key, stage.from.getRange().start.line);
        continue;
      }
      problems.push({
        code: duplicateStageName.code,
        severity: 'warning',
        message: `Duplicate stage name "${key}", stage names should be unique (first used on line ${earlier + 1})`,
        range: stage.nameRange,
      });
    }
    return problems;
  },
};
