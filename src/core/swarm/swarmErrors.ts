import { describeEngineError, engineMessageOf } from '../util/errors';
import { failureKindOf } from '../util/failureKind';

export type SwarmErrorKind =
  | 'already-in-swarm'
  | 'not-in-swarm'
  | 'not-manager'
  | 'manager-unreachable'
  | 'token-rejected'
  | 'no-quorum'
  | 'locked';

/** A swarm failure the user can act on: `kind` decides what the UI offers, the message says what to do. */
export class SwarmError extends Error {
  override readonly name = 'SwarmError';

  constructor(readonly kind: SwarmErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The engine's words for each kind (moby daemon/cluster errors and swarmkit's gRPC statuses, all
 * answered as 503 or 500). Order matters: "not a swarm manager. Use docker swarm init" means the
 * engine is in no swarm at all, while the worker's wording means it is in one but not a manager.
 */
const ENGINE_PATTERNS: readonly (readonly [RegExp, SwarmErrorKind])[] = [
  [/already part of a swarm/i, 'already-in-swarm'],
  [/not part of a swarm|not a swarm manager\. use "?docker swarm init/i, 'not-in-swarm'],
  [/worker nodes can't be used|not a swarm manager/i, 'not-manager'],
  [/valid join token is necessary|invalid join token|join token .*(invalid|rotated)/i, 'token-rejected'],
  [/encrypted and needs to be unlocked|swarm is locked/i, 'locked'],
  [/does not have a leader|too few managers|lost quorum|no quorum/i, 'no-quorum'],
  [/code = Unavailable|connection error|timeout was reached before node joined/i, 'manager-unreachable'],
];

/**
 * A deadline passing means different things: a joining engine did not get through to the manager,
 * while a manager that cannot commit a change in time has no leader (seen on this machine: a
 * manager whose only peer manager stopped answers "code = DeadlineExceeded desc = context deadline
 * exceeded" to every listing).
 */
const DEADLINE = /code = DeadlineExceeded|context deadline exceeded/i;

/** Transport failures that, on the manager's own connection, mean the manager cannot be reached. */
const UNREACHABLE_TRANSPORT = new Set(['no-socket', 'refused', 'timeout', 'unresolved', 'connection-lost', 'permission-denied']);

/** What the user can do about each kind. */
const ADVICE: Readonly<Record<SwarmErrorKind, string>> = {
  'already-in-swarm': 'it is already in a swarm: leave that swarm first (Leave Swarm), then try again',
  'not-in-swarm': 'it is not in a swarm: initialize a swarm on it or join it to one first',
  'not-manager': 'it is a worker: run this on a manager of the swarm, or promote this node first',
  'manager-unreachable': 'a manager could not be reached: check that its engine runs and that port 2377 of its advertised address is reachable from the other machine',
  'token-rejected': 'the swarm refused the join token (it was rotated or is for another swarm): read a fresh token from a manager and join again',
  'no-quorum': 'the swarm has no leader, most likely because too few managers are online: bring more than half of the managers back, or re-initialize with force-new-cluster on one of them',
  locked: 'the swarm is locked: unlock it with its unlock key (docker swarm unlock) on this manager',
};

export interface SwarmErrorContext {
  /** The machine the call went to, for the message ("10.77.0.2"). */
  readonly address: string;
  /** The call went to the manager a join reads its token from: a failed connection means it is unreachable. */
  readonly managerConnection?: boolean;
  /** The call asked an engine to join a swarm: a deadline means the manager was not reached. */
  readonly joining?: boolean;
}

/** The swarm kind of an engine or transport failure, or undefined when it is no swarm matter. */
export function swarmErrorKindOf(error: unknown, context: Omit<SwarmErrorContext, 'address'> = {}): SwarmErrorKind | undefined {
  if (error instanceof SwarmError) {
    return error.kind;
  }
  const message = engineMessageOf(error);
  const byMessage = ENGINE_PATTERNS.find(([pattern]) => pattern.test(message))?.[1];
  if (byMessage) {
    return byMessage;
  }
  if (DEADLINE.test(message)) {
    return context.joining === true ? 'manager-unreachable' : 'no-quorum';
  }
  return context.managerConnection === true && UNREACHABLE_TRANSPORT.has(failureKindOf(error)) ? 'manager-unreachable' : undefined;
}

/** The one place engine failures become SwarmErrors; anything else is returned as it was. */
export function toSwarmError(error: unknown, context: SwarmErrorContext): unknown {
  const kind = swarmErrorKindOf(error, context);
  if (!kind || error instanceof SwarmError) {
    return error;
  }
  const detail = describeEngineError(error, context.address);
  return new SwarmError(kind, `${context.address}: ${ADVICE[kind]} (${detail})`, { cause: error });
}
