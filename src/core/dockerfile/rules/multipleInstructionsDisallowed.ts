// BuildKit MultipleInstructionsDisallowed: only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage
// takes effect, so the earlier ones are reported as doing nothing.
import { Instruction } from 'dockerfile-ast';
import { Problem, Rule } from '../problems';

const ONCE_PER_STAGE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const multipleInstructionsDisallowed: Rule = {
  code: 'MultipleInstructionsDisallowed',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    for (const stage of model.stages) {
      const seen = new Map<string, Instruction[]>();
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (ONCE_PER_STAGE.includes(keyword)) {
          seen.set(keyword, [...(seen.get(keyword) ?? []), instruction]);
        }
      }
      for (const [keyword, instructions] of seen) {
        for (const ignored of instructions.slice(0, -1)) {
          problems.push({
            code: multipleInstructionsDisallowed.code,
            severity: 'warning',
            message: `Multiple ${keyword} instructions should not be used in the same stage because only the last one will be used`,
            range: ignored.getInstructionRange(),
            tags: ['unnecessary'],
          });
        }
      }
    }
    return problems;
  },
};
