import { createHmac, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { HostKey } from './hostKeys';

/** One key line of a known_hosts file (comments and blank lines are not entries). */
export interface KnownHostEntry {
  readonly line: number;
  readonly marker?: 'revoked' | 'cert-authority';
  /** The host field as written: a comma list of patterns, or one `|1|salt|hash` hashed name. */
  readonly hosts: string;
  readonly key: HostKey;
}

export type HostKeyStatus =
  | { readonly status: 'trusted'; readonly entry: KnownHostEntry }
  /** `otherTypes`: keys of other types known for this host (the server did not offer those). */
  | { readonly status: 'unknown'; readonly otherTypes: readonly string[] }
  | { readonly status: 'changed'; readonly entry: KnownHostEntry }
  | { readonly status: 'revoked'; readonly entry: KnownHostEntry };

/** The name OpenSSH looks up and writes: `host` on port 22, `[host]:port` on any other. */
export function knownHostsName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) {
      return;
    }
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    const [hosts, type, base64] = fields;
    if (hosts && type && base64) {
      entries.push({ line: index + 1, ...(marker && { marker }), hosts, key: { type, base64 } });
    }
  });
  return entries;
}

/** Whether an entry's host field names `name` (as made by knownHostsName), hashed or not. */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.startsWith('|1|')) {
    const [, , salt, hash] = entry.hosts.split('|');
    if (!salt || !hash) {
      return false;
    }
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  // A comma list; any negated pattern that matches wins over every positive one.
  let matched = false;
  for (const pattern of entry.hosts.toLowerCase().split(',')) {
    const negated = pattern.startsWith('!');
    if (wildcardMatch(negated ? pattern.slice(1) : pattern, name)) {
      if (negated) {
        return false;
      }
      matched = true;
    }
  }
  return matched;
}

/** Decides about a presented key the way OpenSSH's check_host_key does (without certificates). */
export function checkHostKey(entries: readonly KnownHostEntry[], name: string, key: HostKey): HostKeyStatus {
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && entryMatches(e, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && sameKey(e.key, key));
  if (revoked) {
    return { status: 'revoked', entry: revoked };
  }
  const plain = forHost.filter((e) => e.marker === undefined);
  const trusted = plain.find((e) => sameKey(e.key, key));
  if (trusted) {
    return { status: 'trusted', entry: trusted };
  }
  const sameType = plain.find((e) => e.key.type === key.type);
  if (sameType) {
    return { status: 'changed', entry: sameType };
  }
  return { status: 'unknown', otherTypes: [...new Set(plain.map((e) => e.key.type))] };
}

/** Key types known for a host, so that those can be negotiated first. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  return [...new Set(entries.filter((e) => e.marker === undefined && entryMatches(e, name)).map((e) => e.key.type))];
}

/** A known_hosts line for `name`, hashed (as `HashKnownHosts yes` writes) or plain. */
export function knownHostsLine(name: string, key: HostKey, hashed: boolean): string {
  if (!hashed) {
    return `${name} ${key.type} ${key.base64}`;
  }
  const salt = randomBytes(20);
  const hash = createHmac('sha1', salt).update(name).digest('base64');
  return `|1|${salt.toString('base64')}|${hash} ${key.type} ${key.base64}`;
}

/** Reads a known_hosts file; a missing one is an empty list. */
export async function readKnownHosts(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
}

/** Appends one line, creating the file (0600) and its folder (0700) as ssh does. */
export async function appendKnownHost(file: string, line: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const existing = await fs.readFile(file);
    prefix = existing.length > 0 && existing[existing.length - 1] !== 0x0a ? '\n' : '';
  } catch {
    // No file yet: appendFile creates it.
  }
  await fs.appendFile(file, `${prefix}${line}\n`, { mode: 0o600 });
}

/**
 * Removes every plain entry for `name` (what `ssh-keygen -R` does), for "re-trust" after a host
 * was reinstalled. Returns how many lines went. The file is replaced atomically.
 */
export async function forgetKnownHost(file: string, name: string): Promise<number> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return 0;
  }
  const drop = new Set(parseKnownHosts(text).filter((e) => e.marker === undefined && entryMatches(e, name)).map((e) => e.line));
  if (drop.size === 0) {
    return 0;
  }
  const kept = text.split('\n').filter((_, index) => !drop.has(index + 1));
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, kept.join('\n'), { mode: 0o600 });
  await fs.rename(temporary, file);
  return drop.size;
}

function sameKey(a: HostKey, b: HostKey): boolean {
  return a.type === b.type && a.base64 === b.base64;
}

/** OpenSSH's pattern match: `*` any run, `?` one character, everything else literal. */
function wildcardMatch(pattern: string, text: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(text);
}
