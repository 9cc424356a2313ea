// BuildKit SecretsUsedInArgOrEnv: ARG and ENV values stay in the image's history and metadata, so
// names that look like secrets are reported (the same word lists as BuildKit). Secrets belong in
// `RUN --mount=type=secret`. Global ARGs (before the first FROM) do not reach the image; BuildKit
// leaves them alone, and so does this rule.
import { Arg, Env } from 'dockerfile-ast';
import { Problem, Rule } from '../problems';

const SECRET_WORD = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const HARMLESS_WORD = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function looksSecret(name: string): boolean {
  return SECRET_WORD.test(name) && !HARMLESS_WORD.test(name);
}

export const secretsUsedInArgOrEnv: Rule = {
  code: 'SecretsUsedInArgOrEnv',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (!(instruction instanceof Arg) && !(instruction instanceof Env)) {
          continue;
        }
        for (const property of instruction.getProperties()) {
          const name = property.getName();
          if (looksSecret(name)) {
            problems.push({
              code: secretsUsedInArgOrEnv.code,
              severity: 'warning',
              message: `Do not use ARG or ENV instructions for sensitive data (${instruction.getKeyword()} "${name}"): the value stays in the image. Use RUN --mount=type=secret instead.`,
              range: property.getNameRange(),
            });
          }
        }
      }
    }
    return problems;
  },
};
