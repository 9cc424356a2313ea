import * as path from 'node:path';
import { linearRegExp } from './linearRegExp';

/**
 * .dockerignore as the docker CLI reads it (moby/patternmatcher and ignorefile): comments,
 * `!` exceptions applied in order, `*`, `?`, `**`, `[…]`, `\` escapes, leading `/` dropped,
 * paths cleaned, and a pattern that matches a directory also matching everything below it.
 */
export interface IgnorePattern {
  readonly source: string;
  readonly exclusion: boolean;
  /** The cleaned pattern without `!`. */
  readonly pattern: string;
  readonly matches: (relativePath: string) => boolean;
}

export class DockerignoreError extends Error {}

/** Reads the file's lines into patterns (ignorefile.ReadAll). */
export function readDockerignore(text: string): string[] {
  const patterns: string[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line) => {
    if (line.startsWith('#')) {
      return;
    }
    let pattern = line.trim();
    if (pattern === '') {
      return;
    }
    const invert = pattern.startsWith('!');
    if (invert) {
      pattern = pattern.slice(1).trim();
    }
    if (pattern.length > 0) {
      pattern = path.posix.normalize(pattern).replace(/\/+$/, '') || '/';
      if (pattern.length > 1 && pattern.startsWith('/')) {
        pattern = pattern.slice(1);
      }
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  });
  return patterns;
}

/** Compiles patterns (patternmatcher.New); a malformed one throws with the line's text. */
export function compilePatterns(patterns: readonly string[]): IgnorePattern[] {
  return patterns
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((raw) => {
      let text = clean(raw);
      const exclusion = text.startsWith('!');
      if (exclusion) {
        if (text.length === 1) {
          throw new DockerignoreError('illegal exclusion pattern: "!"');
        }
        text = clean(text.slice(1));
      }
      return { source: raw, exclusion, pattern: text, matches: compile(text, raw) };
    });
}

/** filepath.Clean for slash paths: "." for empty, no trailing slash, no "a/../". */
function clean(p: string): string {
  if (p === '') {
    return '.';
  }
  const normalized = path.posix.normalize(p);
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

/** The pattern as a matcher, following patternmatcher's compile() char by char. */
function compile(pattern: string, source: string): (file: string) => boolean {
  validateBrackets(pattern, source);
  const { kind, regex } = translate(pattern);
  switch (kind) {
    case 'exact':
      return (file) => file === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (file) => file.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      return (file) => file.endsWith(suffix) || (suffix.startsWith('/') && file === suffix.slice(1));
    }
    case 'regexp': {
      try {
        new RegExp(regex, 'u'); // for its syntax errors; matching it would backtrack (see linearRegExp)
        return linearRegExp(regex);
      } catch (error) {
        throw new DockerignoreError(`syntax error in pattern "${source}": ${(error as Error).message}`);
      }
    }
  }
}

/** How patternmatcher matches a cleaned pattern, and the regular expression it builds for it. */
export function translate(pattern: string): { kind: 'exact' | 'prefix' | 'suffix' | 'regexp'; regex: string } {
  let regex = '^';
  let kind: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        const first = i === 0;
        i++;
        if (chars[i + 1] === '/') {
          i++; // "**/" is treated as "**"
        }
        if (i + 1 >= chars.length) {
          if (kind === 'exact') {
            kind = 'prefix';
          } else {
            regex += '.*';
            kind = 'regexp';
          }
        } else {
          regex += '(.*/)?';
          kind = 'regexp';
        }
        if (first) {
          kind = 'suffix';
        }
      } else {
        regex += '[^/]*';
        kind = 'regexp';
      }
    } else if (ch === '?') {
      regex += '[^/]';
      kind = 'regexp';
    } else if ('.+()|{}$'.includes(ch)) {
      regex += `\\${ch}`;
    } else if (ch === '\\') {
      kind = 'regexp'; // an escaped pattern only matches through the regexp
      if (i + 1 < chars.length) {
        regex += escapedForRegExp(chars[++i] as string);
      } else {
        regex += '\\\\';
      }
    } else if (ch === '[' || ch === ']') {
      regex += ch;
      kind = 'regexp';
    } else {
      regex += ch;
    }
  }
  regex += '$';
  return { kind, regex };
}

/**
 * `\c` as Go's regexp reads it: punctuation is literal, letters and digits keep their meaning
 * (`\d` is a digit class there too, `\q` an error in both).
 */
function escapedForRegExp(ch: string): string {
  if (/[A-Za-z0-9]/.test(ch) || /[\\^$.*+?()[\]{}|/]/.test(ch)) {
    return `\\${ch}`;
  }
  return ch;
}

/** filepath.Match rejects unclosed or empty classes; so does the CLI. */
function validateBrackets(pattern: string, source: string): void {
  let open = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
    } else if (ch === '[' && !open) {
      open = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') {
        throw new DockerignoreError(`syntax error in pattern "${source}": empty character class`);
      }
    } else if (ch === ']' && open) {
      open = false;
    }
  }
  if (open) {
    throw new DockerignoreError(`syntax error in pattern "${source}": unclosed [`);
  }
}

/** Per-pattern results for a directory, handed to its children (MatchesUsingParentResults). */
export type ParentMatches = readonly boolean[] | undefined;

export function isExcluded(patterns: readonly IgnorePattern[], file: string, parent: ParentMatches): { excluded: boolean; matches: boolean[] } {
  let excluded = false;
  const matches: boolean[] = [];
  patterns.forEach((pattern, index) => {
    let match = parent?.[index] ?? false;
    if (!match) {
      if (pattern.exclusion !== excluded) {
        matches.push(false);
        return;
      }
      match = pattern.matches(file);
      if (!match && parent === undefined) {
        const dirs = path.posix.dirname(file);
        if (dirs !== '.') {
          const parts = dirs.split('/');
          match = parts.some((_, i) => pattern.matches(parts.slice(0, i + 1).join('/')));
        }
      }
    }
    matches.push(match);
    if (match) {
      excluded = !pattern.exclusion;
    }
  });
  return { excluded, matches };
}

/** Whether an excluded directory must still be walked: an exception pattern lies below it. */
export function mustWalkExcludedDirectory(patterns: readonly IgnorePattern[], directory: string): boolean {
  return patterns.some((p) => p.exclusion && `${p.pattern}/`.startsWith(`${directory}/`));
}

/** The CLI always sends .dockerignore and the Dockerfile, even when the file lists them. */
export function keepBuildFiles(patterns: readonly string[], dockerfile: string | undefined): string[] {
  const compiled = compilePatterns(patterns);
  const result = [...patterns];
  if (isExcluded(compiled, '.dockerignore', undefined).excluded) {
    result.push('!.dockerignore');
  }
  if (dockerfile !== undefined && isExcluded(compiled, dockerfile, undefined).excluded) {
    result.push(`!${dockerfile}`);
  }
  return result;
}
