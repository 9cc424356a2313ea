import { isIP } from 'node:net';

/** Docker Hub's API host, and the token server it points to. */
export const DOCKER_HUB_API = 'https://registry-1.docker.io';
const HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com', 'registry.hub.docker.com']);

export interface RegistryAddress {
  /** Where the API is: `https://host[:port]` (or http:// where allowed). */
  readonly origin: string;
  /** host[:port] as image references name it (`docker.io` for Docker Hub). */
  readonly host: string;
  readonly dockerHub: boolean;
}

export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/**
 * Reads what a user typed as a registry (`ghcr.io`, `https://r.example:5000`, `127.0.0.1:5000`,
 * `docker.io`). No scheme means https, except on loopback, where (as dockerd does) plain http is
 * used. Plain http elsewhere only for hosts in `allowHttpHosts` (a user setting).
 * Throws a sentence for the input box on anything else.
 */
export function parseRegistryAddress(input: string, allowHttpHosts: readonly string[] = []): RegistryAddress {
  const text = input.trim();
  if (!text) throw new Error('Enter a registry address, e.g. ghcr.io or 127.0.0.1:5000');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    throw new Error(`"${text}" is not a host name or URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('A registry is reached over https:// (or http:// on loopback)');
  if (url.username || url.password) throw new Error('Put the user name and password in their own fields, not in the address');
  if ((url.pathname !== '/' && url.pathname !== '/v2/' && url.pathname !== '/v2') || url.search || url.hash) {
    throw new Error('Give the registry host only (repositories are listed under it)');
  }
  if (HUB_NAMES.has(url.hostname.toLowerCase())) {
    return { origin: DOCKER_HUB_API, host: 'docker.io', dockerHub: true };
  }
  const loopback = isLoopbackHost(url.hostname);
  const plain = hasScheme ? url.protocol === 'http:' : loopback;
  if (plain && !loopback && !allowHttpHosts.includes(url.host)) {
    throw new Error(`Plain http to ${url.host} is not allowed: use https, or add "${url.host}" to the user setting dockerHosts.registries.allowHttp`);
  }
  return { origin: `${plain ? 'http' : 'https'}://${url.host}`, host: url.host, dockerHub: false };
}

/** Docker Hub's official images live under `library/`. */
export function apiRepositoryName(address: RegistryAddress, repository: string): string {
  return address.dockerHub && !repository.includes('/') ? `library/${repository}` : repository;
}

/** The reference a docker pull takes: `host/repo:tag`, `repo:tag` on Docker Hub (library/ dropped), or `…@digest`. */
export function imageReference(address: RegistryAddress, repository: string, tagOrDigest: string): string {
  const name = address.dockerHub ? repository.replace(/^library\//, '') : `${address.host}/${repository}`;
  return tagOrDigest.startsWith('sha256:') ? `${name}@${tagOrDigest}` : `${name}:${tagOrDigest}`;
}

/** A repository name as the Distribution spec allows it (lowercase path components). */
export function validateRepositoryName(name: string): string | undefined {
  return /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(name.trim()) && name.trim().length <= 255
    ? undefined
    : 'A repository name is lowercase letters, digits and . _ - separators, with / between parts (e.g. team/app)';
}
