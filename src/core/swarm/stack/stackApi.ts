import type { EngineClient } from '../../engine/engineClient';

export interface EngineRequest {
  readonly query?: Record<string, string | number | boolean>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/**
 * One Engine API request through the client's bounded `call`, for the swarm endpoints whose
 * dockerode wrappers cannot send a query and a body together (`/services/{id}/update?version=`).
 * Resolves to the parsed answer; rejects with docker-modem's error (statusCode, json) otherwise.
 */
export function engineRequest<T>(client: EngineClient, method: 'GET' | 'POST' | 'DELETE', path: string, request: EngineRequest = {}): Promise<T> {
  return client.call<T>(
    (d, abortSignal) =>
      new Promise((resolve, reject) => {
        d.modem.dial(
          {
            path: `${path}?`,
            method,
            options: { _query: request.query ?? {}, ...(request.body === undefined ? {} : { _body: request.body }) },
            abortSignal,
            statusCodes: { 200: true, 201: true, 204: true, 304: true, 400: 'bad parameter', 403: 'forbidden', 404: 'not found', 409: 'conflict', 500: 'server error', 503: 'node is not part of a swarm' },
          } as never,
          (error: unknown, data: unknown) => (error ? reject(error) : resolve(data)),
        );
      }),
    request.signal === undefined ? {} : { signal: request.signal },
  );
}

export function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: unknown } | undefined)?.statusCode === 404;
}

/** Label filter for list endpoints, as the Engine API takes it (JSON in the query). */
export function labelFilter(label: string): { filters: string } {
  return { filters: JSON.stringify({ label: [label] }) };
}
