/** Where an Engine API is reached. Paths point at files the user owns; nothing is copied. */
export interface TlsFiles {
  readonly caPath?: string;
  readonly certPath?: string;
  readonly keyPath?: string;
  /** The same in memory (PEM), for credentials kept in the editor's secret storage, not in files. */
  readonly caPem?: string;
  readonly certPem?: string;
  readonly keyPem?: string;
  /** false only when the user explicitly opted out of verification for this endpoint. */
  readonly verify: boolean;
}

export type EngineEndpoint =
  | { readonly kind: 'unix'; readonly socketPath: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number; readonly tls?: TlsFiles }
  | SshEndpoint
  /** An endpoint this build cannot reach yet; `reason` is shown to the user. */
  | { readonly kind: 'unsupported'; readonly url: string; readonly reason: string };

/**
 * An engine reached through SSH. `port` and `user` may be left unset: then ~/.ssh/config decides
 * (and after it 22 and the local user), as `ssh host` would.
 */
export interface SshEndpoint {
  readonly kind: 'ssh';
  /** Host name or address, or a Host alias of ~/.ssh/config. */
  readonly host: string;
  readonly port?: number;
  readonly user?: string;
  /** Key files tried before those ~/.ssh/config names. */
  readonly identityFiles?: readonly string[];
  /** The ~/.ssh/config Host to use when it is not `host` itself. */
  readonly sshConfigAlias?: string;
  /** The Engine socket on that host. */
  readonly remoteSocketPath: string;
  /** A key held in memory (from secret storage), tried first; OpenSSH format. */
  readonly privateKey?: string;
  /** The host keys this machine may present ("ssh-ed25519 AAAA…"), checked instead of known_hosts: the driver made them. */
  readonly pinnedHostKeys?: readonly string[];
}

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
/** Where a rootful Podman serves its Docker-compatible API (podman.socket, or `podman system service`). */
export const PODMAN_ROOTFUL_SOCKET = '/run/podman/podman.sock';

/** Parses a DOCKER_HOST-style URL (unix://, tcp://, http(s)://, ssh://) as the docker CLI does. */
export function parseDockerHost(url: string, tls?: TlsFiles): EngineEndpoint {
  const trimmed = url.trim();
  const scheme = /^([a-z]+):\/\//i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'unix') {
    const socketPath = trimmed.slice('unix://'.length);
    return { kind: 'unix', socketPath: socketPath === '' ? DEFAULT_UNIX_SOCKET : socketPath };
  }
  if (scheme === 'tcp' || scheme === 'http' || scheme === 'https') {
    const parsed = new URL(trimmed.replace(/^[a-z]+:/i, 'http:'));
    const secure = tls ?? (scheme === 'https' ? { verify: true } : undefined);
    const defaultPort = secure ? 2376 : 2375;
    const port = parsed.port === '' ? defaultPort : Number(parsed.port);
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    return secure ? { kind: 'tcp', host, port, tls: secure } : { kind: 'tcp', host, port };
  }
  if (scheme === 'ssh') {
    return parseSshUrl(trimmed);
  }
  if (scheme === 'npipe') {
    return { kind: 'unsupported', url: trimmed, reason: 'named pipes exist only on Windows' };
  }
  return { kind: 'unsupported', url: trimmed, reason: `"${trimmed}" is not a Docker host URL (expected unix://, tcp:// or ssh://)` };
}

/** A short, user-facing address for tooltips and logs. */
export function describeEndpoint(endpoint: EngineEndpoint): string {
  switch (endpoint.kind) {
    case 'unix':
      return `unix://${endpoint.socketPath}`;
    case 'tcp':
      return `tcp://${endpoint.host}:${endpoint.port}${endpoint.tls ? (endpoint.tls.verify ? ' (TLS)' : ' (TLS, not verified)') : ''}`;
    case 'ssh': {
      const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
      const user = endpoint.user !== undefined ? `${endpoint.user}@` : '';
      const port = endpoint.port !== undefined ? `:${endpoint.port}` : '';
      const socket = endpoint.remoteSocketPath !== DEFAULT_UNIX_SOCKET ? endpoint.remoteSocketPath : '';
      return `ssh://${user}${host}${port}${socket}`;
    }
    case 'unsupported':
      return endpoint.url;
  }
}

/** `ssh://[user@]host[:port][/socket/path]`, as the docker CLI takes it; a password in it is ignored. */
function parseSshUrl(url: string): EngineEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'unsupported', url, reason: `"${url}" is not a valid ssh:// URL (expected ssh://user@host:port)` };
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') {
    return { kind: 'unsupported', url, reason: `"${url}" names no host` };
  }
  const path = decodeURIComponent(parsed.pathname);
  return {
    kind: 'ssh',
    host,
    ...(parsed.port !== '' && { port: Number(parsed.port) }),
    ...(parsed.username !== '' && { user: decodeURIComponent(parsed.username) }),
    remoteSocketPath: path === '' || path === '/' ? DEFAULT_UNIX_SOCKET : path,
  };
}
