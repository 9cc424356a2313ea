// Docker refuses to build a Dockerfile with an instruction it does not know.
import { Instruction, Onbuild } from 'dockerfile-ast';
import { INSTRUCTIONS, isKnownInstruction } from '../instructions';
import { Problem, Rule } from '../problems';
import { closestMatch } from '../similarity';

const KEYWORDS = INSTRUCTIONS.map((info) => info.keyword);

export const unknownInstruction: Rule = {
  code: 'UnknownInstruction',
  kind: 'build-error',
  check(model) {
    const problems: Problem[] = [];
    for (const instruction of model.instructions) {
      report(instruction, problems);
      const trigger = instruction instanceof Onbuild ? instruction.getTriggerInstruction() : null;
      if (trigger) {
        report(trigger, problems);
      }
    }
    return problems;
  },
};

function report(instruction: Instruction, problems: Problem[]): void {
  const written = instruction.getInstruction();
  if (isKnownInstruction(written)) {
    return;
  }
  const suggestion = closestMatch(written, KEYWORDS);
  problems.push({
    code: unknownInstruction.code,
    severity: 'error',
    message: `Unknown instruction "${written}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}: Docker will refuse to build.`,
    range: instruction.getInstructionRange(),
  });
}
