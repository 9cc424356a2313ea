import { PassThrough, pipeline } from 'node:stream';

/**
 * Calls `onIdle` when `touch` has not been called for `ms`; what a transfer with no bytes in
 * either direction for that long means: the other side is gone or stuck.
 */
export class IdleWatchdog {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ms: number, private readonly onIdle: () => void) {
    this.touch();
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onIdle, this.ms);
    this.timer.unref?.();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * `source` seen through a pass-through that touches `watchdog` for each chunk, without putting
 * the source into flowing mode before the caller reads. Ending or failing either side ends both,
 * and stops the watchdog unless `keepWatching` (an upload whose answer is still to come).
 */
export function touchingStream(source: NodeJS.ReadableStream, watchdog: IdleWatchdog, keepWatching = false): PassThrough {
  const through = new PassThrough({
    transform(chunk: Buffer, _encoding, done) {
      watchdog.touch();
      done(null, chunk);
    },
  });
  pipeline(source, through, () => (keepWatching ? undefined : watchdog.stop()));
  return through;
}

/** The error a stopped transfer or an unanswered call fails with; isAbortError() knows it. */
export function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { name: 'TimeoutError' });
}
