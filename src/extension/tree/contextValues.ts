// The contextValues that package.json menus match, and the tree's node ids, built in one place.
// No `vscode` import here: the unit test that checks every `when` clause runs without VS Code.
import type { MachineState } from '../../core/engine/machineSession';
import type { MachineRunState } from '../../core/machines/driver';

/** A VM's state as the tree shows it: the driver's status, or `stopping` while this window stops it (the driver would say starting: QMP runs, the engine is gone). */
export type ShownRunState = MachineRunState | 'stopping';
import type { ContainerState, ResourceKind } from '../../core/engine/resources';
import type { SwarmNodeAvailability, SwarmNodeRole } from '../../core/swarm/swarmTypes';
import type { FailureKind } from '../../core/util/failureKind';

/** contextValues that carry no state. */
export const ContextValues = {
  composeGroup: 'group:compose',
  composeFolder: 'composeFolder',
  composeService: 'composeService',
  networkMember: 'networkMember',
  message: 'message',
  retry: 'retry',
  regenerate: 'regenerate',
  swarm: 'swarm',
  swarmTask: 'swarmTask',
  swarmStack: 'swarmStack',
  swarmSecret: 'swarmSecret',
  swarmConfig: 'swarmConfig',
  swarmNetwork: 'swarmNetwork',
  registry: 'registry',
  registryRepository: 'registryRepository',
  registryTag: 'registryTag',
} as const;

/** The groups under a Swarm node. */
export type SwarmGroupKind = 'nodes' | 'services' | 'stacks' | 'secrets' | 'configs' | 'networks';
export const SWARM_GROUP_KINDS: readonly SwarmGroupKind[] = ['nodes', 'services', 'stacks', 'secrets', 'configs', 'networks'];

export function swarmGroupContextValue(kind: SwarmGroupKind): `group:swarm-${SwarmGroupKind}` {
  return `group:swarm-${kind}`;
}

/** `swarmNode:<role>:<availability>`: Promote/Demote and Drain/Pause/Activate show where they change something. */
export function swarmNodeContextValue(role: SwarmNodeRole, availability: SwarmNodeAvailability): string {
  return `swarmNode:${role}:${availability}`;
}

/** `swarmService:<mode>`: Scale only on replicated services. */
export function swarmServiceContextValue(mode: 'replicated' | 'global'): string {
  return `swarmService:${mode}`;
}

export interface MachineFacts {
  readonly state: MachineState;
  readonly driver: string;
  readonly stored: boolean;
  readonly operations: readonly string[];
  readonly failure?: FailureKind | undefined;
  /** Its role in a swarm, when it is in one (Initialize and Join, or Leave, show accordingly). */
  readonly swarmRole?: SwarmNodeRole | undefined;
  /** Set up by its driver (provisioned): Re-provision, Regenerate Certificates, Upgrade Docker, Restart Host. */
  readonly provisioned?: boolean;
  /** For machines the extension runs itself (VMs): where the VM is, or `unknown` before it was asked. */
  readonly runState?: ShownRunState | 'unknown';
  /** Its engine has no swarm mode (Podman): Initialize and Join Swarm are not offered. */
  readonly noSwarm?: boolean;
}

/**
 * `machine:<state>:<driver>:<stored|auto>` then ` op-<operation>` per driver operation,
 * ` swarm-<role>` when running in a swarm, ` failure-<kind>` when unreachable, ` provisioned` for
 * machines a driver set up, and for machines the extension runs itself ` vm vm-<state>`, so that
 * menus need not know driver names or error text.
 */
export function machineContextValue(facts: MachineFacts): string {
  const operations = facts.operations.map((operation) => ` op-${operation}`).join('');
  const failure = facts.failure && facts.state === 'unreachable' ? ` failure-${facts.failure}` : '';
  const swarm = facts.swarmRole && facts.state === 'running' ? ` swarm-${facts.swarmRole}` : '';
  const vm = facts.runState ? ` vm vm-${facts.runState}` : '';
  const provisioned = facts.provisioned ? ' provisioned' : '';
  const noSwarm = facts.noSwarm ? ' noswarm' : '';
  return `machine:${facts.state}:${facts.driver}:${facts.stored ? 'stored' : 'auto'}${operations}${provisioned}${swarm}${failure}${vm}${noSwarm}`;
}

export function groupContextValue(kind: ResourceKind): string {
  return `group:${kind}`;
}

/** State, then `:published` when a port reaches the host (Open in Browser). */
export function containerContextValue(state: ContainerState, published: boolean): string {
  return `container:${state}${published ? ':published' : ''}`;
}

/** A compose project as the Compose group shows it: on the engine or only in the workspace's files. */
export type ComposeProjectState = 'running' | 'partial' | 'stopped' | 'down';
export const COMPOSE_PROJECT_STATES: readonly ComposeProjectState[] = ['running', 'partial', 'stopped', 'down'];

/** `composeProject:<state>`, then ` files` when its compose files are on this computer (Up, Pull, Build need them). */
export function composeProjectContextValue(state: ComposeProjectState, filesHere: boolean): string {
  return `composeProject:${state}${filesHere ? ' files' : ''}`;
}

