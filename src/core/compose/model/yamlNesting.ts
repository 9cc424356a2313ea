/**
 * An upper bound of how deeply YAML text nests, found in one pass without parsing: open flow
 * brackets outside quotes and comments, plus the indentation levels and `- ` entries a line
 * opens. yaml's parser recurses per level, and near the end of the stack V8 can abort the whole
 * process (a regular expression compiled there fails fatally), so text that may nest past the
 * limit is refused before it is parsed. Real compose files nest about ten levels.
 */
export function exceedsNesting(text: string, limit: number): boolean {
  const indents: number[] = [];
  let flow = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = text.length;
    }
    let position = lineStart;
    while (position < lineEnd && text[position] === ' ') {
      position++;
    }
    if (position < lineEnd && text[position] !== '#' && flow === 0) {
      const indent = position - lineStart;
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) {
        indents.pop();
      }
      indents.push(indent);
    }
    let dashes = 0;
    for (; position < lineEnd; position++) {
      const char = text[position];
      if (char === '-' && (text[position + 1] === ' ' || position + 1 === lineEnd) && flow === 0) {
        dashes++;
      } else if (char === '#' && (position === lineStart || text[position - 1] === ' ' || text[position - 1] === '\t')) {
        break;
      } else if (char === '"' || char === "'") {
        position = closingQuote(text, position, lineEnd);
      } else if (char === '[' || char === '{') {
        flow++;
      } else if ((char === ']' || char === '}') && flow > 0) {
        flow--;
      }
      if (indents.length + dashes + flow > limit) {
        return true;
      }
    }
    lineStart = lineEnd + 1;
  }
  return false;
}

/** The index of the quote closing the one at `start` on this line, or the line's end. */
function closingQuote(text: string, start: number, lineEnd: number): number {
  const quote = text[start];
  for (let position = start + 1; position < lineEnd; position++) {
    if (quote === '"' && text[position] === '\\') {
      position++;
    } else if (text[position] === quote) {
      return position;
    }
  }
  return lineEnd;
}
