import type { Duplex } from 'node:stream';
import Docker from 'dockerode';
import { IdleWatchdog, timeoutError, touchingStream } from './boundedStream';
import { DirectTlsAgent } from './directTlsAgent';
import { EngineFlavor, flavorFromVersion } from './engineFlavor';
import { describeEndpoint, EngineEndpoint } from './endpoint';
import {
  ContainerInfo, ImageInfo, NetworkInfo, ResourceKind, ResourceOfKind, toContainerInfo, toImageInfos, toNetworkInfo,
  toVolumeInfo, VolumeInfo,
} from './resources';
import { SshDockerAgent } from '../ssh/dockerAgent';
import { parseJsonArrayInSlices } from '../util/jsonArraySlices';
import { listAnswer } from './rawFields';
import { SshConnection } from '../ssh/sshConnection';
import { SshSettings } from '../ssh/sshSettings';
import { readSmallRegularFile } from '../util/boundedFile';

export interface EngineVersion {
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly arch: string;
  /** Docker or Podman, and what it can do (read from the same answer). */
  readonly flavor: EngineFlavor;
}

export interface EnginePing {
  readonly apiVersion: string | undefined;
  readonly osType: string | undefined;
  readonly builderVersion: string | undefined;
}

export interface EngineClientOptions {
  /**
   * Upper bound for one request-response call, and for opening a stream; a transfer (pull, push,
   * archive, stats) stops after STREAM_IDLE_FACTOR times this without a byte.
   */
  readonly requestTimeoutMs: number;
  /** For SSH machines: who answers host-key and secret questions, which ~/.ssh files are read. */
  readonly ssh?: SshSettings;
}

/** A transfer with no byte for this many request timeouts is stopped (2 minutes at the default 8 s). */
export const STREAM_IDLE_FACTOR = 15;

/** Extra time for calls whose work on the engine takes long by nature (prune, removing a big image). */
export const SLOW_CALL_ALLOWANCE_MS = 5 * 60_000;

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Added to the request timeout for calls whose work on the engine takes long (stop, prune). */
  readonly allowanceMs?: number;
  /** The bound starts counting when this settles (a wait for exit, asked before the process ends). */
  readonly boundFrom?: Promise<unknown>;
}

export interface StreamOptions extends CallOptions {
  /**
   * 'transfer': bytes keep coming (pull, push, archives, stats), so a silence of
   * streamIdleMs stops it. 'quiet-ok': silence is normal (events, followed logs, a build step,
   * an attached terminal); only the opening is bounded.
   */
  readonly idle: 'transfer' | 'quiet-ok';
  /** A request body (upload); while it is being sent, silence rather than the timeout bounds the opening. */
  readonly body?: NodeJS.ReadableStream;
}

/**
 * What a call gets to work with: the engine API, the signal that bounds it, the (watched) body.
 * It returns dockerode's promise; the caller names the type it expects (dockerode's typings
 * pick the callback overload once `abortSignal` is passed in options they do not declare).
 */
export type EngineWork = (docker: Docker, signal: AbortSignal, body?: NodeJS.ReadableStream) => unknown;

/**
 * One machine's Engine API. Nothing reaches dockerode except through `call` (bounded by the
 * request timeout) and `openStream` (opening bounded, then idle rules), so that a dead or
 * hostile host never hangs the caller.
 */
export class EngineClient {
  readonly address: string;
  /** Made at the first call: certificate files are read then, asynchronously and bounded. */
  private dockerReady: Promise<Docker> | undefined;
  /** The machine's one SSH connection (state, errors), for ssh endpoints. */
  readonly sshConnection: SshConnection | undefined;

  constructor(readonly endpoint: EngineEndpoint, readonly options: EngineClientOptions) {
    this.address = describeEndpoint(endpoint);
    this.sshConnection = endpoint.kind === 'ssh' ? new SshConnection(endpoint, options.ssh) : undefined;
    if (endpoint.kind === 'unsupported') {
      throw new Error(endpoint.reason);
    }
  }

