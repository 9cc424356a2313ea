import type { ComposeLogLine } from './composeTypes';

/** A longer line is handed on in pieces of this size (a container printing no newline must not grow memory). */
const MAX_LINE_CHARS = 64 * 1024;
/** Lines waiting for the reader before the container streams are paused. */
const HIGH_WATER_LINES = 1000;

/**
 * Lines of many containers' log streams merged as they arrive, with backpressure: past a high
 * water mark of unread lines every stream pauses until the reader catches up. A stream that fails
 * to open or breaks is remembered as the failure (unless the signal aborted).
 */
export class MergedLogLines {
  private readonly queue: ComposeLogLine[] = [];
  private readonly streams: NodeJS.ReadableStream[] = [];
  private open = 0;
  private failure: unknown;
  private wake: (() => void) | undefined;

  constructor(private readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => this.notify(), { once: true });
  }

  /** Starts reading one container's log, once `opening` gives its stream (undefined: nothing to read after all). */
  add(container: { readonly service: string; readonly name: string }, opening: Promise<NodeJS.ReadableStream | undefined>): void {
    this.open += 1;
    opening.then(
      (stream) => (stream ? this.read(container, stream) : this.closeOne()),
      (error: unknown) => {
        if (!this.signal.aborted) this.failure ??= error;
        this.closeOne();
      },
    );
  }

  /** The lines as they come; ends when the signal aborts, or when every stream ended and `endWhenDrained()` says so. */
  async *lines(endWhenDrained: () => boolean): AsyncIterable<ComposeLogLine> {
    while (true) {
      const line = this.queue.shift();
      if (line) {
        if (this.queue.length < HIGH_WATER_LINES / 2) for (const stream of this.streams) stream.resume();
        yield line;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.signal.aborted || (this.open <= 0 && endWhenDrained())) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private read(container: { readonly service: string; readonly name: string }, stream: NodeJS.ReadableStream): void {
    this.streams.push(stream);
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      partial += chunk;
      let newline = partial.indexOf('\n');
      while (newline >= 0 || partial.length >= MAX_LINE_CHARS) {
        const end = newline >= 0 && newline < MAX_LINE_CHARS ? newline : MAX_LINE_CHARS;
        this.push({ service: container.service, container: container.name, text: partial.slice(0, end).replace(/\r$/, '') });
        partial = partial.slice(newline === end ? end + 1 : end);
        newline = partial.indexOf('\n');
      }
    });
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      if (partial !== '') this.push({ service: container.service, container: container.name, text: partial });
      partial = '';
      this.streams.splice(this.streams.indexOf(stream), 1);
      this.closeOne();
    };
    stream.once('end', finish);
    stream.once('error', (error: unknown) => {
      if (!this.signal.aborted) this.failure ??= error;
      finish();
    });
  }

  private closeOne(): void {
    this.open -= 1;
    this.notify();
  }

  private push(line: ComposeLogLine): void {
    this.queue.push(line);
    if (this.queue.length >= HIGH_WATER_LINES) for (const stream of this.streams) stream.pause();
    this.notify();
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }
}
