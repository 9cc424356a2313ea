// A build needs a stage: only ARG may come before the first FROM, and there must be a FROM.
import { Problem, Rule } from '../problems';
import { isKnownInstruction } from '../instructions';

export const missingFrom: Rule = {
  code: 'MissingFrom',
  kind: 'build-error',
  check(model) {
    const problems: Problem[] = [];
    for (const instruction of model.preamble) {
      const keyword = instruction.getKeyword();
      // Unknown words are reported by UnknownInstruction already.
      if (keyword !== 'ARG' && isKnownInstruction(keyword)) {
        problems.push({
          code: missingFrom.code,
          severity: 'error',
          message: `${instruction.getInstruction()} comes before any FROM: only ARG may come before the first FROM.`,
          range: instruction.getInstructionRange(),
        });
      }
    }
    const last = model.instructions[model.instructions.length - 1];
    if (model.stages.length === 0 && last && problems.length === 0) {
      problems.push({
        code: missingFrom.code,
        severity: 'error',
        message: 'This Dockerfile has no FROM instruction, so there is no stage to build.',
        range: last.getInstructionRange(),
      });
    }
    return problems;
  },
};
