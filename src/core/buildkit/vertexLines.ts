import { Instruction } from 'dockerfile-ast';
import { DockerfileModel, Stage } from '../dockerfile/model';

/** Instructions for which BuildKit's Dockerfile frontend makes a step of its own (and counts it). */
const STEP_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * The 1-based Dockerfile line of a BuildKit step named as the Dockerfile frontend names them:
 * `[stage 2/4] RUN …`, `[stage-1 1/2] COPY …`, or `[2/3] RUN …` where there is one stage.
 * Undefined for internal steps (`[internal] load …`) and names that fit no instruction.
 */
export function lineOfVertex(model: DockerfileModel, vertexName: string, target?: string): number | undefined {
  const match = /^\[(?:(\S+) )?\s*(\d+)\/(\d+)\] ([A-Za-z]+)/.exec(vertexName);
  if (!match) {
    return undefined;
  }
  const [, stageName, stepText, , keywordText] = match;
  const stage = stageNamed(model, stageName, target);
  if (!stage) {
    return undefined;
  }
  const keyword = (keywordText ?? '').toUpperCase();
  if (keyword === 'FROM') {
    return stage.from.getRange().start.line + 1;
  }
  // The frontend counts the FROM of an image (not of an earlier stage) as step 1.
  const steps: Instruction[] = [...(stage.parent ? [] : [stage.from]), ...stage.instructions.filter((i) => STEP_KEYWORDS.has(i.getKeyword().toUpperCase()))];
  const byNumber = steps[Number(stepText) - 1];
  if (byNumber && byNumber.getKeyword().toUpperCase() === keyword) {
    return byNumber.getRange().start.line + 1;
  }
  const sameKeyword = stage.instructions.filter((i) => i.getKeyword().toUpperCase() === keyword);
  return sameKeyword.length === 1 ? (sameKeyword[0] as Instruction).getRange().start.line + 1 : undefined;
}

function stageNamed(model: DockerfileModel, name: string | undefined, target: string | undefined): Stage | undefined {
  if (name === undefined) {
    // Newer frontends leave the stage out when the build has one.
    return (target && model.stages.find((s) => s.name?.toLowerCase() === target.toLowerCase())) || model.stages[model.stages.length - 1];
  }
  const named = model.stages.find((s) => s.name?.toLowerCase() === name.toLowerCase());
  const numbered = /^stage-(\d+)$/.exec(name);
  return named ?? (numbered ? model.stages[Number(numbered[1])] : undefined);
}
