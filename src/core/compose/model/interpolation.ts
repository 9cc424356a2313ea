/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alternative}`, `${VAR+alternative}`, nested in the
 * word (`${A:-${B}}`), and `$$` for a literal `$`; a `$` that starts none of these stays as it is.
 * One pass over the text; only the branch that is used reports missing variables or raises `?` errors.
 */

/** A `${VAR?message}` whose variable is missing, or text that is not a valid template. */
export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

export interface InterpolationContext {
  readonly lookup: (name: string) => string | undefined;
  /** Called once per use of a variable that is not set and has no default. */
  readonly onMissing: (name: string) => void;
}

/** Deeper nesting than any real file has; keeps hostile input from exhausting the stack. */
const MAX_NESTING = 32;

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

export function interpolate(text: string, context: InterpolationContext): string {
  if (!text.includes('$')) {
    return text;
  }
  const parser = new Parser(text, context);
  const value = parser.word(0, false, true, 0);
  return value.text;
}

class Parser {
  constructor(
    private readonly text: string,
    private readonly context: InterpolationContext,
  ) {}

  /** Reads up to the end of the text, or to the `}` that closes the enclosing `${`. */
  word(start: number, inBraces: boolean, active: boolean, depth: number): { text: string; end: number } {
    if (depth > MAX_NESTING) {
      throw new InterpolationError(`Invalid template: more than ${MAX_NESTING} nested \${…}`);
    }
    const { text } = this;
    let out = '';
    let position = start;
    while (position < text.length) {
      const char = text[position] as string;
      if (char === '}' && inBraces) {
        return { text: out, end: position };
      }
      if (char !== '$') {
        // Copy the run of plain text in one slice.
        let next = position + 1;
        while (next < text.length && text[next] !== '$' && !(inBraces && text[next] === '}')) {
          next++;
        }
        out += text.slice(position, next);
        position = next;
        continue;
      }
      const following = text[position + 1];
      if (following === '$') {
        out += '$';
        position += 2;
      } else if (following === '{') {
        const braced = this.braced(position + 2, active, depth);
        out += braced.text;
        position = braced.end;
      } else if (following !== undefined && NAME_START.test(following)) {
        let end = position + 2;
        while (end < text.length && NAME_PART.test(text[end] as string)) {
          end++;
        }
        out += this.value(text.slice(position + 1, end), active);
        position = end;
      } else {
        // Not a variable (`a $ string`, `^REGEX$`, `$1`): kept as written, as compose-go keeps it.
        out += '$';
        position += 1;
      }
    }
    if (inBraces) {
      throw new InterpolationError(`Invalid template: "${excerpt(text)}" has a \${ without its }`);
    }
    return { text: out, end: position };
  }

  /** After `${`: the name, an optional operator and word, and the closing `}` (end is past it). */
  private braced(start: number, active: boolean, depth: number): { text: string; end: number } {
    const { text } = this;
    let position = start;
    if (position >= text.length || !NAME_START.test(text[position] as string)) {
      throw new InterpolationError(`Invalid template: "${excerpt(text)}"`);
    }
    while (position < text.length && NAME_PART.test(text[position] as string)) {
      position++;
    }
    const name = text.slice(start, position);
    if (text[position] === '}') {
      return { text: this.value(name, active), end: position + 1 };
    }
    const colon = text[position] === ':';
    const operator = text[colon ? position + 1 : position];
    if (operator !== '-' && operator !== '?' && operator !== '+') {
      throw new InterpolationError(`Invalid template: "${excerpt(text)}"`);
    }
    const wordStart = position + (colon ? 2 : 1);
    const raw = this.context.lookup(name);
    const set = raw !== undefined;
    const present = set && (!colon || raw !== '');
    let result: string;
    let end: number;
    if (operator === '-') {
      const word = this.word(wordStart, true, active && !present, depth + 1);
      result = present ? (raw as string) : word.text;
      end = word.end;
    } else if (operator === '+') {
      const word = this.word(wordStart, true, active && present, depth + 1);
      result = present ? word.text : '';
      end = word.end;
    } else {
      const word = this.word(wordStart, true, active && !present, depth + 1);
      if (!present && active) {
        throw new InterpolationError(`required variable ${name} is missing a value${word.text === '' ? '' : `: ${word.text}`}`);
      }
      result = raw ?? '';
      end = word.end;
    }
    return { text: result, end: end + 1 };
  }

  private value(name: string, active: boolean): string {
    const value = this.context.lookup(name);
    if (value === undefined && active) {
      this.context.onMissing(name);
    }
    return value ?? '';
  }
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
