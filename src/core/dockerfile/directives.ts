// Parser directives (`# syntax=`, `# escape=`, `# check=`), read the way BuildKit reads them: only
// on consecutive lines from the first one, each starting with `#` in the first column; the first
// line that is not a known directive ends them, and later ones are plain comments.
import { range, TextRange } from './textRange';

export type DirectiveName = 'syntax' | 'escape' | 'check';

export interface ParserDirective {
  readonly name: DirectiveName;
  readonly value: string;
  readonly line: number;
  readonly valueRange: TextRange;
}

/** What `# check=` asks for; see BuildKit's linter options. */
export interface CheckOptions {
  readonly skipAll: boolean;
  readonly skip: ReadonlySet<string>;
  /** `error=true`: the build fails on any check violation. */
  readonly error: boolean;
}

export type CheckDirective = { readonly ok: true; readonly options: CheckOptions } | { readonly ok: false; readonly reason: string };

// The key part only; the value is the rest of the line, trimmed by hand. (`\s*(.+?)\s*$` on the
// whole line backtracks quadratically over a long run of spaces: 11 s for 80,000 of them.)
const DIRECTIVE_KEY = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
const KNOWN: readonly string[] = ['syntax', 'escape', 'check'];

export function readParserDirectives(lines: readonly string[]): ParserDirective[] {
  const directives: ParserDirective[] = [];
  for (let line = 0; line < lines.length; line++) {
    const text = (lines[line] ?? '').replace(/^\uFEFF/, '');
    const key = DIRECTIVE_KEY.exec(text);
    const name = key?.[1]?.toLowerCase();
    const value = key ? directiveValue(text, key[0].length) : undefined;
    if (name === undefined || value === undefined || !KNOWN.includes(name)) {
      break;
    }
    directives.push({ name: name as DirectiveName, value: value.text, line, valueRange: range(line, value.start, line, value.start + value.text.length) });
  }
  return directives;
}

/**
 * What `=\s*(.+?)\s*$` captures after the `=` at `from`: the trimmed rest when no line break is
 * inside it; for a rest of only spaces, its last character that is not a line break.
 */
function directiveValue(text: string, from: number): { text: string; start: number } | undefined {
  const rest = text.slice(from);
  const trimmed = rest.trim();
  if (trimmed !== '') {
    return LINE_TERMINATOR.test(trimmed) ? undefined : { text: trimmed, start: from + rest.length - rest.trimStart().length };
  }
  for (let i = rest.length - 1; i >= 0; i--) {
    if (!LINE_TERMINATOR.test(rest[i] as string)) {
      return { text: rest[i] as string, start: from + i };
    }
  }
  return undefined;
}

export const NO_SKIPS: CheckOptions = { skipAll: false, skip: new Set(), error: false };

/** Parses `skip=Rule1,Rule2;error=true` (BuildKit: at most three `;`-separated `key=value` parts). */
export function parseCheckDirective(value: string): CheckDirective {
  let skipAll = false;
  let error = false;
  const skip = new Set<string>();
  const trimmed = value.trim();
  if (trimmed === '') {
    return { ok: true, options: NO_SKIPS };
  }
  for (const part of trimmed.split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) {
      return { ok: false, reason: `"${part.trim()}" is not key=value` };
    }
    const key = part.slice(0, equals).trim();
    const setting = part.slice(equals + 1).trim();
    if (key === 'skip') {
      if (setting === 'all') {
        skipAll = true;
      } else {
        setting.split(',').map((rule) => rule.trim()).filter(Boolean).forEach((rule) => skip.add(rule));
      }
    } else if (key === 'error') {
      const parsed = parseBool(setting);
      if (parsed === undefined) {
        return { ok: false, reason: `error=${setting} is neither true nor false` };
      }
      error = parsed;
    } else if (key !== 'experimental') {
      return { ok: false, reason: `unknown check option "${key}" (expected skip, error or experimental)` };
    }
  }
  return { ok: true, options: { skipAll, skip, error } };
}

// Go's strconv.ParseBool, which BuildKit uses for `error=`.
function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) {
    return true;
  }
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) {
    return false;
  }
  return undefined;
}
