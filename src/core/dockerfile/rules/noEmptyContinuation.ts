// BuildKit NoEmptyContinuation: an empty line inside a continued instruction is skipped today and
// will be an error in a future release. Heredoc bodies may have empty lines; they are not checked.
import { Problem, Rule } from '../problems';
import { range } from '../textRange';

const HEREDOC_OPENER = /(?<!<)<<-?["']?[A-Za-z_]/;

export const noEmptyContinuation: Rule = {
  code: 'NoEmptyContinuation',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    for (const instruction of model.instructions) {
      const { start, end } = instruction.getRange();
      if (start.line === end.line || HEREDOC_OPENER.test(model.lines[start.line] ?? '')) {
        continue;
      }
      for (let line = start.line + 1; line < end.line; line++) {
        const text = model.lines[line] ?? '';
        if (text.trim() === '') {
          problems.push({
            code: noEmptyContinuation.code,
            severity: 'warning',
            message: `Empty continuation line: the ${instruction.getKeyword()} instruction goes on after it; remove the empty line (it will be an error in a future Docker release).`,
            range: range(line, 0, line, text.length),
          });
        }
      }
    }
    return problems;
  },
};
