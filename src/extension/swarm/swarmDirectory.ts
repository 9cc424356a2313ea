// Which swarms the machines of the tree are in, found by cluster ID among the machines that answer
// (several machines of one swarm make one swarm), and the swarm's lists, asked of whichever of its
// managers answers. Swarm events (node, service, secret, config) from a manager's event stream
// repaint the matching group; tasks have no events, so an expanded service's tasks are polled.
import * as vscode from 'vscode';
import { SwarmEvent } from '../../core/engine/events';
import { NetworkInfo } from '../../core/engine/resources';
import { MachineRegistry } from '../../core/machines/machineRegistry';
import { MachineSession } from '../../core/machines/session';
import { listNodes } from '../../core/swarm/nodeOperations';
import { listConfigs, listSecrets } from '../../core/swarm/secretConfigOperations';
import { isSwarmOverlay } from '../../core/swarm/overlayAttachment';
import { listServices, listTasks } from '../../core/swarm/serviceOperations';
import { inspectSwarmMembership } from '../../core/swarm/swarmMembership';
import { TaskContainerStarts } from '../../core/swarm/taskContainerStarts';
import { SwarmMembership, SwarmNodeRole, SwarmNodeSummary, SwarmObjectSummary, SwarmServiceSummary } from '../../core/swarm/swarmTypes';
import { NodeIds, SwarmGroupKind } from '../tree/contextValues';
import { MachinesTreeProvider } from '../tree/machinesTreeProvider';
import { SwarmMember, SwarmNodeView, SwarmSource, SwarmTaskView, SwarmView } from '../tree/nodes/swarmNodes';
import { TaskPoller } from './taskPoller';

const EVENT_GROUPS: Readonly<Record<SwarmEvent['kind'], readonly SwarmGroupKind[]>> = {
  node: ['nodes'],
  service: ['services', 'stacks'],
  secret: ['secrets'],
  config: ['configs'],
  task: [], // a task's container changed: its service's tasks are polled now (below), not the groups
};
const REPAINT_MS = 200;
/**
 * A node that leaves its swarm (`docker swarm leave` in a terminal) sends no event, so while a
 * machine of the tree is in a swarm its membership is read again this often.
 */
const MEMBERSHIP_POLL_MS = 10_000;

export class SwarmDirectory implements SwarmSource, vscode.Disposable {
  private known: SwarmView[] = [];
  /** Each machine's membership from the last discovery. */
  private memberships = new Map<string, SwarmMembership>();
  private discovering: Promise<void> | undefined;
  private followUp: Promise<void> | undefined;
  private tree: MachinesTreeProvider | undefined;
  private readonly subscriptions: { dispose(): void }[] = [];
  private readonly sessionEvents = new Map<string, { dispose(): void }>();
  private readonly repaints = new Map<string, NodeJS.Timeout>();
  readonly tasksPoller: TaskPoller;
  private readonly taskStarts = new TaskContainerStarts();
  private readonly membershipPoll: NodeJS.Timeout;

  constructor(private readonly registry: MachineRegistry, private readonly log: vscode.LogOutputChannel) {
    this.tasksPoller = new TaskPoller((clusterId, serviceId) => this.taskList(clusterId, serviceId), (nodeId) => this.tree?.refreshNode(nodeId));
    this.subscriptions.push(registry.onDidChange((change) => {
      if (change.type === 'machines') {
        this.followSessions();
        this.rediscover();
      } else if (change.change.scope === 'machine') {
        this.rediscover();
      } else if (change.change.kind === 'network') {
        // A manager's network create/remove events (swarm networks included) reach its cached network list.
        const clusterId = this.memberships.get(change.session.machine.id)?.clusterId;
        if (clusterId) this.repaintSoon(NodeIds.swarmGroup(clusterId, 'networks'));
      }
    }));
    this.followSessions();
    this.membershipPoll = setInterval(() => {
      if ([...this.memberships.values()].some((m) => m.state === 'active' || m.state === 'locked')) void this.rediscover();
    }, MEMBERSHIP_POLL_MS);
    this.membershipPoll.unref();
  }

  /** The tree is made after the directory (it takes it as its source): it is told where to repaint here. */
  attach(tree: MachinesTreeProvider): void {
    this.tree = tree;
    this.rediscover();
  }

  swarms(): readonly SwarmView[] {
    return this.known;
  }

  roleOf(machineId: string): SwarmNodeRole | undefined {
    const membership = this.memberships.get(machineId);
    return membership && (membership.state === 'active' || membership.state === 'locked') ? (membership.isManager ? 'manager' : 'worker') : undefined;
  }

