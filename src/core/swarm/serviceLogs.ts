import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { EngineClient } from '../engine/engineClient';
import { FrameDemuxer } from '../engine/frameDemuxer';
import { toSwarmError } from './swarmErrors';
import { modemAddress, swarmRequest } from './swarmRequest';
import { ServiceLogOptions } from './swarmTypes';

/** A longer line is handed on in pieces of this size (a task printing no newline must not grow memory). */
const MAX_LINE_CHARS = 64 * 1024;

/**
 * `docker service logs`: the output of all the service's tasks, line by line, as the engine merges
 * them. Ends with the log (or, following, when `signal` aborts or the reader stops).
 */
export async function* serviceLogs(client: EngineClient, id: string, options: ServiceLogOptions, signal?: AbortSignal): AsyncIterable<string> {
  const path = `/services/${encodeURIComponent(id)}`;
  const service = await swarmRequest<{ Spec?: { TaskTemplate?: { ContainerSpec?: { TTY?: boolean } } } }>(client, { method: 'GET', path }, signal ? { signal } : {});
  const address = modemAddress({ path: `${path}/logs`, query: { stdout: true, stderr: true, follow: options.follow, tail: options.tail ?? 'all' } });
  let raw: NodeJS.ReadableStream;
  try {
    raw = await client.openStream((d, abortSignal) => new Promise((resolve, reject) => {
      d.modem.dial(
        { ...address, method: 'GET', isStream: true, abortSignal, statusCodes: { 200: true, 404: 'no such service', 500: 'server error', 503: 'unavailable' } } as never,
        (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream)),
      );
    }), { idle: options.follow ? 'quiet-ok' : 'transfer', ...(signal && { signal }) });
  } catch (error) {
    throw toSwarmError(error, { address: client.address });
  }
  const tty = service.Spec?.TaskTemplate?.ContainerSpec?.TTY === true;
  const text = tty ? raw : pipeline(raw, new FrameDemuxer(), () => undefined);
  const decoder = new StringDecoder('utf8');
  let partial = '';
  try {
    for await (const chunk of text as AsyncIterable<Buffer>) {
      partial += decoder.write(chunk);
      let newline = partial.indexOf('\n');
      while (newline >= 0 || partial.length >= MAX_LINE_CHARS) {
        const end = newline >= 0 && newline < MAX_LINE_CHARS ? newline : MAX_LINE_CHARS;
        yield partial.slice(0, end).replace(/\r$/, '');
        partial = partial.slice(newline === end ? end + 1 : end);
        newline = partial.indexOf('\n');
      }
    }
  } catch (error) {
    if (!signal?.aborted) {
      throw error;
    }
    return;
  }
  partial += decoder.end();
  if (partial !== '') {
    yield partial;
  }
}
