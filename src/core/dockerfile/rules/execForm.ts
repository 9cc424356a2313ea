// Which form an instruction's arguments take. Docker reads them as a JSON array of strings (the exec
// form) when they parse as one, and otherwise runs them through the shell.
import { Instruction } from 'dockerfile-ast';
import { DockerfileModel, instructionText } from '../model';

export type ArgumentsForm = 'exec' | 'shell' | 'single-quoted-array';

export function argumentsForm(model: DockerfileModel, instruction: Instruction): ArgumentsForm {
  const text = logicalArguments(model, instruction).trim();
  if (!text.startsWith('[')) {
    return 'shell';
  }
  if (isStringArray(text)) {
    return 'exec';
  }
  // Would it be an array of strings with the single quotes made double? (`[ 'a' = 'b' ]` would not.)
  const requoted = text.replace(/'([^'\\]*)'/g, (_, content: string) => JSON.stringify(content));
  return requoted !== text && isStringArray(requoted) ? 'single-quoted-array' : 'shell';
}

function isStringArray(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}

/** The arguments after the keyword (and after flags), with continuations and comment lines removed. */
export function logicalArguments(model: DockerfileModel, instruction: Instruction): string {
  const keywordEnd = instruction.getInstructionRange().end;
  const start = instruction.getRange().start;
  const lines = instructionText(model, instruction).split('\n');
  const escape = model.escapeChar;
  const parts: string[] = [];
  lines.forEach((line, index) => {
    let text = index === 0 ? line.slice(keywordEnd.character - start.character) : line;
    if (index > 0 && /^\s*(#|$)/.test(text)) {
      return;
    }
    const trimmed = text.trimEnd();
    if (trimmed.endsWith(escape) && index < lines.length - 1) {
      text = trimmed.slice(0, -escape.length);
    }
    parts.push(text);
  });
  const joined = parts.join('');
  return stripFlags(joined);
}

/** Leading `--name[=value]` words, which RUN, COPY and ADD take before their arguments. */
function stripFlags(text: string): string {
  return text.replace(/^(\s*--[A-Za-z][\w-]*(=\S*)?)+/, '');
}