  /** The membership of a machine as last seen (undefined before discovery reached it). */
  membershipOf(machineId: string): SwarmMembership | undefined {
    return this.memberships.get(machineId);
  }

  /**
   * Connects the machines not yet tried (the view may never have been opened: a command from the
   * Explorer), then rediscovers; machines already unreachable are not waited for.
   */
  async connectAndRediscover(): Promise<void> {
    await Promise.all(this.registry.all.filter((session) => session.state === 'connecting').map((session) => session.connect()));
    return this.rediscover();
  }

  /**
   * Looks again at every running machine; the tree's top level is repainted when the swarms
   * changed. A call during a discovery waits for one more that starts after it.
   */
  rediscover(): Promise<void> {
    if (this.discovering) {
      this.followUp ??= this.discovering.then(() => {
        this.followUp = undefined;
        return this.rediscover();
      });
      return this.followUp;
    }
    this.discovering = this.discover().finally(() => (this.discovering = undefined));
    return this.discovering;
  }

  async nodes(clusterId: string): Promise<SwarmNodeView[]> {
    const nodes = await this.onManager(clusterId, (session) => listNodes(session.engine));
    return nodes.map((node) => {
      const machineName = this.machineOf(node)?.machine.name;
      return machineName ? { ...node, machineName } : node;
    });
  }

  services(clusterId: string): Promise<SwarmServiceSummary[]> {
    return this.onManager(clusterId, (session) => listServices(session.engine));
  }

  async tasks(clusterId: string, serviceId: string, watchNodeId: string): Promise<SwarmTaskView[]> {
    const tasks = await this.taskList(clusterId, serviceId);
    this.tasksPoller.watch(watchNodeId, clusterId, serviceId, tasks);
    return tasks;
  }

  secrets(clusterId: string): Promise<SwarmObjectSummary[]> {
    return this.onManager(clusterId, (session) => listSecrets(session.engine));
  }

  configs(clusterId: string): Promise<SwarmObjectSummary[]> {
    return this.onManager(clusterId, (session) => listConfigs(session.engine));
  }

  async networks(clusterId: string): Promise<NetworkInfo[]> {
    const networks = await this.onManager(clusterId, (session) => session.list('network'));
    return networks.filter(isSwarmOverlay);
  }

  /** The sessions of the swarm's managers in this tree, running ones first. */
  managers(clusterId: string): MachineSession[] {
    const view = this.known.find((swarm) => swarm.clusterId === clusterId);
    const sessions = (view?.members ?? []).filter((m) => m.manager).flatMap((m) => this.registry.get(m.machineId) ?? []);
    return [...sessions.filter((s) => s.state === 'running'), ...sessions.filter((s) => s.state !== 'running')];
  }

  /** Runs `work` on the first manager that answers; the last failure when none does. */
  async onManager<T>(clusterId: string, work: (session: MachineSession) => Promise<T>): Promise<T> {
    const managers = this.managers(clusterId);
    if (managers.length === 0) {
      throw new Error('No manager of this swarm is a machine in this tree: add one (New Machine…) to see and change the swarm');
    }
    let lastError: unknown;
    for (const session of managers) {
      try {
        await session.connect();
        return await work(session);
      } catch (error) {
        lastError = error;
        this.log.warn(`[${session.machine.name}] swarm request failed: ${(error as Error).message ?? String(error)}`);
      }
    }
    throw lastError;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.sessionEvents.forEach((s) => s.dispose());
    this.repaints.forEach((timer) => clearTimeout(timer));
    clearInterval(this.membershipPoll);
    this.tasksPoller.dispose();
  }