  /** dockerode for this endpoint; a failed read (a certificate fixed later, say) is tried again next time. */
  private docker(): Promise<Docker> {
    this.dockerReady ??= dockerodeOptions(this.endpoint, this.sshConnection).then(
      (options) => new Docker(options),
      (error: unknown) => {
        this.dockerReady = undefined;
        throw error;
      },
    );
    return this.dockerReady;
  }

  /** Closes what the client holds open (the SSH connection); requests after this fail. */
  dispose(): void {
    this.sshConnection?.dispose();
  }

  async version(signal?: AbortSignal): Promise<EngineVersion> {
    const raw = await this.call((d, abortSignal) => d.version({ abortSignal } as never) as unknown as Promise<unknown>, { signal });
    // The engine is input: a field of another type reads as '?' rather than failing the machine.
    const v = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const text = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : '?');
    return { version: text(v.Version), apiVersion: text(v.ApiVersion), os: text(v.Os), arch: text(v.Arch), flavor: flavorFromVersion(raw) };
  }

  /** /_ping's headers: the API version, the OS and the builder the engine defaults to (if it says). */
  async ping(signal?: AbortSignal): Promise<EnginePing> {
    const headers = await this.call<Record<string, string | string[] | undefined>>(async (d, abortSignal) => {
      const response = await dialStream(d, { path: '/_ping', options: {}, abortSignal }) as NodeJS.ReadableStream & { headers?: Record<string, string | string[] | undefined> };
      response.resume();
      return response.headers ?? {};
    }, { signal });
    const header = (name: string): string | undefined => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    return { apiVersion: header('api-version'), osType: header('ostype'), builderVersion: header('builder-version') };
  }

  async listContainers(signal?: AbortSignal, ids?: readonly string[]): Promise<ContainerInfo[]> {
    const filters = ids ? { id: [...ids] } : undefined;
    // Read raw and parsed in slices: 10,000 containers are 10 MB of JSON (see parseJsonArrayInSlices).
    const body = await this.call<string>(async (d, abortSignal) => readText(await dialStream(d, { path: '/containers/json?', options: { all: true, ...(filters && { filters }) }, abortSignal })), { signal });
    return parseJsonArrayInSlices(body, (c) => toContainerInfo(c as never));
  }

  async listImages(signal?: AbortSignal): Promise<ImageInfo[]> {
    const raw = await this.call<unknown>((d, abortSignal) => d.listImages({ abortSignal }), { signal });
    return listAnswer(raw, 'image list').flatMap((i) => toImageInfos(i as never));
  }

  async listVolumes(signal?: AbortSignal): Promise<VolumeInfo[]> {
    const raw = await this.call<unknown>((d, abortSignal) => d.listVolumes({ abortSignal }), { signal });
    return listAnswer(raw, 'volume list', 'Volumes').map((v) => toVolumeInfo(v as never));
  }

  async listNetworks(signal?: AbortSignal): Promise<NetworkInfo[]> {
    const raw = await this.call<unknown>((d, abortSignal) => d.listNetworks({ abortSignal }), { signal });
    return listAnswer(raw, 'network list').map((n) => toNetworkInfo(n as never));
  }

  list<K extends ResourceKind>(kind: K, signal?: AbortSignal): Promise<ResourceOfKind<K>[]> {
    const lists: { [P in ResourceKind]: (s?: AbortSignal) => Promise<ResourceOfKind<P>[]> } = {
      container: (s) => this.listContainers(s),
      image: (s) => this.listImages(s),
      volume: (s) => this.listVolumes(s),
      network: (s) => this.listNetworks(s),
    };
    return lists[kind](signal) as Promise<ResourceOfKind<K>[]>;
  }

  /** The engine's full JSON for one object, as `docker inspect` shows it. */
  async inspect(kind: ResourceKind, idOrName: string, signal?: AbortSignal): Promise<unknown> {
    return this.call((d, abortSignal): Promise<unknown> => {
      const opts = { abortSignal } as never;
      const inspectors: { [K in ResourceKind]: () => Promise<unknown> } = {
        container: () => d.getContainer(idOrName).inspect(opts) as unknown as Promise<unknown>,
        image: () => d.getImage(idOrName).inspect(opts) as unknown as Promise<unknown>,
        volume: () => d.getVolume(idOrName).inspect(opts) as unknown as Promise<unknown>,
        network: () => d.getNetwork(idOrName).inspect(opts) as unknown as Promise<unknown>,
      };
      return inspectors[kind]();
    }, { signal });
  }

  /** The bound on one request-response call (before any allowance). */
  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs;
  }

  /** How long a transfer may go without a byte before it is stopped. */
  get streamIdleMs(): number {
    return this.options.requestTimeoutMs * STREAM_IDLE_FACTOR;
  }

  /**
   * One request-response call, bounded by the request timeout (plus `allowanceMs`). The signal
   * handed to `work` aborts the request; the bound holds even where dockerode ignores it.
   */
  call<T = unknown>(work: EngineWork, options: CallOptions = {}): Promise<T> {
    const limitMs = this.options.requestTimeoutMs + (options.allowanceMs ?? 0);
    return this.bounded(options, async (signal) => (await work(await this.docker(), signal)) as T, { limitMs });
  }

  /** A call that sends a body (copy into a container, load): bounded by silence while it uploads. */
  upload<T = unknown>(body: NodeJS.ReadableStream, work: EngineWork, options: CallOptions = {}): Promise<T> {
    return this.bounded(options, async (signal, watched) => (await work(await this.docker(), signal, watched)) as T, { body });
  }

  /**
   * Opens a response stream (events, logs, stats, progress, archives). The opening is bounded
   * like a call (or by silence while `body` uploads); afterwards `idle` decides. Aborting
   * `signal` ends the stream at any time.
   */
  async openStream<T extends NodeJS.ReadableStream = NodeJS.ReadableStream>(work: EngineWork, options: StreamOptions): Promise<T> {
    const controller = new AbortController();
    const stop = (reason: unknown): void => controller.abort(reason);
    // The stream's own signal outlives the opening: the caller's signal and the idle rule end it.
    const streamSignal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    const stream = await this.bounded(options, async (signal, body) => (await work(await this.docker(), AbortSignal.any([signal, streamSignal]), body)) as T, {
      limitMs: this.options.requestTimeoutMs + (options.allowanceMs ?? 0),
      ...(options.body && { body: options.body }),
    });
    if (options.idle === 'quiet-ok' || typeof (stream as { write?: unknown }).write === 'function') {
      return stream; // hijacked terminals are duplex: silence there is the user thinking
    }
    const watchdog = new IdleWatchdog(this.streamIdleMs, () => {
      const error = timeoutError(`No data from ${this.address} for ${Math.round(this.streamIdleMs / 1000)} s; the transfer was stopped`);
      stop(error);
      (stream as NodeJS.ReadableStream & { destroy?: (error?: Error) => void }).destroy?.(error);
    });
    return touchingStream(stream, watchdog) as unknown as T;
  }

  /**
   * POST `path` upgraded to another protocol on the same connection (BuildKit's session speaks
   * HTTP/2 there): the raw socket. Only the opening is bounded; the caller closes the socket.
   */
  upgrade(path: string, headers: Record<string, string | string[]>, signal?: AbortSignal): Promise<Duplex> {
    return this.openStream<Duplex>((d, abortSignal) => new Promise((resolve, reject) => {
      d.modem.dial(
        { path, method: 'POST', hijack: true, headers, abortSignal, statusCodes: { 101: true, 200: true, 400: 'bad parameter', 500: 'server error' } },
        (error: unknown, socket: unknown) => (error ? reject(error) : resolve(socket as Duplex)),
      );
    }), { idle: 'quiet-ok', ...(signal && { signal }) });
  }

  /**
   * Runs `work` with a signal that aborts on the caller's signal, after `limitMs`, or after
   * streamIdleMs without a byte of `body`; the returned promise settles by then in any case.
   */
  private bounded<T>(
    options: CallOptions,
    work: (signal: AbortSignal, body?: NodeJS.ReadableStream) => Promise<T>,
    bound: { limitMs?: number; body?: NodeJS.ReadableStream },
  ): Promise<T> {
    const controller = new AbortController();
    const outer = options.signal;
    let watchdog: IdleWatchdog | undefined;
    let timer: NodeJS.Timeout | undefined;
    let onOuterAbort: (() => void) | undefined;
    let finished = false;
    const done = new Promise<never>((_, reject) => {
      const fail = (reason: unknown): void => {
        controller.abort(reason);
        reject(reason);
      };
      if (outer?.aborted) {
        fail(outer.reason);
        return;
      }
      onOuterAbort = () => fail(outer?.reason);
      outer?.addEventListener('abort', onOuterAbort, { once: true });
      if (bound.body) {
        watchdog = new IdleWatchdog(this.streamIdleMs, () => fail(timeoutError(`No progress sending to ${this.address} for ${Math.round(this.streamIdleMs / 1000)} s`)));
      } else {
        const limitMs = bound.limitMs ?? this.options.requestTimeoutMs;
        const arm = (): void => {
          if (!finished) {
            timer = setTimeout(() => fail(timeoutError(`No answer from ${this.address} within ${Math.round(limitMs / 1000)} s`)), limitMs);
          }
        };
        if (options.boundFrom) {
          options.boundFrom.then(arm, arm);
        } else {
          arm();
        }
      }
    });
    done.catch(() => undefined);
    // After the last byte sent, the answer must come within the same silence.
    const body = bound.body && watchdog ? touchingStream(bound.body, watchdog, true) : undefined;
    const settled = (): void => {
      finished = true;
      clearTimeout(timer);
      watchdog?.stop();
      if (onOuterAbort) {
        outer?.removeEventListener('abort', onOuterAbort);
      }
    };
    const result = work(controller.signal, body);
    result.catch(() => undefined);
    return Promise.race([result, done]).finally(settled);
  }
}