export function imageContextValue(tagged: boolean): string {
  return tagged ? 'image:tagged' : 'image:dangling';
}

export function volumeContextValue(used: boolean): string {
  return used ? 'volume:used' : 'volume:unused';
}

export function networkContextValue(builtIn: boolean): string {
  return builtIn ? 'network:builtin' : 'network:user';
}

/** The Files node of a container, and the folders and files under it (` link` for a symbolic link). */
export type ContainerPathKind = 'containerFiles' | 'containerFolder' | 'containerFile';

export function containerPathContextValue(kind: ContainerPathKind, link: boolean): string {
  return `${kind}${link ? ' link' : ''}`;
}

/** Stable node ids: machine id, then kind, then the object's key. */
export const NodeIds = {
  machine: (machineId: string): string => machineId,
  group: (machineId: string, kind: ResourceKind): string => `${machineId}/${kind}s`,
  resource: (machineId: string, kind: ResourceKind, key: string): string => `${NodeIds.group(machineId, kind)}/${key}`,
  /** A compose project's folder in the Containers group. */
  composeFolder: (machineId: string, project: string): string => `${NodeIds.group(machineId, 'container')}/compose/${project}`,
  composeGroup: (machineId: string): string => `${machineId}/compose`,
  composeProject: (machineId: string, project: string): string => `${NodeIds.composeGroup(machineId)}/${project}`,
  composeService: (projectNodeId: string, service: string): string => `${projectNodeId}/${service}`,
  /** A container under its service in the Compose group (its Containers node has another id: ids are unique in a tree). */
  composeContainer: (serviceNodeId: string, containerId: string): string => `${serviceNodeId}/${containerId}`,
  networkMember: (networkNodeId: string, containerId: string): string => `${networkNodeId}/member/${containerId}`,
  /** A container's Files node, and a path under it (the path is unique within its container). */
  containerFiles: (containerNodeId: string): string => `${containerNodeId}/files`,
  containerPath: (containerNodeId: string, containerPath: string): string => `${containerNodeId}/files:${containerPath}`,
  /** A swarm, by its cluster ID (one node for all the machines in it). */
  swarm: (clusterId: string): string => `swarm/${clusterId}`,
  swarmGroup: (clusterId: string, kind: SwarmGroupKind): string => `${NodeIds.swarm(clusterId)}/${kind}`,
  /** An object (node, service, stack, secret…) under a swarm node or a service or stack node. */
  swarmObject: (parentId: string, key: string): string => `${parentId}/${key}`,
  /** A message leaf under a node: "error", "retry", "empty", "regenerate". */
  message: (parentId: string, what: string): string => `${parentId}/${what}`,
  /** The Registries view: a registry by its entry id, its repositories and their tags. */
  registry: (registryId: string): string => `registry/${registryId}`,
  registryRepository: (registryId: string, repository: string): string => `${NodeIds.registry(registryId)}/repo/${repository}`,
  registryTag: (repositoryNodeId: string, tag: string): string => `${repositoryNodeId}:${tag}`,
};

/** What a node is, as menus and the command table see it: the part of its contextValue before the state. */
export type NodeKind =
  | 'machine'
  | `group:${ResourceKind}`
  | 'group:compose'
  | 'container'
  | 'composeFolder'
  | 'composeProject'
  | 'composeService'
  | 'image'
  | 'volume'
  | 'network'
  | 'networkMember'
  | 'message'
  | 'retry'
  | 'regenerate'
  | 'swarm'
  | `group:swarm-${SwarmGroupKind}`
  | 'swarmNode'
  | 'swarmService'
  | 'swarmTask'
  | 'swarmStack'
  | 'swarmSecret'
  | 'swarmConfig'
  | 'swarmNetwork'
  | ContainerPathKind
  | 'registry'
  | 'registryRepository'
  | 'registryTag';

export function nodeKindOf(contextValue: string): NodeKind {
  const group = /^group:(container|image|volume|network)$/.exec(contextValue);
  if (group) {
    return `group:${group[1] as ResourceKind}`;
  }
  const swarmGroup = /^group:swarm-(nodes|services|stacks|secrets|configs|networks)$/.exec(contextValue);
  if (swarmGroup) {
    return swarmGroupContextValue(swarmGroup[1] as SwarmGroupKind);
  }
  if (contextValue === ContextValues.composeGroup) {
    return 'group:compose';
  }
  const kind = contextValue.split(/[: ]/, 1)[0];
  switch (kind) {
    case 'machine':
    case 'container':
    case 'composeFolder':
    case 'composeProject':
    case 'composeService':
    case 'image':
    case 'volume':
    case 'network':
    case 'networkMember':
    case 'message':
    case 'retry':
    case 'regenerate':
    case 'swarm':
    case 'swarmNode':
    case 'swarmService':
    case 'swarmTask':
    case 'swarmStack':
    case 'swarmSecret':
    case 'swarmConfig':
    case 'swarmNetwork':
    case 'containerFiles':
    case 'containerFolder':
    case 'containerFile':
    case 'registry':
    case 'registryRepository':
    case 'registryTag':
      return kind;
  }
  throw new Error(`No node kind for contextValue "${contextValue}"`);
}
