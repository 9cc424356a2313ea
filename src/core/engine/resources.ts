/** Typed views of the Engine API's list results: only what the tree and commands need. */

export type ResourceKind = 'container' | 'image' | 'volume' | 'network';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['container', 'image', 'volume', 'network'];

export type ContainerState = 'running' | 'paused' | 'exited' | 'restarting' | 'created' | 'removing' | 'dead' | 'unhealthy';

export interface PublishedPort {
  readonly hostIp?: string;
  readonly hostPort?: number;
  readonly containerPort: number;
  readonly protocol: string;
}

export interface ContainerInfo {
  readonly kind: 'container';
  /** Stable key in lists and tree ids: the full container id. */
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly image: string;
  readonly command: string;
  readonly created: Date;
  /** The engine's state, except that a running container whose health check fails is 'unhealthy'. */
  readonly state: ContainerState;
  /** The engine's human status, e.g. "Up 3 minutes (healthy)". */
  readonly status: string;
  readonly ports: readonly PublishedPort[];
  readonly labels: Readonly<Record<string, string>>;
  readonly composeProject?: string;
  /** Names of the named volumes it mounts. */
  readonly volumeNames: readonly string[];
}

export interface ImageInfo {
  readonly kind: 'image';
  /** One entry per tag: `<id>#<repo:tag>`, or `<id>#` for an untagged (dangling) image. */
  readonly key: string;
  readonly id: string;
  /** repo:tag, or undefined for a dangling image. */
  readonly tag?: string;
  readonly created: Date;
  readonly size: number;
  /** -1 when the engine did not count them. */
  readonly containers: number;
  readonly labels: Readonly<Record<string, string>>;
}

export interface VolumeInfo {
  readonly kind: 'volume';
  readonly key: string;
  readonly name: string;
  readonly driver: string;
  readonly mountpoint: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface NetworkInfo {
  readonly kind: 'network';
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly driver: string;
  readonly scope: string;
  readonly subnets: readonly string[];
  readonly internal: boolean;
  /** bridge, host and none: made by the engine and never removable. */
  readonly builtIn: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export type ResourceInfo = ContainerInfo | ImageInfo | VolumeInfo | NetworkInfo;
export type ResourceOfKind<K extends ResourceKind> = Extract<ResourceInfo, { kind: K }>;

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none']);

/* The raw shapes below are the parts of the Engine API's JSON we read (API v1.41+). */
interface RawContainer {
  Id: string;
  Names?: string[];
  Image?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  Labels?: Record<string, string> | null;
  Mounts?: { Type?: string; Name?: string }[];
}

export function toContainerInfo(raw: RawContainer): ContainerInfo {
  const labels = raw.Labels ?? {};
  const status = raw.Status ?? '';
  const engineState = (raw.State ?? 'created').toLowerCase();
  const state = engineState === 'running' && status.includes('(unhealthy)') ? 'unhealthy' : (engineState as ContainerState);
  const composeProject = labels[COMPOSE_PROJECT_LABEL];
  return {
    kind: 'container',
    key: raw.Id,
    id: raw.Id,
    name: (raw.Names?.[0] ?? raw.Id.slice(0, 12)).replace(/^\//, ''),
    image: raw.Image ?? '',
    command: raw.Command ?? '',
    created: new Date((raw.Created ?? 0) * 1000),
    state,
    status,
    ports: dedupePorts(raw.Ports ?? []),
    labels,
    ...(composeProject ? { composeProject } : {}),
    volumeNames: (raw.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string),
  };
}

/** The engine lists a port once per host address (0.0.0.0 and ::); a user thinks of it once. */
function dedupePorts(ports: NonNullable<RawContainer['Ports']>): PublishedPort[] {
  const seen = new Map<string, PublishedPort>();
  for (const port of ports) {
    const key = `${port.PublicPort ?? ''}/${port.PrivatePort}/${port.Type}`;
    if (!seen.has(key)) {
      seen.set(key, {
        containerPort: port.PrivatePort,
        protocol: port.Type,
        ...(port.PublicPort !== undefined ? { hostPort: port.PublicPort } : {}),
        ...(port.IP ? { hostIp: port.IP } : {}),
      });
    }
  }
  return [...seen.values()].sort((a, b) => (a.hostPort ?? 0) - (b.hostPort ?? 0) || a.containerPort - b.containerPort);
}

export function formatPort(port: PublishedPort): string {
  const inner = `${port.containerPort}/${port.protocol}`;
  return port.hostPort === undefined ? inner : `${port.hostPort}→${inner}`;
}

interface RawImage {
  Id: string;
  RepoTags?: string[] | null;
  Created?: number;
  Size?: number;
  Containers?: number;
  Labels?: Record<string, string> | null;
}

export function toImageInfos(raw: RawImage): ImageInfo[] {
  const tags = (raw.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>');
  const created = new Date((raw.Created ?? 0) * 1000);
  const labels = raw.Labels ?? {};
  // Built field by field (no spread): an image with hundreds of tags makes hundreds of entries.
  const entry = (tag: string | undefined): ImageInfo => ({
    kind: 'image',
    key: `${raw.Id}#${tag ?? ''}`,
    id: raw.Id,
    ...(tag === undefined ? {} : { tag }),
    created,
    size: raw.Size ?? 0,
    containers: raw.Containers ?? -1,
    labels,
  });
  return tags.length === 0 ? [entry(undefined)] : tags.map(entry);
}

interface RawVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  Labels?: Record<string, string> | null;
}

export function toVolumeInfo(raw: RawVolume): VolumeInfo {
  return {
    kind: 'volume',
    key: raw.Name,
    name: raw.Name,
    driver: raw.Driver ?? 'local',
    mountpoint: raw.Mountpoint ?? '',
    labels: raw.Labels ?? {},
  };
}

interface RawNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  IPAM?: { Config?: { Subnet?: string }[] | null };
  Labels?: Record<string, string> | null;
}

export function toNetworkInfo(raw: RawNetwork): NetworkInfo {
  return {
    kind: 'network',
    key: raw.Id,
    id: raw.Id,
    name: raw.Name,
    driver: raw.Driver ?? '',
    scope: raw.Scope ?? 'local',
    subnets: (raw.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s),
    internal: raw.Internal ?? false,
    builtIn: BUILT_IN_NETWORKS.has(raw.Name),
    labels: raw.Labels ?? {},
  };
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
