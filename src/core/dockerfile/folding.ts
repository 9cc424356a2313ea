// Folding: whole stages, instructions that span lines (heredocs and continuations), blocks of
// comments, and `# region` / `# endregion` markers. A language configuration's folding markers
// cannot say "up to the next FROM", hence this.
import { DockerfileModel } from './model';

export interface FoldingSpan {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'comment' | 'region';
}

const REGION_START = /^\s*#\s*region\b/i;
const REGION_END = /^\s*#\s*endregion\b/i;
const COMMENT = /^\s*#/;

export function foldingSpans(model: DockerfileModel): FoldingSpan[] {
  const spans: FoldingSpan[] = [];
  for (const stage of model.stages) {
    if (stage.range.end.line > stage.range.start.line) {
      spans.push({ startLine: stage.range.start.line, endLine: stage.range.end.line });
    }
  }
  for (const instruction of model.instructions) {
    const { start, end } = instruction.getRange();
    if (end.line > start.line) {
      spans.push({ startLine: start.line, endLine: end.line });
    }
  }
  spans.push(...commentSpans(model));
  return spans;
}

function commentSpans(model: DockerfileModel): FoldingSpan[] {
  const spans: FoldingSpan[] = [];
  const insideInstruction = linesInsideInstructions(model);
  const regionStarts: number[] = [];
  let blockStart = -1;
  const closeBlock = (line: number): void => {
    if (blockStart >= 0 && line - 1 > blockStart) {
      spans.push({ startLine: blockStart, endLine: line - 1, kind: 'comment' });
    }
    blockStart = -1;
  };
  model.lines.forEach((text, line) => {
    const isComment = COMMENT.test(text) && !insideInstruction.has(line) && line >= model.directives.length;
    if (isComment && REGION_START.test(text)) {
      closeBlock(line);
      regionStarts.push(line);
    } else if (isComment && REGION_END.test(text)) {
      closeBlock(line);
      const start = regionStarts.pop();
      if (start !== undefined) {
        spans.push({ startLine: start, endLine: line, kind: 'region' });
      }
    } else if (isComment) {
      blockStart = blockStart < 0 ? line : blockStart;
    } else {
      closeBlock(line);
    }
  });
  closeBlock(model.lines.length);
  return spans;
}

function linesInsideInstructions(model: DockerfileModel): Set<number> {
  const lines = new Set<number>();
  for (const instruction of model.instructions) {
    const { start, end } = instruction.getRange();
    for (let line = start.line + 1; line <= end.line; line++) {
      lines.add(line);
    }
  }
  return lines;
}