  private async taskList(clusterId: string, serviceId: string): Promise<SwarmTaskView[]> {
    return this.onManager(clusterId, async (session) => {
      const [tasks, nodes] = await Promise.all([listTasks(session.engine, { serviceId }), listNodes(session.engine)]);
      // A node by the tree machine it is when known (test hosts in network namespaces share one hostname).
      const names = new Map(nodes.map((node) => [node.id, this.machineOf(node)?.machine.name ?? node.hostname]));
      // As `docker service ps`: current tasks first, by slot, then the history.
      return this.taskStarts.apply(tasks)
        .map((task) => ({ ...task, nodeName: names.get(task.nodeId) ?? (task.nodeId ? task.nodeId.slice(0, 12) : 'no node yet') }))
        .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || Number(b.desiredState === 'running') - Number(a.desiredState === 'running') || (a.updatedAt < b.updatedAt ? 1 : -1));
    });
  }

  /** The tree machine a swarm node is: by node ID from the machines' own /info, else by address. */
  private machineOf(node: SwarmNodeSummary): MachineSession | undefined {
    for (const session of this.registry.all) {
      if (this.memberships.get(session.machine.id)?.nodeId === node.id) {
        return session;
      }
    }
    return this.registry.all.find((session) => node.address !== '' && node.address !== '0.0.0.0' && session.machine.id !== 'local' && new RegExp(`[/@]${node.address.replace(/\./g, '\\.')}(:|$)`).test(session.address));
  }

  private followSessions(): void {
    for (const session of this.registry.all) {
      if (!this.sessionEvents.has(session.machine.id)) {
        this.sessionEvents.set(session.machine.id, session.onDidChangeSwarm((event) => this.onSwarmEvent(session, event)));
      }
    }
    for (const [id, subscription] of this.sessionEvents) {
      if (!this.registry.get(id)) {
        subscription.dispose();
        this.sessionEvents.delete(id);
        this.memberships.delete(id);
      }
    }
  }

  private onSwarmEvent(session: MachineSession, event: SwarmEvent): void {
    if (event.kind === 'task') {
      if (event.taskId) this.taskStarts.note(event.taskId, event.action);
      this.tasksPoller.pokeService(event.actorId); // a worker knows no cluster id: the service's is enough
      return;
    }
    const clusterId = this.memberships.get(session.machine.id)?.clusterId;
    if (event.kind === 'node') {
      this.rediscover(); // a node joined, left, or changed role
    }
    if (!clusterId) {
      return;
    }
    for (const group of EVENT_GROUPS[event.kind]) {
      this.repaintSoon(NodeIds.swarmGroup(clusterId, group));
    }
    if (event.kind === 'service') {
      this.tasksPoller.pokeCluster(clusterId);
    }
  }

  /** Several managers send the same event, and an update sends a burst: one repaint per group. */
  private repaintSoon(nodeId: string): void {
    if (this.repaints.has(nodeId)) {
      return;
    }
    this.repaints.set(nodeId, setTimeout(() => {
      this.repaints.delete(nodeId);
      this.tree?.refreshNode(nodeId);
    }, REPAINT_MS));
  }

  private async discover(): Promise<void> {
    const running = this.registry.all.filter((session) => session.state === 'running');
    const seen = await Promise.all(running.map(async (session) => {
      try {
        return [session, await inspectSwarmMembership(session.engine)] as const;
      } catch (error) {
        this.log.warn(`[${session.machine.name}] could not read its swarm membership: ${(error as Error).message ?? String(error)}`);
        return undefined;
      }
    }));
    const rolesBefore = new Map(this.registry.all.map((session) => [session.machine.id, this.roleOf(session.machine.id)]));
    this.memberships = new Map(seen.flatMap((entry) => (entry ? [[entry[0].machine.id, entry[1]] as const] : [])));
    for (const [machineId, role] of rolesBefore) {
      if (this.roleOf(machineId) !== role) {
        this.tree?.refreshNode(NodeIds.machine(machineId)); // its menus change (Initialize/Join or Leave)
      }
    }
    const swarms = new Map<string, SwarmMember[]>();
    for (const entry of seen) {
      const [session, membership] = entry ?? [];
      if (session && membership?.isManager && membership.clusterId && membership.nodeId) {
        swarms.set(membership.clusterId, [...(swarms.get(membership.clusterId) ?? []), { machineId: session.machine.id, machineName: session.machine.name, nodeId: membership.nodeId, manager: true }]);
      }
    }
    // Workers do not know the cluster ID: they belong to the swarm whose managers list their node.
    const workers = seen.flatMap((entry) => (entry && !entry[1].isManager && entry[1].state === 'active' && entry[1].nodeId ? [entry] : []));
    if (workers.length > 0) {
      for (const members of swarms.values()) {
        const manager = this.registry.get(members[0]?.machineId ?? '');
        const nodeIds = manager ? new Set((await listNodes(manager.engine).catch(() => [])).map((node) => node.id)) : new Set<string>();
        for (const [session, membership] of workers) {
          if (membership.nodeId && nodeIds.has(membership.nodeId)) {
            members.push({ machineId: session.machine.id, machineName: session.machine.name, nodeId: membership.nodeId, manager: false });
          }
        }
      }
    }
    const next = [...swarms].map(([clusterId, members]) => ({ clusterId, members })).sort((a, b) => (a.clusterId < b.clusterId ? -1 : 1));
    if (JSON.stringify(next) !== JSON.stringify(this.known)) {
      this.known = next;
      this.tree?.refreshRoot();
    }
  }
}
