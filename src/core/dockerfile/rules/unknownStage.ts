// `COPY --from=<name>` and `RUN --mount=…,from=<name>` name a stage, an image or a named build
// context. A bare name that is not a stage of this file is most often a typo of one, and the build
// then fails trying to pull an image of that name; a reference to the stage itself is circular.
import { Copy, Instruction, ModifiableInstruction, Run } from 'dockerfile-ast';
import { DockerfileModel, instructionText, Stage } from '../model';
import { Problem, Rule } from '../problems';
import { closestMatch, SuggestionBudget } from '../similarity';
import { TextRange } from '../textRange';

interface StageReference {
  readonly value: string;
  readonly range: TextRange;
  readonly how: string;
}

export const unknownStage: Rule = {
  code: 'UnknownStage',
  kind: 'extra-check',
  check(model) {
    const problems: Problem[] = [];
    const context: Context = { model, byName: stagesByName(model.stages), budget: new SuggestionBudget() };
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        for (const reference of stageReferences(model, instruction)) {
          const problem = judge(context, stage, reference);
          if (problem) {
            problems.push(problem);
          }
        }
      }
    }
    return problems;
  },
};

interface Context {
  readonly model: DockerfileModel;
  /** The first stage of each lowercased name, as findStageByName finds it. */
  readonly byName: ReadonlyMap<string, Stage>;
  readonly budget: SuggestionBudget;
}

function stagesByName(stages: readonly Stage[]): Map<string, Stage> {
  const byName = new Map<string, Stage>();
  for (const stage of stages) {
    const key = stage.name?.toLowerCase();
    if (key !== undefined && !byName.has(key)) {
      byName.set(key, stage);
    }
  }
  return byName;
}

function stageReferences(model: DockerfileModel, instruction: Instruction): StageReference[] {
  const isCopy = instruction instanceof Copy;
  const isRun = instruction instanceof Run;
  // Reading flags costs a parse of the arguments: only do it when the text can hold a reference.
  if ((!isCopy && !isRun) || !instructionText(model, instruction).includes('from=')) {
    return [];
  }
  const references: StageReference[] = [];
  for (const flag of (instruction as ModifiableInstruction).getFlags()) {
    const valueRange = flag.getValueRange();
    const value = flag.getValue();
    if (isCopy && flag.getName() === 'from' && value && valueRange) {
      references.push({ value, range: valueRange, how: 'COPY --from' });
    }
    const option = isRun && flag.getName() === 'mount' ? flag.getOption('from') : null;
    const optionValue = option?.getValue();
    const optionRange = option?.getValueRange();
    if (optionValue && optionRange) {
      references.push({ value: optionValue, range: optionRange, how: 'RUN --mount from' });
    }
  }
  return references;
}

function judge({ model, byName, budget }: Context, current: Stage, { value, range, how }: StageReference): Problem | undefined {
  if (value.includes('$')) {
    return undefined; // decided by build arguments
  }
  if (/^\d+$/.test(value)) {
    const index = Number(value);
    if (index === current.index) {
      return { code: unknownStage.code, severity: 'error', range, message: `${how}=${value} refers to the stage it is in: a stage cannot copy from itself.` };
    }
    if (index >= model.stages.length) {
      return { code: unknownStage.code, severity: 'warning', range, message: `${how}=${value}: there is no stage ${index}; stages are counted from 0 and this Dockerfile has ${model.stages.length}.` };
    }
    return undefined;
  }
  const stage = byName.get(value.toLowerCase());
  if (stage === current) {
    return { code: unknownStage.code, severity: 'error', range, message: `${how}=${value} refers to the stage it is in: a stage cannot copy from itself.` };
  }
  // A tag, digest, registry or path makes it an image reference, not a stage name.
  if (stage || /[/:@.]/.test(value)) {
    return undefined;
  }
  const names = (): string[] => model.stages.flatMap((s) => (s.name === undefined || s === current ? [] : [s.name]));
  const suggestion = budget.spend(model.stages.length) ? closestMatch(value, names()) : undefined;
  return {
    code: unknownStage.code,
    severity: 'warning',
    range,
    message:
      `No stage named "${value}" in this Dockerfile${suggestion ? ` (did you mean "${suggestion}"?)` : ''}. ` +
      `Unless "${value}" is an image or a named build context, the build will fail; write an image with its tag (${value}:latest) to say so.`,
  };
}
