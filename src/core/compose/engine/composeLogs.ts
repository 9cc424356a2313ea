import type { EngineClient } from '../../engine/engineClient';
import { containerLogs } from '../../engine/operations/containerOperations';
import type { ComposeLogLine, ComposeLogsOptions } from './composeTypes';
import { projectContainers } from './projectContainers';

/** A longer line is handed on in pieces of this size (a container printing no newline must not grow memory). */
const MAX_LINE_CHARS = 64 * 1024;
/** Lines waiting for the reader before the container streams are paused. */
const HIGH_WATER_LINES = 1000;

/**
 * `docker compose logs`: the output of every container of the project (or of the selected
 * services) merged as it arrives, each line with its service and container so the reader can
 * colour per service. Ends when every log ended (or, following, when the signal aborts).
 */
export async function* composeLogs(client: EngineClient, projectName: string, options: ComposeLogsOptions = {}): AsyncIterable<ComposeLogLine> {
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const containers = (await projectContainers(client, projectName, { signal }))
    .filter((c) => !options.services?.length || options.services.includes(c.service));
  const queue: ComposeLogLine[] = [];
  const streams: NodeJS.ReadableStream[] = [];
  let open = containers.length;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  signal.addEventListener('abort', notify, { once: true });
  const push = (line: ComposeLogLine): void => {
    queue.push(line);
    if (queue.length >= HIGH_WATER_LINES) for (const stream of streams) stream.pause();
    notify();
  };
  const logOptions = { follow: options.follow === true, timestamps: options.timestamps === true, tail: options.tail ?? 'all' } as const;
  for (const container of containers) {
    containerLogs(client, container.id, logOptions, signal).then((stream) => {
      streams.push(stream);
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        partial += chunk;
        let newline = partial.indexOf('\n');
        while (newline >= 0 || partial.length >= MAX_LINE_CHARS) {
          const end = newline >= 0 && newline < MAX_LINE_CHARS ? newline : MAX_LINE_CHARS;
          push({ service: container.service, container: container.name, text: partial.slice(0, end).replace(/\r$/, '') });
          partial = partial.slice(newline === end ? end + 1 : end);
          newline = partial.indexOf('\n');
        }
      });
      const finish = (): void => {
        if (partial !== '') push({ service: container.service, container: container.name, text: partial });
        partial = '';
        open -= 1;
        notify();
      };
      stream.once('end', finish);
      stream.once('error', (error: unknown) => {
        if (!signal.aborted) failure ??= error;
        finish();
      });
    }, (error: unknown) => {
      failure ??= error;
      open -= 1;
      notify();
    });
  }
  try {
    while (true) {
      const line = queue.shift();
      if (line) {
        if (queue.length < HIGH_WATER_LINES / 2) for (const stream of streams) stream.resume();
        yield line;
        continue;
      }
      if (failure) throw failure;
      if (open <= 0 || signal.aborted) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    controller.abort(); // the reader stopped early: close every stream
  }
}
