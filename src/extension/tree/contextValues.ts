// The contextValues that package.json menus match, and the tree's node ids, built in one place.
// No `vscode` import here: the unit test that checks every `when` clause runs without VS Code.
import type { MachineState } from '../../core/engine/machineSession';
import type { ContainerState, ResourceKind } from '../../core/engine/resources';
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
} as const;

export interface MachineFacts {
  readonly state: MachineState;
  readonly driver: string;
  readonly stored: boolean;
  readonly operations: readonly string[];
  readonly failure?: FailureKind | undefined;
}

/**
 * `machine:<state>:<driver>:<stored|auto>` then ` op-<operation>` per driver operation and
 * ` failure-<kind>` when unreachable, so that menus need not know driver names or error text.
 */
export function machineContextValue(facts: MachineFacts): string {
  const operations = facts.operations.map((operation) => ` op-${operation}`).join('');
  const failure = facts.failure && facts.state === 'unreachable' ? ` failure-${facts.failure}` : '';
  return `machine:${facts.state}:${facts.driver}:${facts.stored ? 'stored' : 'auto'}${operations}${failure}`;
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
  /** A message leaf under a node: "error", "retry", "empty", "regenerate". */
  message: (parentId: string, what: string): string => `${parentId}/${what}`,
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
  | 'regenerate';

export function nodeKindOf(contextValue: string): NodeKind {
  const group = /^group:(container|image|volume|network)$/.exec(contextValue);
  if (group) {
    return `group:${group[1] as ResourceKind}`;
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
      return kind;
  }
  throw new Error(`No node kind for contextValue "${contextValue}"`);
}
