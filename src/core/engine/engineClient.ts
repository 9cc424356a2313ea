import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { DirectTlsAgent } from './directTlsAgent';
import { describeEndpoint, EngineEndpoint } from './endpoint';
import {
  ContainerInfo, ImageInfo, NetworkInfo, ResourceKind, ResourceOfKind, toContainerInfo, toImageInfos, toNetworkInfo,
  toVolumeInfo, VolumeInfo,
} from './resources';
import { SshDockerAgent } from '../ssh/dockerAgent';
import { SshConnection } from '../ssh/sshConnection';
import { SshSettings } from '../ssh/sshSettings';
import { timeoutSignal } from '../util/abort';

export interface EngineVersion {
  readonly version: string;
  readonly apiVersion: string;
  readonly os: string;
  readonly arch: string;
}

export interface EngineClientOptions {
  /** Upper bound for one request-response call; streams (events, logs) are not bound by it. */
  readonly requestTimeoutMs: number;
  /** For SSH machines: who answers host-key and secret questions, which ~/.ssh files are read. */
  readonly ssh?: SshSettings;
}

/**
 * One machine's Engine API, typed. Every call takes an optional AbortSignal and is bounded by
 * the request timeout so that a dead host never hangs the caller.
 */
export class EngineClient {
  readonly address: string;
  readonly docker: Docker;
  /** The machine's one SSH connection (state, errors), for ssh endpoints. */
  readonly sshConnection: SshConnection | undefined;

  constructor(readonly endpoint: EngineEndpoint, readonly options: EngineClientOptions) {
    this.address = describeEndpoint(endpoint);
    this.sshConnection = endpoint.kind === 'ssh' ? new SshConnection(endpoint, options.ssh) : undefined;
    this.docker = new Docker(dockerodeOptions(endpoint, this.sshConnection));
  }

  /** Closes what the client holds open (the SSH connection); requests after this fail. */
  dispose(): void {
    this.sshConnection?.dispose();
  }

  async version(signal?: AbortSignal): Promise<EngineVersion> {
    const v = (await this.docker.version({ abortSignal: this.bounded(signal) } as never)) as unknown as Record<string, string>;
    return { version: v.Version ?? '?', apiVersion: v.ApiVersion ?? '?', os: v.Os ?? '?', arch: v.Arch ?? '?' };
  }

  async listContainers(signal?: AbortSignal, ids?: readonly string[]): Promise<ContainerInfo[]> {
    const filters = ids ? { id: [...ids] } : undefined;
    const raw = await this.docker.listContainers({ all: true, ...(filters && { filters }), abortSignal: this.bounded(signal) });
    return raw.map((c) => toContainerInfo(c as never));
  }

  async listImages(signal?: AbortSignal): Promise<ImageInfo[]> {
    const raw = await this.docker.listImages({ abortSignal: this.bounded(signal) });
    return raw.flatMap((i) => toImageInfos(i as never));
  }

  async listVolumes(signal?: AbortSignal): Promise<VolumeInfo[]> {
    const raw = await this.docker.listVolumes({ abortSignal: this.bounded(signal) });
    return (raw.Volumes ?? []).map((v) => toVolumeInfo(v as never));
  }

  async listNetworks(signal?: AbortSignal): Promise<NetworkInfo[]> {
    const raw = await this.docker.listNetworks({ abortSignal: this.bounded(signal) });
    return raw.map((n) => toNetworkInfo(n as never));
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
    const opts = { abortSignal: this.bounded(signal) };
    switch (kind) {
      case 'container':
        return this.docker.getContainer(idOrName).inspect(opts);
      case 'image':
        return this.docker.getImage(idOrName).inspect(opts as never);
      case 'volume':
        return this.docker.getVolume(idOrName).inspect(opts as never);
      case 'network':
        return this.docker.getNetwork(idOrName).inspect(opts as never);
    }
  }

  private bounded(signal?: AbortSignal): AbortSignal {
    return timeoutSignal(this.options.requestTimeoutMs, signal);
  }
}

function dockerodeOptions(endpoint: EngineEndpoint, ssh: SshConnection | undefined): Docker.DockerOptions {
  switch (endpoint.kind) {
    case 'unix':
      return { socketPath: endpoint.socketPath };
    case 'tcp': {
      if (!endpoint.tls) {
        return { host: endpoint.host, port: endpoint.port, protocol: 'http' };
      }
      const tls = endpoint.tls;
      const read = (pem: string | undefined, file: string | undefined): string | Buffer | undefined => pem ?? (file ? readFileSync(file) : undefined);
      const agent = new DirectTlsAgent(
        { host: endpoint.host, port: endpoint.port },
        { ca: read(tls.caPem, tls.caPath), cert: read(tls.certPem, tls.certPath), key: read(tls.keyPem, tls.keyPath), rejectUnauthorized: tls.verify },
      );
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
