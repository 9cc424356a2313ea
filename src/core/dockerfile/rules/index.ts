// Every check that runs on a Dockerfile, in the order their problems are listed for one position.
import { Rule } from '../problems';
import { duplicateStageName } from './duplicateStageName';
import { fromAsCasing } from './fromAsCasing';
import { invalidCheckDirective } from './invalidCheckDirective';
import { execFormSingleQuotes, jsonArgsRecommended } from './jsonArgs';
import { maintainerDeprecated } from './maintainerDeprecated';
import { missingFrom } from './missingFrom';
import { multipleInstructionsDisallowed } from './multipleInstructionsDisallowed';
import { noEmptyContinuation } from './noEmptyContinuation';
import { reservedStageName } from './reservedStageName';
import { secretsUsedInArgOrEnv } from './secretsUsedInArgOrEnv';
import { stageNameCasing } from './stageNameCasing';
import { undefinedArgInFrom } from './undefinedArgInFrom';
import { unknownInstruction } from './unknownInstruction';
import { unknownStage } from './unknownStage';
import { workdirRelativePath } from './workdirRelativePath';

export const RULES: readonly Rule[] = [
  unknownInstruction,
  missingFrom,
  invalidCheckDirective,
  fromAsCasing,
  stageNameCasing,
  duplicateStageName,
  reservedStageName,
  unknownStage,
  undefinedArgInFrom,
  workdirRelativePath,
  jsonArgsRecommended,
  execFormSingleQuotes,
  maintainerDeprecated,
  multipleInstructionsDisallowed,
  noEmptyContinuation,
  secretsUsedInArgOrEnv,
];
