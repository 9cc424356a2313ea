/** Longest line kept: an Engine message is a few KB; a hostile one must not grow memory without end. */
export const MAX_JSON_LINE_BYTES = 1024 * 1024;

/**
 * Splits a byte stream of newline-delimited JSON (the Engine's /events, stats and progress
 * streams) into parsed values. Chunks may cut a line or a multi-byte character anywhere. Each
 * chunk is scanned once (linear in the bytes received), and a line longer than the cap is
 * dropped and reported rather than buffered.
 */
export class JsonLineSplitter {
  private parts: string[] = [];
  private pendingLength = 0;
  /** The current line went over the cap: skip to its end. */
  private oversized = false;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly maxLineLength = MAX_JSON_LINE_BYTES) {}

  /** Returns the complete values in this chunk; a malformed or oversized line is reported, not thrown. */
  push(chunk: Uint8Array | string, onMalformed?: (line: string) => void): unknown[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const values: unknown[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      this.append(text.slice(start, newline), onMalformed);
      this.endLine(values, onMalformed);
      start = newline + 1;
    }
    this.append(text.slice(start), onMalformed);
    return values;
  }

  private append(piece: string, onMalformed?: (line: string) => void): void {
    if (this.oversized || piece === '') {
      return;
    }
    if (this.pendingLength + piece.length > this.maxLineLength) {
      onMalformed?.(`${(this.parts[0] ?? piece).slice(0, 80)}… (line longer than ${this.maxLineLength} characters, dropped)`);
      this.parts = [];
      this.pendingLength = 0;
      this.oversized = true;
      return;
    }
    this.parts.push(piece);
    this.pendingLength += piece.length;
  }

  private endLine(values: unknown[], onMalformed?: (line: string) => void): void {
    const line = this.parts.join('').trim();
    this.parts = [];
    this.pendingLength = 0;
    if (this.oversized) {
      this.oversized = false;
      return;
    }
    if (line === '') {
      return;
    }
    try {
      values.push(JSON.parse(line));
    } catch {
      onMalformed?.(line.slice(0, 200));
    }
  }
}
