import type Docker from 'dockerode';
import { CallOptions, EngineClient } from '../engine/engineClient';
import { toSwarmError } from './swarmErrors';

export interface SwarmRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Without query: `/nodes/abc/update`. */
  readonly path: string;
  /** Query parameters; objects (filters) are sent as JSON, undefined ones left out. */
  readonly query?: Readonly<Record<string, string | number | boolean | object | undefined>>;
  /** JSON body (POST). */
  readonly body?: unknown;
}

export interface SwarmCallOptions extends CallOptions {
  /** The call goes to the manager a join reads from: a failed connection is 'manager-unreachable'. */
  readonly managerConnection?: boolean;
}

const ENGINE_SWARM_DEADLINE_MS = 20_000;

const STATUS_CODES = {
  200: true, 201: true, 204: true,
  400: 'bad parameter', 404: 'no such object', 406: 'not acceptable', 409: 'conflict', 500: 'server error', 503: 'unavailable',
};

/**
 * One bounded Engine API request for the swarm endpoints, which dockerode words unevenly (some
 * mix the query into the body): query and body are built here, and failures pass through
 * toSwarmError so that every swarm call reports its kind the same way.
 */
export async function swarmRequest<T>(client: EngineClient, request: SwarmRequest, options: SwarmCallOptions = {}): Promise<T> {
  // dockerd gives up on a call into the swarm after its own 20 s (swarmRequestTimeout) and then
  // answers "context deadline exceeded": a manager without quorum. Wait a little longer to hear it.
  const allowanceMs = Math.max(options.allowanceMs ?? 0, ENGINE_SWARM_DEADLINE_MS + 3_000 - client.requestTimeoutMs);
  options = { ...options, allowanceMs };
  try {
    return await client.call<T>((d: Docker, abortSignal) => new Promise((resolve, reject) => {
      d.modem.dial(
        { ...modemAddress(request), method: request.method, statusCodes: STATUS_CODES, abortSignal } as never,
        (error: unknown, data: unknown) => (error ? reject(error) : resolve(data)),
      );
    }), options);
  } catch (error) {
    throw toSwarmError(error, { address: client.address, managerConnection: options.managerConnection === true, joining: request.path === '/swarm/join' });
  }
}

/**
 * Path and options as docker-modem takes them: it appends `_query` only to a path ending in '?'
 * (and cuts the last character of one that has a '?' but no options), and sends `_body` as JSON
 * (an empty object not at all).
 */
export function modemAddress(request: Pick<SwarmRequest, 'path' | 'query' | 'body'>): { path: string; options?: { _query: object; _body: unknown } } {
  const query = Object.fromEntries(Object.entries(request.query ?? {}).filter(([, value]) => value !== undefined));
  const hasQuery = Object.keys(query).length > 0;
  if (!hasQuery && request.body === undefined) {
    return { path: request.path };
  }
  return { path: hasQuery ? `${request.path}?` : request.path, options: { _query: query, _body: request.body ?? {} } };
}
