import { composeYamlValue, mergeTagPaths, parseComposeYaml, rangeOf, yamlProblems, type ComposeYaml } from './yamlDocument';
import { validateComposeSchema } from './schemaValidation';
import { applyMergeTags, stripMergeTags } from './mergeTags';

/** A problem for the editor: 0-based line and column. */
export interface ComposeTextProblem {
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * YAML syntax errors, then (when the YAML is sound) schema errors at the offending key or value.
 * No file system and no environment: `${VAR}` is checked as the text it is.
 */
export function checkComposeText(text: string, file: string): ComposeTextProblem[] {
  try {
    return check(text, file);
  } catch (failure) {
    // Called on every edit: a bug here must show as one line in Problems, never as a failing provider.
    return [{ message: `Docker Hosts could not check this file: ${(failure as Error).message}`, severity: 'warning', startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 }];
  }
}

function check(text: string, file: string): ComposeTextProblem[] {
  const yaml = parseComposeYaml(text, file);
  const syntax = yamlProblems(yaml);
  if (syntax.some((problem) => problem.severity === 'error')) {
    return syntax.map((problem) => toTextProblem(yaml, problem.message, problem.severity, problem.start, problem.end));
  }
  let value: unknown;
  try {
    value = applyMergeTags(composeYamlValue(yaml), mergeTagPaths(yaml));
  } catch (failure) {
    return [toTextProblem(yaml, (failure as Error).message, 'error', 0, 1)];
  }
  if (value === null || value === undefined) {
    return syntax.map((problem) => toTextProblem(yaml, problem.message, problem.severity, problem.start, problem.end));
  }
  const schema = validateComposeSchema(stripMergeTags(value)).map((problem) => {
    const range = rangeOf(yaml, problem.path, problem.key);
    return toTextProblem(yaml, problem.message, 'error', range.start, range.end);
  });
  return [...syntax.map((problem) => toTextProblem(yaml, problem.message, problem.severity, problem.start, problem.end)), ...schema, ...obsolete(yaml, value)];
}

/** docker compose v2 warns that `version` is obsolete: so does the editor, on the key. */
function obsolete(yaml: ComposeYaml, value: unknown): ComposeTextProblem[] {
  if (typeof value !== 'object' || value === null || !('version' in value)) {
    return [];
  }
  const range = rangeOf(yaml, ['version'], true);
  return [toTextProblem(yaml, 'version is obsolete: docker compose ignores it', 'warning', range.start, range.end)];
}

function toTextProblem(yaml: ComposeYaml, message: string, severity: ComposeTextProblem['severity'], start: number, end: number): ComposeTextProblem {
  const from = yaml.lineCounter.linePos(start);
  const to = yaml.lineCounter.linePos(Math.max(end, start));
  const startLine = Math.max(from.line - 1, 0);
  const startColumn = Math.max(from.col - 1, 0);
  if (to.line > from.line) {
    // A mapping or list that is wrong as a whole: underline its first line, not the whole block.
    const lineEnd = yaml.lineCounter.lineStarts[from.line] ?? Math.max(end, start) + 1;
    return { message, severity, startLine, startColumn, endLine: startLine, endColumn: startColumn + Math.max(lineEnd - 1 - start, 1) };
  }
  return { message, severity, startLine, startColumn, endLine: Math.max(to.line - 1, 0), endColumn: Math.max(to.col - 1, 0) };
}
