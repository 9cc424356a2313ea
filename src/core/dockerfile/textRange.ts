// Positions and ranges in a Dockerfile: zero-based lines and UTF-16 characters, the shape that both
// dockerfile-ast and VS Code use, so values pass through without conversion.
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): TextRange {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

export function containsPosition(outer: TextRange, position: TextPosition): boolean {
  return comparePositions(outer.start, position) <= 0 && comparePositions(position, outer.end) <= 0;
}

export function comparePositions(a: TextPosition, b: TextPosition): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}
