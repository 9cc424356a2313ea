/**
 * What core/swarm hands to the extension: typed summaries of a swarm as the Engine API reports it
 * (/info .Swarm, /nodes, /services, /tasks, /secrets, /configs) and what a service is made from.
 *
 * Functions (all take an EngineClient first, every call bounded by it):
 * - swarmMembership.ts: inspectSwarmMembership(client, signal?) → SwarmMembership;
 *   initSwarm(client, InitSwarmOptions, signal?) → node id; joinSwarm(joiner, manager, JoinSwarmOptions, signal?);
 *   leaveSwarm(client, force, signal?); readUnlockKey(client, signal?) → string | undefined;
 *   rotateJoinToken(client, role, signal?); inspectSwarm(client, signal?) → SwarmInfo;
 *   unlockSwarm(client, unlockKey, signal?).
 * - nodeOperations.ts: listNodes(client, signal?) → SwarmNodeSummary[]; setNodeRole(client, id, role, signal?);
 *   setNodeAvailability(client, id, availability, signal?); removeNode(client, id, force, signal?).
 * - serviceOperations.ts: listServices(client, signal?) → SwarmServiceSummary[];
 *   createService(client, ServiceSpecInput, signal?) → id; scaleService(client, id, replicas, signal?);
 *   updateServiceImage(client, id, image, onProgress?, signal?) → ServiceUpdateOutcome;
 *   rollbackService(client, id, onProgress?, signal?) → ServiceUpdateOutcome; forceUpdateService(client, id, signal?);
 *   removeService(client, id, signal?); inspectService(client, id, signal?) → unknown (raw JSON);
 *   listTasks(client, TaskFilter, signal?) → SwarmTaskSummary[];
 *   serviceLogs(client, id, { follow, tail }, signal?) → AsyncIterable<string>.
 * - secretConfigOperations.ts: listSecrets/listConfigs(client, signal?); createSecret/createConfig(client,
 *   { name, data, labels? }, signal?) → id; removeSecret/removeConfig(client, id, signal?).
 * - swarmErrors.ts: SwarmError (kind: SwarmErrorKind, message a user can act on); toSwarmError(error, context).
 */

export type SwarmLocalState = 'inactive' | 'pending' | 'active' | 'locked' | 'error';

/** One engine's view of its swarm membership (/info .Swarm). */
export interface SwarmMembership {
  readonly state: SwarmLocalState;
  readonly nodeId?: string;
  /** The swarm's ID: engines with the same clusterId are in the same swarm (only managers know it). */
  readonly clusterId?: string;
  readonly isManager: boolean;
  /** The address this node advertises to the others. */
  readonly nodeAddress?: string;
  /** The managers' addresses (host:port) as this engine knows them. */
  readonly managerAddresses: string[];
  /** The engine's own words when state is 'error'. */
  readonly error?: string;
}

export type SwarmNodeRole = 'manager' | 'worker';
export type SwarmNodeAvailability = 'active' | 'pause' | 'drain';
export type SwarmNodeState = 'ready' | 'down' | 'unknown' | 'disconnected';

export interface SwarmNodeSummary {
  readonly id: string;
  readonly hostname: string;
  readonly role: SwarmNodeRole;
  readonly availability: SwarmNodeAvailability;
  readonly state: SwarmNodeState;
  readonly engineVersion: string;
  /** Status.Addr: the address the node is reached at. */
  readonly address: string;
  readonly leader: boolean;
  /** ManagerStatus.Reachability for managers ('reachable', 'unreachable', 'unknown'). */
  readonly reachability?: string;
  /**
   * The node's engine ID when the engine reports one (Description.Engine.Labels can carry it; newer
   * engines do not): the extension maps nodes to tree machines by /info NodeID, and by this as a fallback.
   */
  readonly engineId?: string;
}

export interface SwarmPort {
  readonly published?: number;
  readonly target: number;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly mode: 'ingress' | 'host';
}

export interface SwarmServiceSummary {
  readonly id: string;
  readonly name: string;
  readonly mode: 'replicated' | 'global';
  /** Replicated services only. */
  readonly desiredReplicas?: number;
  /** Tasks of the service whose state is running. */
  readonly runningTasks: number;
  /** The image as the spec names it, without the digest the engine pins (`busybox:latest`). */
  readonly image: string;
  readonly ports: SwarmPort[];
  /** Label com.docker.stack.namespace: the stack the service belongs to. */
  readonly stack?: string;
  /** UpdateStatus.State: updating, paused, completed, rollback_started, rollback_paused, rollback_completed. */
  readonly updateState?: string;
  readonly updateMessage?: string;
}

