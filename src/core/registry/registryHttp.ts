import * as http from 'node:http';
import * as https from 'node:https';
import { IncomingHttpHeaders } from 'node:http';
import { RegistryError } from './registryError';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The URL that answered (after redirects). */
  readonly url: URL;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'HEAD' | 'DELETE' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The whole exchange, connect to last byte. */
  readonly timeoutMs: number;
  /** More than this is not an answer the Distribution API gives: the request is cut off. */
  readonly maxBytes: number;
  /** Whether plain http may be used for this URL (loopback, or the user's opt-out). */
  readonly allowHttp: (url: URL) => boolean;
  readonly signal?: AbortSignal;
  /** Redirects followed at most (blob downloads are redirected to storage). */
  readonly redirects?: number;
}

const MAX_REDIRECTS = 3;

/** One bounded HTTP(S) request: certificates verified, a deadline, a size cap, redirects followed with care. */
export async function httpRequest(url: URL, request: HttpRequest): Promise<HttpAnswer> {
  let current = url;
  let headers = { ...request.headers };
  for (let hop = 0; ; hop++) {
    const answer = await once(current, { ...request, headers });
    const location = answer.headers.location;
    if (answer.status < 300 || answer.status >= 400 || answer.status === 304 || !location || hop >= (request.redirects ?? MAX_REDIRECTS)) {
      return answer;
    }
    const next = new URL(location, current);
    if (next.origin !== current.origin) {
      // Credentials are for the registry, never for the storage it redirects to.
      headers = Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== 'authorization'));
    }
    current = next;
  }
}

function once(url: URL, request: HttpRequest): Promise<HttpAnswer> {
  if (url.protocol === 'http:' && !request.allowHttp(url)) {
    return Promise.reject(new RegistryError('insecure', `Refusing plain http to ${url.host}: use https, or add "${url.host}" to the user setting dockerHosts.registries.allowHttp`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new RegistryError('protocol', `${url.protocol} is not a registry URL`));
  }
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (error: Error | undefined, answer?: HttpAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(answer as HttpAnswer);
    };
    const req = transport.request(url, { method: request.method ?? 'GET', headers: { 'User-Agent': 'docker-hosts-vscode', ...request.headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      res.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > request.maxBytes) {
          req.destroy();
          finish(new RegistryError('protocol', `${url.host} answered more than ${Math.round(request.maxBytes / 1024)} KiB for ${url.pathname}; that is not a registry answer`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url }));
      res.on('error', (error) => finish(connectionError(url, error)));
    });
    const deadline = setTimeout(() => {
      req.destroy();
      finish(new RegistryError('timeout', `${url.host} did not answer within ${Math.round(request.timeoutMs / 1000)} s`));
    }, request.timeoutMs);
    const onAbort = (): void => {
      req.destroy();
      finish(Object.assign(new Error('The registry request was cancelled'), { name: 'AbortError' }));
    };
    if (request.signal?.aborted) {
      onAbort();
      return;
    }
    request.signal?.addEventListener('abort', onAbort);
    req.on('error', (error) => finish(connectionError(url, error)));
    req.end(request.body);
  });
}

function connectionError(url: URL, error: NodeJS.ErrnoException): RegistryError {
  const code = error.code ?? '';
  const why =
    code === 'ECONNREFUSED' ? 'refused the connection' :
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'is not a known host name' :
    code === 'ECONNRESET' || code === 'EPIPE' ? 'closed the connection' :
    /CERT|SSL|TLS|SELF_SIGNED|VERIFY/.test(code) ? `has a certificate that cannot be trusted (${error.message})` :
    `could not be reached (${error.message})`;
  return new RegistryError('unreachable', `${url.host} ${why}`);
}
