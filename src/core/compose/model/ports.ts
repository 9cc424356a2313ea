import type { ComposePort } from './composeModel';

/**
 * A `ports` entry in its long syntax. The short syntax is `[[IP:][HOST[-HOST]]:]CONTAINER[-CONTAINER][/PROTOCOL]`
 * (an IPv6 address in brackets); a range becomes one entry per port. Throws with what is wrong.
 */
export function parsePortEntry(entry: unknown): ComposePort[] {
  if (typeof entry === 'number') {
    return [{ target: checkPort(entry), protocol: 'tcp', mode: 'ingress' }];
  }
  if (typeof entry === 'object' && entry !== null) {
    const long = entry as Record<string, unknown>;
    const published = long['published'];
    return [
      {
        target: checkPort(Number(long['target'])),
        ...(published === undefined || published === null || published === '' ? {} : { published: String(published) }),
        ...(typeof long['host_ip'] === 'string' ? { host_ip: long['host_ip'] } : {}),
        protocol: protocolOf(String(long['protocol'] ?? 'tcp')),
        mode: long['mode'] === 'host' ? 'host' : 'ingress',
      },
    ];
  }
  return parseShortPort(String(entry));
}

function parseShortPort(text: string): ComposePort[] {
  const [spec, protocolText, extra] = text.split('/');
  if (extra !== undefined || spec === undefined || spec === '') {
    throw new Error(`"${text}" is not a port mapping`);
  }
  const protocol = protocolOf(protocolText ?? 'tcp');
  let hostIp: string | undefined;
  let rest = spec;
  const bracketed = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(rest);
  if (bracketed !== null) {
    hostIp = bracketed[1];
    rest = bracketed[2] as string;
  }
  const parts = rest.split(':');
  if (hostIp === undefined && parts.length === 3) {
    hostIp = parts.shift();
  } else if (parts.length > 2 || (hostIp !== undefined && parts.length !== 2)) {
    throw new Error(`"${text}" is not a port mapping (an IPv6 host address goes in brackets)`);
  }
  const container = range(parts[parts.length - 1] as string, text);
  const hostText = parts.length === 2 && parts[0] !== '' ? (parts[0] as string) : undefined;
  const host = hostText === undefined ? undefined : range(hostText, text);
  if (host !== undefined && container.length > 1 && host.length !== 1 && host.length !== container.length) {
    throw new Error(`"${text}": the host range and the container range differ in length`);
  }
  // One container port with a host range: the engine picks a free host port within the range.
  const published = (index: number): string | undefined =>
    host === undefined ? undefined : container.length === 1 ? hostText : String(host.length === 1 ? host[0] : host[index]);
  return container.map((target, index) => ({
    target,
    ...(published(index) === undefined ? {} : { published: published(index) as string }),
    ...(hostIp === undefined || hostIp === '' ? {} : { host_ip: hostIp }),
    protocol,
    mode: 'ingress' as const,
  }));
}

function range(text: string, whole: string): number[] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (match === null) {
    throw new Error(`"${whole}" is not a port mapping: ${text} is not a port or range`);
  }
  const first = checkPort(Number(match[1]));
  const last = match[2] === undefined ? first : checkPort(Number(match[2]));
  if (last < first) {
    throw new Error(`"${whole}": the range ${text} ends before it starts`);
  }
  const ports: number[] = [];
  for (let port = first; port <= last; port++) {
    ports.push(port);
  }
  return ports;
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${port} is not a port number`);
  }
  return port;
}

function protocolOf(text: string): ComposePort['protocol'] {
  const protocol = text.toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') {
    throw new Error(`${text} is not a protocol (tcp, udp or sctp)`);
  }
  return protocol;
}
