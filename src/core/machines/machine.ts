import { EngineEndpoint } from '../engine/endpoint';

/** A named Docker host the user works with. */
export interface Machine {
  /** Stable across renames; used in tree ids and the store. */
  readonly id: string;
  readonly name: string;
  /** Which driver manages it: 'local' for the engine found the way the docker CLI finds it. */
  readonly driver: string;
  readonly endpoint: EngineEndpoint;
  /** How the endpoint was found or configured, for tooltips ("DOCKER_HOST", "context x"). */
  readonly source: string;
  /** True for machines the user added (kept in the store): they can be edited, renamed, removed. */
  readonly stored?: boolean;
  /** What its driver can do besides reaching the engine (start, stop, restart, ssh). */
  readonly operations?: readonly string[];
  /** How the docker CLI reaches it, when not through `endpoint` (whose client key lives only in memory). */
  readonly cliEndpoint?: EngineEndpoint;
  /** True when its driver set up the host (provisioning): certificates it can regenerate, Docker it can upgrade. */
  readonly provisioned?: boolean;
  /** Facts for the tooltip that the driver knows (a certificate's expiry, a mismatch). */
  readonly remarks?: readonly string[];
}

export const LOCAL_MACHINE_ID = 'local';
