/** What the engine says about one path (the X-Docker-Container-Path-Stat header, decoded). */
export interface ContainerPathStat {
  readonly name: string;
  readonly size: number;
  readonly type: ContainerFileType;
  /** Permission bits (0o777 and setuid/setgid/sticky as in a tar header). */
  readonly permissions: number;
  /** Milliseconds since the epoch. */
  readonly mtime: number;
  /** For a link: the path it resolves to inside the container (the engine resolves every hop). */
  readonly linkTarget?: string;
}

export type ContainerFileType = 'file' | 'directory' | 'symlink' | 'other';

// Go's os.FileMode bits, as the engine serialises them.
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;
/** Device, named pipe, socket, char device, irregular. */
const MODE_SPECIAL = [2 ** 26, 2 ** 25, 2 ** 24, 2 ** 21, 2 ** 19];
const MODE_SETUID = 2 ** 23;
const MODE_SETGID = 2 ** 22;
const MODE_STICKY = 2 ** 20;

/** The type and permission bits of a Go os.FileMode number. */
export function decodeGoFileMode(mode: number): { type: ContainerFileType; permissions: number } {
  const has = (bit: number): boolean => Math.floor(mode / bit) % 2 === 1;
  const type: ContainerFileType = has(MODE_DIR) ? 'directory' : has(MODE_SYMLINK) ? 'symlink' : MODE_SPECIAL.some(has) ? 'other' : 'file';
  const permissions = (mode % 0o1000) + (has(MODE_SETUID) ? 0o4000 : 0) + (has(MODE_SETGID) ? 0o2000 : 0) + (has(MODE_STICKY) ? 0o1000 : 0);
  return { type, permissions };
}

/** Decodes the header's base64 JSON; undefined when it is missing or not what the engine sends. */
export function parsePathStatHeader(header: string | string[] | undefined): ContainerPathStat | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || value.length > 64 * 1024) {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) {
    return undefined;
  }
  const { name, size, mode, mtime, linkTarget } = json as Record<string, unknown>;
  if (typeof name !== 'string' || typeof size !== 'number' || typeof mode !== 'number' || mode < 0) {
    return undefined;
  }
  const { type, permissions } = decodeGoFileMode(mode);
  return {
    name,
    size: Math.max(0, size),
    type,
    permissions,
    mtime: typeof mtime === 'string' ? parseGoTime(mtime) : 0,
    ...(typeof linkTarget === 'string' && linkTarget !== '' && { linkTarget }),
  };
}

/** RFC 3339 with up to nanoseconds (Go's time.Time in JSON) to milliseconds; 0 when unreadable. */
export function parseGoTime(text: string): number {
  const trimmed = text.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