export interface SwarmTaskSummary {
  readonly id: string;
  readonly serviceId: string;
  /** Replicated services' slot; global services have none. */
  readonly slot?: number;
  readonly nodeId: string;
  readonly desiredState: string;
  readonly state: string;
  readonly message: string;
  readonly error?: string;
  readonly containerId?: string;
  /** ISO time of the task's last change. */
  readonly updatedAt: string;
}

export interface SwarmObjectSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly labels: Readonly<Record<string, string>>;
}

export type SwarmSecretSummary = SwarmObjectSummary;
export type SwarmConfigSummary = SwarmObjectSummary;

export interface SwarmObjectInput {
  readonly name: string;
  /** The secret or config itself; sent base64-encoded, never logged or returned. */
  readonly data: string | Uint8Array;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface ServicePortInput {
  readonly target: number;
  readonly published?: number;
  readonly protocol?: 'tcp' | 'udp' | 'sctp';
  readonly mode?: 'ingress' | 'host';
}

export interface ServiceMountInput {
  readonly type: 'volume' | 'bind';
  /** Volume name or host path; empty for an anonymous volume. */
  readonly source?: string;
  readonly target: string;
  readonly readOnly?: boolean;
}

export interface ServiceUpdatePolicy {
  readonly parallelism?: number;
  readonly delaySeconds?: number;
  readonly failureAction?: 'pause' | 'continue' | 'rollback';
  readonly order?: 'stop-first' | 'start-first';
  /** How long each updated task is watched for failure (5 s, as the CLI, when absent). */
  readonly monitorSeconds?: number;
}

export interface ServiceSpecInput {
  readonly name: string;
  readonly image: string;
  /** Replicated with this many tasks (1 when neither replicas nor global is given). */
  readonly replicas?: number;
  /** One task per eligible node. */
  readonly global?: true;
  readonly ports?: readonly ServicePortInput[];
  /** KEY=value entries. */
  readonly env?: readonly string[];
  readonly mounts?: readonly ServiceMountInput[];
  /** Network names or IDs (overlay networks of the swarm). */
  readonly networks?: readonly string[];
  /** Placement constraints, e.g. `node.role==worker`. */
  readonly constraints?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  /** Replaces the image's CMD (Args); the entrypoint stays. */
  readonly command?: readonly string[];
  readonly updateConfig?: ServiceUpdatePolicy;
  /** Same fields as updateConfig, except failureAction 'rollback' means nothing there. */
  readonly rollbackConfig?: ServiceUpdatePolicy;
}

export interface InitSwarmOptions {
  /** Address (or interface) other nodes reach this one at, e.g. 10.77.0.1. */
  readonly advertiseAddr: string;
  /** Defaults to 0.0.0.0:2377. */
  readonly listenAddr?: string;
  /** CIDRs overlay networks' subnets are taken from (e.g. ['10.20.0.0/16']). */
  readonly defaultAddrPool?: readonly string[];
  /** Prefix length of each subnet taken from the pool (24 by default). */
  readonly subnetSize?: number;
  /** Dispatcher heartbeat period: how fast a silent node is declared down (the engine's default is 5 s). */
  readonly heartbeatSeconds?: number;
  /** Managers restarted stay locked until given the unlock key (readUnlockKey, unlockSwarm). */
  readonly autoLock?: boolean;
}

export interface JoinSwarmOptions {
  readonly role: SwarmNodeRole;
  /** Address the joining node advertises; the engine picks one when absent. */
  readonly advertiseAddr?: string;
  /** Defaults to 0.0.0.0:2377. */
  readonly listenAddr?: string;
}

export interface TaskFilter {
  readonly serviceId?: string;
  readonly nodeId?: string;
}

export interface ServiceLogOptions {
  readonly follow: boolean;
  /** Lines from the end per task ('all' when absent). */
  readonly tail?: number;
}

/** A service update (image change or rollback) as it goes. */
export interface ServiceUpdateProgress {
  /** UpdateStatus.State, or 'waiting' before the engine reports one. */
  readonly state: string;
  readonly message?: string;
  /** Tasks running the desired spec, and how many are wanted. */
  readonly updatedTasks: number;
  readonly desiredTasks: number;
}

export interface ServiceUpdateOutcome {
  /** completed, rollback_completed or paused (a failed update the engine stopped). */
  readonly state: 'completed' | 'rollback_completed' | 'paused' | 'rollback_paused';
  readonly message?: string;
}

/** The swarm as a manager reports it (/swarm), without join tokens. */
export interface SwarmInfo {
  readonly id: string;
  readonly createdAt: string;
  readonly autoLockManagers: boolean;
  readonly heartbeatSeconds?: number;
  readonly defaultAddrPool: string[];
  readonly subnetSize?: number;
}
