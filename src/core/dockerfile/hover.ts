// The hover on an instruction keyword: what the instruction does, how it is written, and a link to
// Docker's reference.
import { Instruction, Onbuild } from 'dockerfile-ast';
import { instructionInfo, referenceUrl } from './instructions';
import { DockerfileModel } from './model';
import { containsPosition, TextPosition, TextRange } from './textRange';

export interface HoverInfo {
  readonly markdown: string;
  readonly range: TextRange;
}

export function hoverAt(model: DockerfileModel, position: TextPosition): HoverInfo | undefined {
  for (const instruction of model.instructions) {
    if (instruction.getRange().start.line > position.line) {
      break;
    }
    const trigger = instruction instanceof Onbuild ? instruction.getTriggerInstruction() : null;
    for (const candidate of trigger ? [instruction, trigger] : [instruction]) {
      const hover = keywordHover(candidate, position);
      if (hover) {
        return hover;
      }
    }
  }
  return undefined;
}

function keywordHover(instruction: Instruction, position: TextPosition): HoverInfo | undefined {
  const range = instruction.getInstructionRange();
  const info = instructionInfo(instruction.getKeyword());
  if (!info || !containsPosition(range, position)) {
    return undefined;
  }
  const syntax = ['```dockerfile', ...info.syntax, '```'].join('\n');
  const markdown = `**${info.keyword}**${info.deprecated ? ' (deprecated)' : ''} — ${info.summary}\n\n${syntax}\n\n[Dockerfile reference](${referenceUrl(info.keyword)})`;
  return { markdown, range };
}
