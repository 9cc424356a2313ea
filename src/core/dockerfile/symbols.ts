// The outline of a Dockerfile: its build stages.
import { DockerfileModel } from './model';
import { TextRange } from './textRange';

export interface StageSymbol {
  /** The stage name, or `stage N` for an unnamed stage. */
  readonly name: string;
  /** The base image or stage. */
  readonly detail: string;
  readonly range: TextRange;
  readonly selectionRange: TextRange;
}

export function stageSymbols(model: DockerfileModel): StageSymbol[] {
  return model.stages.map((stage) => ({
    name: stage.name ?? `stage ${stage.index}`,
    detail: stage.image === undefined ? 'FROM' : `FROM ${stage.image}`,
    range: stage.range,
    selectionRange: stage.nameRange ?? stage.imageRange ?? stage.from.getInstructionRange(),
  }));
}
