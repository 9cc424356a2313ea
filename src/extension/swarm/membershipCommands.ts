// Initialize Swarm, Join Swarm… and Leave Swarm on a machine of the tree. The join token goes from
// the manager to the joining engine inside core (joinSwarm): it is never shown, returned or logged.
import * as vscode from 'vscode';
import { missingCapability } from '../../core/engine/engineFlavor';
import { MachineSession } from '../../core/machines/session';
import { initSwarm, inspectSwarmMembership, joinSwarm, leaveSwarm } from '../../core/swarm/swarmMembership';
import { SwarmNodeRole } from '../../core/swarm/swarmTypes';
import { pickMachine } from '../machines/pickMachine';
import { confirm } from '../prompts/confirm';
import { advertiseCandidates, validateAdvertiseAddress } from './advertiseAddresses';
import { withSwarmProgress } from './swarmProgress';
import { resolveMachine, SwarmContext, SwarmInvocation } from './swarmTargets';

export interface InitOptions {
  readonly advertiseAddr?: string;
  /** CIDRs for overlay subnets; [] keeps the engine's default (10.0.0.0/8) without asking. */
  readonly defaultAddrPool?: readonly string[];
}

/** What a membership command did, for scripts and tests. */
export type MembershipResult = { readonly machine: string; readonly nodeId?: string } | undefined;

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

export async function initSwarmCommand(context: SwarmContext, invocation: SwarmInvocation, options: InitOptions): Promise<MembershipResult> {
  const session = await resolveMachine(context, invocation, 'Initialize Swarm: on which machine?');
  if (!session) return undefined;
  await session.connect();
  refuseWithoutSwarm(session, 'Initialize Swarm');
  const advertiseAddr = options.advertiseAddr ?? (await askAdvertiseAddress(session));
  if (advertiseAddr === undefined) return undefined;
  const problem = validateAdvertiseAddress(advertiseAddr);
  if (problem) throw new Error(`Initialize Swarm: ${problem}`);
  const pool = options.defaultAddrPool ?? (await askAddressPool());
  if (pool === undefined) return undefined;
  const nodeId = await withSwarmProgress(context.services.log, `Initialize Swarm on ${session.machine.name}`, (report, signal) => {
    report(`advertising ${advertiseAddr}`);
    return initSwarm(session.engine, { advertiseAddr, ...(pool.length > 0 && { defaultAddrPool: pool }) }, signal);
  });
  await context.directory.rediscover();
  if (nodeId === undefined) return undefined;
  void vscode.window.showInformationMessage(`${session.machine.name} is the first manager of a new swarm. Join other machines to it with Join Swarm….`);
  return { machine: session.machine.id, nodeId };
}

/** The palette offers every machine: one whose engine has no swarm mode (Podman) is refused in words. */
function refuseWithoutSwarm(session: MachineSession, what: string): void {
  const missing = session.version && missingCapability(session.version.flavor, 'swarm');
  if (missing) throw new Error(`${what}: ${session.machine.name} runs ${session.version?.flavor.label ?? 'an engine'}. ${missing}.`);
}

async function askAdvertiseAddress(session: MachineSession): Promise<string | undefined> {
  const candidates = advertiseCandidates(session.machine.endpoint);
  const picker = vscode.window.createQuickPick<vscode.QuickPickItem>();
  picker.title = `Initialize Swarm on ${session.machine.name}: the address other nodes reach it at`;
  picker.placeholder = 'Pick one, or type an address or interface name (e.g. 10.0.0.5, eth0)';
  picker.ignoreFocusOut = true;
  const base = candidates.map((c) => ({ label: c.address, description: c.source }));
  picker.items = base;
  picker.onDidChangeValue((value) => {
    picker.items = value.trim() === '' || base.some((item) => item.label === value.trim()) ? base : [{ label: value.trim(), description: validateAdvertiseAddress(value) ?? 'typed' }, ...base];
  });
  return new Promise<string | undefined>((resolve) => {
    picker.onDidAccept(() => {
      const chosen = picker.selectedItems[0]?.label ?? picker.value.trim();
      if (chosen && !validateAdvertiseAddress(chosen)) {
        resolve(chosen);
        picker.hide();
      }
    });
    picker.onDidHide(() => {
      resolve(undefined);
      picker.dispose();
    });
    picker.show();
  });
}

