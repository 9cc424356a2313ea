import { readSmallRegularFile } from '../../util/boundedFile';
import { ComposeFileError } from './composeModel';
import { interpolate, InterpolationError } from './interpolation';

/** An env file is a list of variables; anything larger is not one. */
const ENV_FILE_SIZE_CAP = 1024 * 1024;

/** Reads (bounded) and parses an env file; one that cannot be read fails with `cannot read <file>: <why>`. */
export async function readEnvFile(file: string, lookup: (name: string) => string | undefined): Promise<Map<string, string | undefined>> {
  let text: string;
  try {
    text = (await readSmallRegularFile(file, ENV_FILE_SIZE_CAP, 'an env file')).toString('utf8');
  } catch (failure) {
    throw new Error(`cannot read ${file}: ${(failure as Error).message}`);
  }
  return parseEnvFile(text, file, lookup);
}

/**
 * The `.env` / `env_file` syntax: `NAME=value` lines, `#` comments, an optional `export `,
 * single quotes (literal), double quotes (escapes, may span lines, interpolated), unquoted values
 * (a ` #` starts a comment; interpolated). `NAME` alone has no value here (`undefined`): the
 * caller takes it from the environment. Variables interpolate from earlier lines, then `lookup`.
 */
export function parseEnvFile(text: string, file: string, lookup: (name: string) => string | undefined): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  const resolve = (name: string): string | undefined => (values.has(name) ? values.get(name) : lookup(name));
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = (lines[index] as string).replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const match = /^(?:export\s+)?([^=\s]+)\s*(=)?\s*/.exec(line);
    if (match === null || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(match[1] as string)) {
      throw new ComposeFileError(`${file}:${lineNumber}: not a variable assignment: ${line.slice(0, 60)}`, { file, line: lineNumber, column: 1 });
    }
    const name = match[1] as string;
    if (match[2] === undefined && !/^(#.*)?$/.test(line.slice(match[0].length))) {
      throw new ComposeFileError(`${file}:${lineNumber}: not a variable assignment: ${line.slice(0, 60)}`, { file, line: lineNumber, column: 1 });
    }
    if (match[2] === undefined) {
      values.set(name, undefined);
      continue;
    }
    let rest = line.slice(match[0].length);
    const expand = (value: string): string => {
      try {
        return interpolate(value, { lookup: resolve, onMissing: () => undefined });
      } catch (failure) {
        const message = failure instanceof InterpolationError ? failure.message : String(failure);
        throw new ComposeFileError(`${file}:${lineNumber}: ${name}: ${message}`, { file, line: lineNumber, column: 1 }, name);
      }
    };
    if (rest.startsWith("'")) {
      const close = rest.indexOf("'", 1);
      if (close < 0) {
        throw new ComposeFileError(`${file}:${lineNumber}: ${name}: the single quote is not closed`, { file, line: lineNumber, column: 1 }, name);
      }
      values.set(name, rest.slice(1, close));
    } else if (rest.startsWith('"')) {
      // A double-quoted value may go on over the following lines until its closing quote.
      // Scanned line by line (each once), then joined: indexing into a growing string would re-flatten it every time.
      const parts: string[] = [];
      let piece = rest.slice(1);
      let close = closingQuote(piece);
      while (close < 0 && index + 1 < lines.length) {
        parts.push(piece);
        index++;
        piece = lines[index] as string;
        close = closingQuote(piece);
      }
      const body = close < 0 ? '' : [...parts, piece].join('\n');
      if (close >= 0) {
        close += body.length - piece.length;
      }
      if (close < 0) {
        throw new ComposeFileError(`${file}:${lineNumber}: ${name}: the double quote is not closed`, { file, line: lineNumber, column: 1 }, name);
      }
      values.set(name, expand(unescape(body.slice(0, close))));
    } else {
      const comment = rest.search(/\s#/);
      rest = (comment >= 0 ? rest.slice(0, comment) : rest).trim();
      values.set(name, expand(rest));
    }
  }
  return values;
}

/** The index of the unescaped double quote that closes the value in this line, else -1. */
function closingQuote(line: string): number {
  for (let index = 0; index < line.length; index++) {
    if (line[index] === '\\') {
      index++;
    } else if (line[index] === '"') {
      return index;
    }
  }
  return -1;
}

function unescape(value: string): string {
  return value.replace(/\\([\\"nrt$])/g, (_whole, char: string) => {
    switch (char) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '$':
        return '$$';
      default:
        return char;
    }
  });
}
