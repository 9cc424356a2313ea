/** A WWW-Authenticate challenge: `Basic realm="…"` or `Bearer realm="…",service="…",scope="…"`. */
export interface AuthChallenge {
  readonly scheme: 'basic' | 'bearer';
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses the first Basic or Bearer challenge of a WWW-Authenticate header, in one pass (the
 * header is the server's input: no backtracking regular expression runs on it). Undefined when
 * it names neither scheme.
 */
export function parseAuthChallenge(header: string | undefined): AuthChallenge | undefined {
  if (!header) return undefined;
  const text = header.slice(0, 4096);
  let index = skipSpaces(text, 0);
  const schemeEnd = scanToken(text, index);
  const scheme = text.slice(index, schemeEnd).toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
  index = schemeEnd;
  const params: Record<string, string> = {};
  while (index < text.length) {
    index = skipSeparators(text, index);
    const keyEnd = scanToken(text, index);
    if (keyEnd === index) break;
    const key = text.slice(index, keyEnd).toLowerCase();
    index = skipSpaces(text, keyEnd);
    if (text[index] !== '=') break; // the next challenge's scheme: only the first one counts
    index = skipSpaces(text, index + 1);
    const [value, next] = text[index] === '"' ? scanQuoted(text, index + 1) : scanUntilComma(text, index);
    params[key] = value;
    index = next;
  }
  return { scheme, params };
}

function skipSpaces(text: string, index: number): number {
  while (index < text.length && (text[index] === ' ' || text[index] === '\t')) index++;
  return index;
}

function skipSeparators(text: string, index: number): number {
  while (index < text.length && (text[index] === ' ' || text[index] === '\t' || text[index] === ',')) index++;
  return index;
}

function scanToken(text: string, index: number): number {
  while (index < text.length && /[A-Za-z0-9_.\-!#$%&'*+^`|~]/.test(text[index] as string)) index++;
  return index;
}

function scanQuoted(text: string, index: number): [string, number] {
  let value = '';
  while (index < text.length && text[index] !== '"') {
    if (text[index] === '\\' && index + 1 < text.length) index++;
    value += text[index];
    index++;
  }
  return [value, index + 1];
}

function scanUntilComma(text: string, index: number): [string, number] {
  const end = text.indexOf(',', index);
  const stop = end < 0 ? text.length : end;
  return [text.slice(index, stop).trim(), stop];
}