async function askAddressPool(): Promise<string[] | undefined> {
  const answer = await vscode.window.showInputBox({
    title: 'Initialize Swarm: default address pool (optional)',
    prompt: 'CIDRs overlay networks take their subnets from, separated by commas; empty for the engine’s default (10.0.0.0/8)',
    placeHolder: '10.20.0.0/16',
    ignoreFocusOut: true,
    validateInput: (value) => (value.split(',').map((v) => v.trim()).filter((v) => v !== '').every((v) => CIDR.test(v)) ? undefined : 'CIDRs such as 10.20.0.0/16, separated by commas'),
  });
  return answer === undefined ? undefined : answer.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

export interface JoinOptions {
  /** The manager machine's id (a pick otherwise). */
  readonly manager?: string;
  readonly role?: SwarmNodeRole;
  readonly advertiseAddr?: string;
}

export async function joinSwarmCommand(context: SwarmContext, invocation: SwarmInvocation, options: JoinOptions): Promise<MembershipResult> {
  const { registry } = context.services;
  const joiner = await resolveMachine(context, invocation, 'Join Swarm: which machine joins?');
  if (!joiner) return undefined;
  const manager = options.manager !== undefined ? registry.get(options.manager) : await pickManager(context, joiner);
  if (options.manager !== undefined && !manager) throw new Error(`No machine with id ${options.manager}`);
  if (!manager) return undefined;
  const role = options.role ?? (await pickRole());
  if (!role) return undefined;
  // A remote machine advertises the host the tree reaches it at; the local engine lets the engine choose unless told.
  const advertiseAddr = options.advertiseAddr ?? (joiner.machine.endpoint.kind === 'unix' ? undefined : advertiseCandidates(joiner.machine.endpoint)[0]?.address);
  await Promise.all([joiner.connect(), manager.connect()]);
  refuseWithoutSwarm(joiner, 'Join Swarm');
  const done = await withSwarmProgress(context.services.log, `Join ${joiner.machine.name} to the swarm of ${manager.machine.name} as ${role}`, async (report, signal) => {
    report('reading the join token from the manager and handing it to the joining engine');
    await joinSwarm(joiner.engine, manager.engine, { role, ...(advertiseAddr !== undefined && { advertiseAddr }) }, signal);
    return true;
  });
  await context.directory.rediscover();
  if (!done) return undefined;
  const membership = await inspectSwarmMembership(joiner.engine);
  return { machine: joiner.machine.id, ...(membership.nodeId && { nodeId: membership.nodeId }) };
}

/** The managers among the tree's machines (the joiner excluded), asked of each engine. */
async function pickManager(context: SwarmContext, joiner: MachineSession): Promise<MachineSession | undefined> {
  await context.directory.connectAndRediscover();
  const managers = context.directory.swarms().flatMap((view) => view.members.filter((m) => m.manager && m.machineId !== joiner.machine.id)).flatMap((m) => context.services.registry.get(m.machineId) ?? []);
  if (managers.length === 0) {
    throw new Error('Join Swarm: no other machine in the tree is a swarm manager — Initialize Swarm on one first');
  }
  if (managers.length === 1) return managers[0];
  return pickMachine(managers, `Join ${joiner.machine.name} to the swarm of which manager?`);
}

async function pickRole(): Promise<SwarmNodeRole | undefined> {
  const picked = await vscode.window.showQuickPick(
    [{ label: 'worker', description: 'runs tasks', role: 'worker' as const }, { label: 'manager', description: 'runs tasks and manages the swarm (keep an odd number of managers)', role: 'manager' as const }],
    { title: 'Join Swarm: as what?', ignoreFocusOut: true },
  );
  return picked?.role;
}

export async function leaveSwarmCommand(context: SwarmContext, invocation: SwarmInvocation, confirmed: boolean): Promise<MembershipResult> {
  const session = await resolveMachine(context, invocation, 'Leave Swarm: which machine?');
  if (!session) return undefined;
  await session.connect();
  const membership = await inspectSwarmMembership(session.engine);
  if (membership.state === 'inactive') {
    void vscode.window.showInformationMessage(`${session.machine.name} is not in a swarm.`);
    return undefined;
  }
  // A manager leaves only with force (the engine refuses otherwise): say what that means.
  const force = membership.isManager;
  if (!confirmed) {
    const detail = force
      ? `${session.machine.name} is a manager: it leaves by force. When it is the last manager the swarm ends, and its services, secrets and configs are gone; otherwise the others may lose quorum. Demote it first to leave cleanly.`
      : `Its tasks stop here and are rescheduled on the other nodes. The node stays listed as down on the managers until it is removed.`;
    const answer = await confirm(`Leave the swarm with ${session.machine.name}?`, detail, [force ? 'Leave by Force' : 'Leave']);
    if (!answer) return undefined;
  }
  const done = await withSwarmProgress(context.services.log, `Leave Swarm (${session.machine.name})`, async (_report, signal) => {
    await leaveSwarm(session.engine, force, signal);
    return true;
  });
  await context.directory.rediscover();
  return done ? { machine: session.machine.id } : undefined;
}
