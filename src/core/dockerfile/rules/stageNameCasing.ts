// BuildKit StageNameCasing: stage names are lowercased by BuildKit, so write them in lowercase.
import { Problem, Rule } from '../problems';

export const stageNameCasing: Rule = {
  code: 'StageNameCasing',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    for (const stage of model.stages) {
      if (stage.name !== undefined && stage.nameRange && stage.name !== stage.name.toLowerCase()) {
        problems.push({ code: stageNameCasing.code, severity: 'warning', message: `Stage name '${stage.name}' should be lowercase`, range: stage.nameRange });
      }
    }
    return problems;
  },
};
