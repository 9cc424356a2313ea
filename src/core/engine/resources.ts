/** Typed views of the Engine API's list results: only what the tree and commands need. */
import { bool, epochSeconds, isRecord, list, num, requiredText, stringRecord, text } from './rawFields';

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

/** Reads one entry of /containers/json; any field but Id may be missing or of another type (see rawFields). */
export function toContainerInfo(raw: RawContainer): ContainerInfo {
  const id = requiredText(raw, 'Id', 'a container');
  const labels = stringRecord(raw.Labels);
  const status = text(raw.Status);
  const engineState = text(raw.State, 'created').toLowerCase();
  const state = engineState === 'running' && status.includes('(unhealthy)') ? 'unhealthy' : (engineState as ContainerState);
  const composeProject = labels[COMPOSE_PROJECT_LABEL];
  const firstName = list(raw.Names).find((n): n is string => typeof n === 'string' && n !== '');
  return {
    kind: 'container',
    key: id,
    id,
    name: (firstName ?? id.slice(0, 12)).replace(/^\//, ''),
    image: text(raw.Image),
    command: text(raw.Command),
    created: new Date(epochSeconds(raw.Created) * 1000),
    state,
    status,
    ports: dedupePorts(list(raw.Ports)),
    labels,
    ...(composeProject ? { composeProject } : {}),
    volumeNames: list(raw.Mounts).filter(isRecord).filter((m) => m.Type === 'volume' && typeof m.Name === 'string' && m.Name !== '').map((m) => m.Name as string),
  };
}

/** The engine lists a port once per host address (0.0.0.0 and ::); a user thinks of it once. */
function dedupePorts(ports: readonly unknown[]): PublishedPort[] {
  const seen = new Map<string, PublishedPort>();
  for (const port of ports.filter(isRecord)) {
    const containerPort = num(port.PrivatePort, NaN);
    if (Number.isNaN(containerPort)) {
      continue; // not a port this list can show
    }
    const hostPort = port.PublicPort === undefined || port.PublicPort === null ? undefined : num(port.PublicPort, NaN);
    const protocol = text(port.Type, 'tcp');
    const hostIp = text(port.IP);
    const key = `${hostPort ?? ''}/${containerPort}/${protocol}`;
    if (!seen.has(key)) {
      seen.set(key, {
        containerPort,
        protocol,
        ...(hostPort !== undefined && !Number.isNaN(hostPort) ? { hostPort } : {}),
        ...(hostIp !== '' ? { hostIp } : {}),
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
  const id = requiredText(raw, 'Id', 'an image');
  const tags = list(raw.RepoTags).filter((tag): tag is string => typeof tag === 'string' && tag !== '<none>:<none>');
  const created = new Date(epochSeconds(raw.Created) * 1000);
  const labels = stringRecord(raw.Labels);
  const size = num(raw.Size, 0);
  const containers = num(raw.Containers, -1);
  // Built field by field (no spread): an image with hundreds of tags makes hundreds of entries.
  const entry = (tag: string | undefined): ImageInfo => ({
    kind: 'image',
    key: `${id}#${tag ?? ''}`,
    id,
    ...(tag === undefined ? {} : { tag }),
    created,
    size,
    containers,
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
  const name = requiredText(raw, 'Name', 'a volume');
  return {
    kind: 'volume',
    key: name,
    name,
    driver: text(raw.Driver, 'local'),
    mountpoint: text(raw.Mountpoint),
    labels: stringRecord(raw.Labels),
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
  const id = requiredText(raw, 'Id', 'a network');
  const name = text(raw.Name, id.slice(0, 12));
  const ipamConfig = isRecord(raw.IPAM) ? list(raw.IPAM.Config) : [];
  return {
    kind: 'network',
    key: id,
    id,
    name,
    driver: text(raw.Driver),
    scope: text(raw.Scope, 'local'),
    subnets: ipamConfig.filter(isRecord).map((c) => c.Subnet).filter((s): s is string => typeof s === 'string' && s !== ''),
    internal: bool(raw.Internal, false),
    // Podman's compat API lists its default network ("podman") as "bridge", and has no host or none.
    builtIn: BUILT_IN_NETWORKS.has(name),
    labels: stringRecord(raw.Labels),
  };
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
