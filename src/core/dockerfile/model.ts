// One parse of a Dockerfile (by dockerfile-ast), arranged the way the checks and editor features ask
// for it: the instructions, the build stages they fall into, and the parser directives.
import { Dockerfile, DockerfileParser, From, Instruction } from 'dockerfile-ast';
import { cacheInstructionArguments } from './argumentCache';
import { ParserDirective, readParserDirectives } from './directives';
import { TextRange } from './textRange';

export interface Stage {
  /** Position among the stages, as `COPY --from=<index>` counts them. */
  readonly index: number;
  readonly from: From;
  /** The name after AS, as written. */
  readonly name: string | undefined;
  readonly nameRange: TextRange | undefined;
  /** The base image as written (variables unexpanded), or an earlier stage's name. */
  readonly image: string | undefined;
  readonly imageRange: TextRange | undefined;
  /** The stage's instructions after its FROM. */
  readonly instructions: readonly Instruction[];
  /** The earlier stage that this one builds on (`FROM <stage>`), if any. */
  readonly parent: Stage | undefined;
  /** From the FROM to the end of the stage's last instruction. */
  readonly range: TextRange;
}

export interface DockerfileModel {
  readonly lines: readonly string[];
  readonly ast: Dockerfile;
  readonly instructions: readonly Instruction[];
  /** Instructions before the first FROM: global ARGs (and mistakes). */
  readonly preamble: readonly Instruction[];
  readonly stages: readonly Stage[];
  readonly directives: readonly ParserDirective[];
  /** `\` or, with `# escape=``, a backtick. */
  readonly escapeChar: string;
}

cacheInstructionArguments();

export function parseDockerfile(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const lines = text.split(/\r\n|\r|\n/);
  const instructions = ast.getInstructions();
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  // The first stage of each name (lowercased): a FROM builds on it, found without a scan per stage.
  const byName = new Map<string, Stage>();
  let current: { from: From; instructions: Instruction[] } | undefined;
  const finish = (): void => {
    if (current) {
      const stage = makeStage(stages.length, byName, current.from, current.instructions);
      stages.push(stage);
      const key = stage.name?.toLowerCase();
      if (key !== undefined && !byName.has(key)) {
        byName.set(key, stage);
      }
    }
  };
  for (const instruction of instructions) {
    if (instruction instanceof From) {
      finish();
      current = { from: instruction, instructions: [] };
    } else if (current) {
      current.instructions.push(instruction);
    } else {
      preamble.push(instruction);
    }
  }
  finish();
  return { lines, ast, instructions, preamble, stages, directives: readParserDirectives(lines), escapeChar: ast.getEscapeCharacter() };
}

function makeStage(index: number, earlier: ReadonlyMap<string, Stage>, from: From, instructions: readonly Instruction[]): Stage {
  const name = from.getBuildStage() ?? undefined;
  const image = from.getImage() ?? undefined;
  const last = instructions[instructions.length - 1] ?? from;
  return {
    index,
    from,
    name,
    nameRange: from.getBuildStageRange() ?? undefined,
    image,
    imageRange: from.getImageRange() ?? undefined,
    instructions,
    parent: image === undefined ? undefined : earlier.get(image.toLowerCase()),
    range: { start: from.getRange().start, end: last.getRange().end },
  };
}

/** BuildKit compares stage names without regard to case. */
export function findStageByName(stages: readonly Stage[], name: string): Stage | undefined {
  const wanted = name.toLowerCase();
  return stages.find((stage) => stage.name?.toLowerCase() === wanted);
}

/** The stage whose lines include `line`, if any. */
export function stageAtLine(model: DockerfileModel, line: number): Stage | undefined {
  let found: Stage | undefined;
  for (const stage of model.stages) {
    if (stage.range.start.line > line) {
      break;
    }
    found = stage;
  }
  return found;
}

/** The stages that a stage inherits from, nearest first, ending with one based on an image. */
export function ancestry(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage; current && !chain.includes(current); current = current.parent) {
    chain.push(current);
  }
  return chain;
}

/** The instruction's text from its keyword to its end, lines joined with `\n`. */
export function instructionText(model: DockerfileModel, instruction: Instruction): string {
  const { start, end } = instruction.getRange();
  if (start.line === end.line) {
    return (model.lines[start.line] ?? '').slice(start.character, end.character);
  }
  const parts = [(model.lines[start.line] ?? '').slice(start.character)];
  for (let line = start.line + 1; line < end.line; line++) {
    parts.push(model.lines[line] ?? '');
  }
  parts.push((model.lines[end.line] ?? '').slice(0, end.character));
  return parts.join('\n');
}
