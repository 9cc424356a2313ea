/**
 * Splits a byte stream of newline-delimited JSON (the Engine's /events and progress streams)
 * into parsed values. Chunks may cut a line or a multi-byte character anywhere.
 */
export class JsonLineSplitter {
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  /** Returns the complete values in this chunk; a malformed line is reported, not thrown. */
  push(chunk: Uint8Array | string, onMalformed?: (line: string) => void): unknown[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    const values: unknown[] = [];
    for (const line of lines) {
      const trimmed = line.trim();
      if (trimmed === '') {
        continue;
      }
      try {
        values.push(JSON.parse(trimmed));
      } catch {
        onMalformed?.(trimmed);
      }
    }
    return values;
  }
}