async function dockerodeOptions(endpoint: EngineEndpoint, ssh: SshConnection | undefined): Promise<Docker.DockerOptions> {
  switch (endpoint.kind) {
    case 'unix':
      return { socketPath: endpoint.socketPath };
    case 'tcp': {
      if (!endpoint.tls) {
        return { host: endpoint.host, port: endpoint.port, protocol: 'http' };
      }
      const tls = endpoint.tls;
      // Never readFileSync: a path that became a FIFO or a device would block the extension host.
      const read = async (pem: string | undefined, file: string | undefined): Promise<string | Buffer | undefined> => pem ?? (file ? readSmallRegularFile(file) : undefined);
      const [ca, cert, key] = await Promise.all([read(tls.caPem, tls.caPath), read(tls.certPem, tls.certPath), read(tls.keyPem, tls.keyPath)]);
      const agent = new DirectTlsAgent({ host: endpoint.host, port: endpoint.port }, { ca, cert, key, rejectUnauthorized: tls.verify });
      return { host: DirectTlsAgent.REQUEST_HOST, port: endpoint.port, protocol: 'https', agent } as Docker.DockerOptions;
    }
    case 'ssh':
      // Plain HTTP over the connection's channels; host and port only fill the request line. The
      // host must be 127.0.0.1: VS Code's proxy support replaces the agent of any other request.
      return { protocol: 'http', host: DirectTlsAgent.REQUEST_HOST, port: 80, agent: new SshDockerAgent(ssh as SshConnection) } as Docker.DockerOptions;
    case 'unsupported':
      throw new Error(endpoint.reason);
  }
}

/** A GET whose answer body is handed over as a stream instead of being parsed by docker-modem in one go. */
function dialStream(docker: Docker, request: { path: string; options: object; abortSignal: AbortSignal }): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      { ...request, method: 'GET', isStream: true, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' } },
      (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)),
    );
  });
}

function readText(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
    stream.on('close', () => reject(new Error('the engine closed the answer before its end'))); // no-op after 'end'
  });
}
