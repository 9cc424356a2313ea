// The JSON (exec) form of CMD, ENTRYPOINT and friends.
// JSONArgsRecommended (BuildKit): CMD/ENTRYPOINT in shell form run under `/bin/sh -c`, which does not
// pass signals on, so the container ignores `docker stop` until it is killed. Reported when no SHELL
// instruction has set another shell in the stage, as BuildKit does.
// ExecFormSingleQuotes (this extension): `['a', 'b']` is not JSON, so Docker silently runs it as
// a shell command, which is almost never what was meant.
import { Instruction } from 'dockerfile-ast';
import { DockerfileModel, instructionText, Stage } from '../model';
import { Problem, Rule } from '../problems';
import { argumentsForm } from './execForm';

const SIGNAL_KEYWORDS = new Set(['CMD', 'ENTRYPOINT']);
const JSON_CAPABLE = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD', 'VOLUME', 'SHELL']);

export const jsonArgsRecommended: Rule = {
  code: 'JSONArgsRecommended',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    forEachInstructionWithShell(model, (instruction, shellSet) => {
      const keyword = instruction.getKeyword();
      if (!SIGNAL_KEYWORDS.has(keyword) || shellSet) {
        return;
      }
      const form = argumentsForm(model, instruction);
      if (form === 'exec' || instruction.getArgumentsRange() === null) {
        return;
      }
      problems.push({
        code: jsonArgsRecommended.code,
        severity: 'warning',
        message: form === 'single-quoted-array' ? singleQuotesMessage(keyword) : `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals`,
        range: instruction.getArgumentsRange() ?? instruction.getRange(),
      });
    });
    return problems;
  },
};

export const execFormSingleQuotes: Rule = {
  code: 'ExecFormSingleQuotes',
  kind: 'extra-check',
  check(model) {
    const problems: Problem[] = [];
    forEachInstructionWithShell(model, (instruction, shellSet) => {
      const keyword = instruction.getKeyword();
      // JSONArgsRecommended already says this for CMD and ENTRYPOINT when no SHELL is set.
      if (!JSON_CAPABLE.has(keyword) || (SIGNAL_KEYWORDS.has(keyword) && !shellSet) || !/\[\s*'/.test(instructionText(model, instruction))) {
        return;
      }
      if (argumentsForm(model, instruction) === 'single-quoted-array') {
        problems.push({ code: execFormSingleQuotes.code, severity: 'warning', message: singleQuotesMessage(keyword), range: instruction.getArgumentsRange() ?? instruction.getRange() });
      }
    });
    return problems;
  },
};

function singleQuotesMessage(keyword: string): string {
  return `${keyword} uses single quotes, which JSON does not allow, so Docker runs it as a shell command; use double quotes for the exec form: ["executable", "param"]`;
}

/** Visits each stage instruction with whether a SHELL instruction is in effect there. */
function forEachInstructionWithShell(model: DockerfileModel, visit: (instruction: Instruction, shellSet: boolean) => void): void {
  const shellAtEnd = new Map<Stage, boolean>();
  for (const stage of model.stages) {
    let shellSet = stage.parent ? (shellAtEnd.get(stage.parent) ?? false) : false;
    for (const instruction of stage.instructions) {
      visit(instruction, shellSet);
      shellSet ||= instruction.getKeyword() === 'SHELL';
    }
    shellAtEnd.set(stage, shellSet);
  }
}
