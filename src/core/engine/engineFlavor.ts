/**
 * Which engine answers behind the Docker-compatible API, and what it can do. Podman serves the
 * same API (`podman system service`) but not all of it; the tree and the commands consult these
 * capabilities instead of asking which driver or which product a machine is.
 */
export type EngineProduct = 'docker' | 'podman';

export interface EngineCapabilities {
  /** Swarm mode (init, join, services, stacks). */
  readonly swarm: boolean;
  /** BuildKit through `/build?version=2` and `/session`; without it builds use the classic builder. */
  readonly buildkit: boolean;
  /**
   * Health checks run by the engine itself, reported as `health_status` events and in the list's
   * Status. Podman runs them from systemd timers, so where it has no systemd they never run (and a
   * compose `service_healthy` dependency waits until its timeout).
   */
  readonly healthEvents: boolean;
  /** Network create and remove arrive as events (Podman 4.3 sends only connect/disconnect). */
  readonly networkEvents: boolean;
}

export interface EngineFlavor {
  readonly product: EngineProduct;
  /** The product's own version ("20.10.24", "4.3.1"). */
  readonly version: string;
  /** What the tree shows: "Docker 20.10.24", "Podman 4.3.1". */
  readonly label: string;
  readonly capabilities: EngineCapabilities;
  /** One sentence per thing this engine does differently, for tooltips and messages. */
  readonly notes: readonly string[];
}

const DOCKER_CAPABILITIES: EngineCapabilities = { swarm: true, buildkit: true, healthEvents: true, networkEvents: true };

/**
 * Podman 4 as its compat API behaves (probed against Debian's 4.3.1): no swarm endpoints, a /build
 * that ignores `version=2` (no BuildKit session), and health checks that run only from systemd
 * timers, so without systemd no health state or health_status events; and no event when a
 * network is created or removed.
 */
const PODMAN_CAPABILITIES: EngineCapabilities = { swarm: false, buildkit: false, healthEvents: false, networkEvents: false };

const PODMAN_NOTES = [
  'Podman has no swarm mode.',
  'Builds use the classic builder (Podman’s /build has no BuildKit session).',
  'Health checks run only where Podman has systemd; without it no health state is shown.',
  'Networks created or removed outside this window show after Refresh (Podman sends no event for them).',
];

/** What a capability's absence means, said to the user when a command needs it. */
export function missingCapability(flavor: EngineFlavor, capability: keyof EngineCapabilities): string | undefined {
  if (flavor.capabilities[capability]) {
    return undefined;
  }
  const product = flavor.product === 'podman' ? 'Podman' : 'This engine';
  const what: Record<keyof EngineCapabilities, string> = {
    swarm: `${product} has no swarm mode`,
    buildkit: `${product} has no BuildKit: builds use the classic builder`,
    healthEvents: `${product} reports no health checks here`,
    networkEvents: `${product} sends no event when a network is created or removed: Refresh shows networks made elsewhere`,
  };
  return what[capability];
}

/**
 * Reads the flavor from a decoded GET /version answer. Podman names itself in `Components`
 * ("Podman Engine"); anything shaped otherwise (a missing or odd Components, a Docker) is Docker
 * with the top-level Version, so an odd answer never stops the machine from showing.
 */
export function flavorFromVersion(raw: unknown): EngineFlavor {
  const record = isRecord(raw) ? raw : {};
  const topVersion = typeof record.Version === 'string' ? record.Version : '?';
  const components = Array.isArray(record.Components) ? record.Components : [];
  const podman = components.find((c): c is Record<string, unknown> => isRecord(c) && typeof c.Name === 'string' && /^podman\b/i.test(c.Name));
  if (podman) {
    const version = typeof podman.Version === 'string' && podman.Version !== '' ? podman.Version : topVersion;
    return { product: 'podman', version, label: `Podman ${version}`, capabilities: PODMAN_CAPABILITIES, notes: PODMAN_NOTES };
  }
  return { product: 'docker', version: topVersion, label: `Docker ${topVersion}`, capabilities: DOCKER_CAPABILITIES, notes: [] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
