import { createHash } from 'node:crypto';
import type { ComposeService } from '../model/composeModel';

const NOT_HASHED = ['build', 'pull_policy', 'replicas', 'depends_on', 'profiles'] as const;

/**
 * sha256 of the service's canonical JSON (keys sorted), without what v2's ServiceHash leaves out
 * because changing it must not recreate a container: the build section, pull_policy, the replica
 * count, depends_on and profiles.
 *
 * v2 hashes compose-go's Go JSON of its own struct, which we cannot reproduce byte for byte, so a
 * project made by docker compose v2 (or v1, whose hash is different again) gets its containers
 * recreated once by the first `up` here; from then on the hashes are ours and stable. Everything
 * else — finding, stopping, removing those containers — goes by the labels and works either way.
 */
export function serviceConfigHash(service: ComposeService): string {
  const hashed: Record<string, unknown> = { ...service };
  for (const key of NOT_HASHED) delete hashed[key];
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}

/** JSON with object keys sorted at every level and undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
