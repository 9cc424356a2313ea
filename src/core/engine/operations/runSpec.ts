import { splitShellWords } from '../../util/shellWords';

/** What the Run… wizard collects: the options a `docker run` user reaches for. */
export interface RunSpec {
  readonly image: string;
  readonly name?: string;
  /** `[ip:]hostPort:containerPort[/proto]` or `containerPort[/proto]` (a random host port). */
  readonly ports?: readonly string[];
  /** `KEY=value`. */
  readonly env?: readonly string[];
  /** `volume:/path[:ro]` or `/host/path:/path[:ro]`. */
  readonly volumes?: readonly string[];
  readonly network?: string;
  /** A command line, split like a shell would (quotes respected); empty keeps the image's CMD. */
  readonly command?: string;
  readonly restart?: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  readonly autoRemove?: boolean;
  /** Allocate a TTY and keep stdin open (Run Interactive). */
  readonly interactive?: boolean;
}

interface PortBinding {
  HostIp?: string;
  HostPort: string;
}

/** The Engine API's create body for a RunSpec; throws with the offending value when one is malformed. */
export function toCreateOptions(spec: RunSpec): Record<string, unknown> {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const port of spec.ports ?? []) {
    const parsed = parsePort(port);
    exposed[parsed.key] = {};
    bindings[parsed.key] = [...(bindings[parsed.key] ?? []), parsed.binding];
  }
  for (const entry of spec.env ?? []) {
    if (!/^[^=\s]+=/.test(entry)) {
      throw new Error(`Environment "${entry}" is not NAME=value`);
    }
  }
  const binds = (spec.volumes ?? []).map(checkVolume);
  const cmd = spec.command ? splitShellWords(spec.command) : undefined;
  return {
    Image: spec.image,
    ...(spec.name ? { name: spec.name } : {}),
    ...(cmd && cmd.length > 0 ? { Cmd: cmd } : {}),
    Env: [...(spec.env ?? [])],
    ExposedPorts: exposed,
    Tty: spec.interactive === true,
    OpenStdin: spec.interactive === true,
    AttachStdin: spec.interactive === true,
    AttachStdout: spec.interactive === true,
    AttachStderr: spec.interactive === true,
    HostConfig: {
      PortBindings: bindings,
      Binds: binds,
      AutoRemove: spec.autoRemove === true,
      RestartPolicy: { Name: spec.restart ?? 'no' },
      ...(spec.network ? { NetworkMode: spec.network } : {}),
    },
  };
}

export function parsePort(spec: string): { key: string; binding: PortBinding } {
  const match = /^(?:(?:(\[[0-9a-fA-F:]+\]|[0-9.]+):)?(\d*):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(spec.trim());
  if (!match) {
    throw new Error(`Port "${spec}" is not [ip:]hostPort:containerPort[/tcp|udp]`);
  }
  const [, ip, hostPort, containerPort, protocol] = match;
  for (const port of [hostPort, containerPort]) {
    if (port && (Number(port) < 1 || Number(port) > 65535)) {
      throw new Error(`Port "${spec}": ${port} is not between 1 and 65535`);
    }
  }
  const hostIp = ip?.replace(/^\[(.*)\]$/, '$1');
  return { key: `${containerPort}/${protocol ?? 'tcp'}`, binding: { HostPort: hostPort ?? '', ...(hostIp ? { HostIp: hostIp } : {}) } };
}

function checkVolume(spec: string): string {
  const parts = spec.split(':');
  const [source, target, mode] = parts;
  if (parts.length < 2 || parts.length > 3 || !source || !target?.startsWith('/') || (mode !== undefined && !/^(ro|rw)$/.test(mode))) {
    throw new Error(`Volume "${spec}" is not volume:/path[:ro] or /host/path:/path[:ro]`);
  }
  return spec;
}
