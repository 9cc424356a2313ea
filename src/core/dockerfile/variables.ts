// Variable references (`$NAME`, `${NAME}`, `${NAME:-default}`) in an instruction's text, found by a
// scan of its lines: much cheaper than dockerfile-ast's variable resolution, which a check that only
// needs names and places does not need.
import { Instruction } from 'dockerfile-ast';
import { DockerfileModel } from './model';
import { range, TextRange } from './textRange';

export interface VariableReference {
  readonly name: string;
  readonly nameRange: TextRange;
}

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

export function variableReferences(model: DockerfileModel, instruction: Instruction): VariableReference[] {
  const references: VariableReference[] = [];
  const { start, end } = instruction.getRange();
  const keywordEnd = instruction.getInstructionRange().end;
  for (let line = start.line; line <= end.line; line++) {
    const text = model.lines[line] ?? '';
    const from = line === keywordEnd.line ? keywordEnd.character : 0;
    const to = line === end.line ? end.character : text.length;
    for (const match of text.slice(0, to).matchAll(REFERENCE)) {
      const at = match.index;
      const name = match[1] ?? match[2];
      // `\$` (or the file's escape character before `$`) is a literal dollar sign.
      if (name === undefined || at < from || text[at - 1] === model.escapeChar) {
        continue;
      }
      const nameStart = at + (match[1] === undefined ? 1 : 2);
      references.push({ name, nameRange: range(line, nameStart, line, nameStart + name.length) });
    }
  }
  return references;
}
