// What to offer at the cursor: instruction keywords at the start of an instruction, stage names
// after `--from=` and `FROM`, and an instruction's flags after `--`.
import { Instruction } from 'dockerfile-ast';
import { INSTRUCTIONS, instructionInfo, InstructionInfo } from './instructions';
import { DockerfileModel, Stage, stageAtLine } from './model';
import { TextPosition } from './textRange';

export type CompletionKind = 'instruction' | 'stage' | 'flag';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail: string;
  /** Markdown. */
  readonly documentation: string;
  readonly insertText: string;
  /** The entry replaces the line's text from this character up to the cursor. */
  readonly replaceFrom: number;
}

/** Instructions that ONBUILD cannot hold (Docker refuses them as triggers). */
const NOT_A_TRIGGER = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export function completionsAt(model: DockerfileModel, position: TextPosition): CompletionEntry[] {
  const prefix = (model.lines[position.line] ?? '').slice(0, position.character);
  const containing = instructionAtLine(model, position.line);
  const startsHere = !containing || containing.getRange().start.line === position.line;

  const keyword = /^\s*([A-Za-z]*)$/.exec(prefix);
  if (keyword && startsHere) {
    return keywordEntries(INSTRUCTIONS, position.character - (keyword[1] ?? '').length);
  }
  const trigger = /^\s*onbuild\s+([A-Za-z]*)$/i.exec(prefix);
  if (trigger && startsHere) {
    return keywordEntries(INSTRUCTIONS.filter((info) => !NOT_A_TRIGGER.has(info.keyword)), position.character - (trigger[1] ?? '').length);
  }
  if (!containing) {
    return [];
  }
  const current = stageAtLine(model, position.line);
  const fromStage = /^\s*from\s+(?:--\S+\s+)*(\S*)$/i.exec(prefix);
  if (fromStage && containing.getKeyword() === 'FROM') {
    // A FROM can only build on stages above it.
    const earlier = model.stages.filter((stage) => stage.range.start.line < position.line);
    return stageEntries(earlier, position.character - (fromStage[1] ?? '').length);
  }
  const copyFrom = stageReferenceAtEnd(prefix);
  if (copyFrom !== undefined && ['COPY', 'RUN'].includes(containing.getKeyword())) {
    const others = model.stages.filter((stage) => stage !== current);
    return stageEntries(others, position.character - copyFrom.length);
  }
  const flag = /(?:^|\s)--([A-Za-z-]*)$/.exec(prefix);
  const info = instructionInfo(containing.getKeyword());
  if (flag && info) {
    return flagEntries(info, position.character - (flag[1] ?? '').length - 2);
  }
  return [];
}

/**
 * The stage name being typed at the end of `--from=…` or `--mount=…,from=…`: what
 * `/--from=(\S*)$/` or else `/--mount=\S*\bfrom=([^\s,]*)$/` capture, found without their
 * quadratic backtracking over a long word full of `--from=`.
 */
function stageReferenceAtEnd(prefix: string): string | undefined {
  const word = prefix.slice(lastWhitespace(prefix) + 1);
  const copy = word.indexOf('--from=');
  if (copy >= 0) {
    return word.slice(copy + '--from='.length);
  }
  const mount = word.indexOf('--mount=');
  if (mount < 0) {
    return undefined;
  }
  // The last `from=` after the `--mount=` that starts a word (`\b`); no comma may follow it.
  for (let at = word.lastIndexOf('from='); at >= mount + '--mount='.length; at = word.lastIndexOf('from=', at - 1)) {
    if (!/\w/.test(word[at - 1] ?? '')) {
      const value = word.slice(at + 'from='.length);
      return value.includes(',') ? undefined : value;
    }
  }
  return undefined;
}

function lastWhitespace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    if (/\s/.test(text[i] as string)) {
      return i;
    }
  }
  return -1;
}

function instructionAtLine(model: DockerfileModel, line: number): Instruction | undefined {
  // Instructions are in order, so the last one starting at or before the line is the candidate.
  let candidate: Instruction | undefined;
  for (const instruction of model.instructions) {
    if (instruction.getRange().start.line > line) {
      break;
    }
    candidate = instruction;
  }
  return candidate && candidate.getRange().end.line >= line ? candidate : undefined;
}

function keywordEntries(infos: readonly InstructionInfo[], replaceFrom: number): CompletionEntry[] {
  return infos.map((info) => ({
    label: info.keyword,
    kind: 'instruction',
    detail: info.deprecated ? 'deprecated' : info.syntax[0] ?? info.keyword,
    documentation: `${info.summary}\n\n${info.syntax.map((form) => `    ${form}`).join('\n')}`,
    insertText: `${info.keyword} `,
    replaceFrom,
  }));
}

function stageEntries(stages: readonly Stage[], replaceFrom: number): CompletionEntry[] {
  return stages.flatMap((stage) =>
    stage.name === undefined
      ? []
      : [{
          label: stage.name,
          kind: 'stage' as const,
          detail: `stage ${stage.index} · FROM ${stage.image ?? ''}`.trimEnd(),
          documentation: `Build stage \`${stage.name}\`, line ${stage.range.start.line + 1}.`,
          insertText: stage.name,
          replaceFrom,
        }],
  );
}

function flagEntries(info: InstructionInfo, replaceFrom: number): CompletionEntry[] {
  return info.flags.map((flag) => ({
    label: `--${flag.name}`,
    kind: 'flag',
    detail: `${info.keyword} option`,
    documentation: flag.summary,
    insertText: flag.takesValue ? `--${flag.name}=` : `--${flag.name}`,
    replaceFrom,
  }));
}
