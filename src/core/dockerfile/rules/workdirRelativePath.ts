// BuildKit WorkdirRelativePath: a relative WORKDIR before any absolute one in the stage (or the
// stages it builds on) depends on the base image's working directory.
import { Workdir } from 'dockerfile-ast';
import { Stage } from '../model';
import { Problem, Rule } from '../problems';

const ABSOLUTE = /^(?:\/|\\|[A-Za-z]:[\\/])/;

export const workdirRelativePath: Rule = {
  code: 'WorkdirRelativePath',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    const setAtEnd = new Map<Stage, boolean>();
    for (const stage of model.stages) {
      let workdirSet = stage.parent ? (setAtEnd.get(stage.parent) ?? false) : false;
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Workdir)) {
          continue;
        }
        const path = instruction.getArguments()[0];
        const value = path?.getValue();
        // A path built from variables is only known at build time.
        if (path && value !== undefined && !workdirSet && !ABSOLUTE.test(value) && !value.includes('$')) {
          problems.push({
            code: workdirRelativePath.code,
            severity: 'warning',
            message: `Relative workdir "${value}" can have unexpected results if the base image changes; start the stage with an absolute WORKDIR.`,
            range: path.getRange(),
          });
        }
        workdirSet = true;
      }
      setAtEnd.set(stage, workdirSet);
    }
    return problems;
  },
};
