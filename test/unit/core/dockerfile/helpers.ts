// Small helpers for the Dockerfile tests: run the checks on text, pick problems by rule.
import { checkDockerfile } from '../../../../src/core/dockerfile/checkDockerfile';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { Problem } from '../../../../src/core/dockerfile/problems';

export function dockerfile(...lines: string[]): string {
  return lines.join('\n');
}

export function problems(text: string): Problem[] {
  return checkDockerfile(parseDockerfile(text));
}

export function problemsOf(code: string, text: string): Problem[] {
  return problems(text).filter((problem) => problem.code === code);
}

/** `line:character` (zero-based) of each problem's start, for compact assertions. */
export function starts(found: readonly Problem[]): string[] {
  return found.map((problem) => `${problem.range.start.line}:${problem.range.start.character}`);
}
