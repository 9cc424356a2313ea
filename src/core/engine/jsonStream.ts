import { JsonLineSplitter } from './jsonLines';

/**
 * Reads a newline-delimited JSON stream (pull/push/load/build progress) to its end, handing each
 * value to `onValue`. Used instead of docker-modem's followProgress, which keeps every message,
 * buffers a line of any length and throws out of the data handler on a malformed line. A throw
 * from `onValue` (an error message in the stream) rejects and closes the stream.
 */
export function followJsonLines(stream: NodeJS.ReadableStream, onValue: (value: unknown) => void, onMalformed?: (line: string) => void): Promise<void> {
  const splitter = new JsonLineSplitter();
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) {
        return;
      }
      settled = true;
      stream.removeListener('data', onData);
      if (error !== undefined) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        reject(error);
      } else {
        resolve();
      }
    };
    const onData = (chunk: Buffer | string): void => {
      try {
        for (const value of splitter.push(chunk, onMalformed)) {
          if (value !== null && typeof value === 'object') {
            onValue(value);
          }
        }
      } catch (error) {
        settle(error);
      }
    };
    stream.on('data', onData);
    stream.on('error', (error: unknown) => settle(error ?? new Error('stream failed')));
    stream.on('end', () => settle());
    stream.on('close', () => settle());
  });
}
