import { EngineClient, SLOW_CALL_ALLOWANCE_MS } from '../engine/engineClient';
import { SwarmError } from './swarmErrors';
import { RawInfoSwarm, toMembership } from './swarmMapping';
import { swarmRequest } from './swarmRequest';
import { InitSwarmOptions, JoinSwarmOptions, SwarmInfo, SwarmMembership, SwarmNodeRole } from './swarmTypes';

/** Joining waits for the manager (the engine gives up after 20 s); leaving may wait for tasks to stop. */
const JOIN_ALLOWANCE_MS = 30_000;
const DEFAULT_LISTEN_ADDR = '0.0.0.0:2377';
const SWARM_PORT = 2377;

interface RawSwarm {
  ID?: string;
  CreatedAt?: string;
  Version?: { Index?: number };
  Spec?: { EncryptionConfig?: { AutoLockManagers?: boolean }; Dispatcher?: { HeartbeatPeriod?: number } } & Record<string, unknown>;
  JoinTokens?: { Worker?: string; Manager?: string };
  DefaultAddrPool?: string[] | null;
  SubnetSize?: number;
}

/** This engine's membership, from /info (which every engine answers, in a swarm or not). */
export async function inspectSwarmMembership(client: EngineClient, signal?: AbortSignal): Promise<SwarmMembership> {
  const info = await swarmRequest<{ Swarm?: RawInfoSwarm }>(client, { method: 'GET', path: '/info' }, { ...(signal && { signal }) });
  return toMembership(info.Swarm);
}

/** Makes this engine the first manager of a new swarm; returns its node id. */
export async function initSwarm(client: EngineClient, options: InitSwarmOptions, signal?: AbortSignal): Promise<string> {
  const body = {
    ListenAddr: options.listenAddr ?? DEFAULT_LISTEN_ADDR,
    AdvertiseAddr: options.advertiseAddr,
    ...(options.defaultAddrPool && options.defaultAddrPool.length > 0 && { DefaultAddrPool: [...options.defaultAddrPool] }),
    ...(options.subnetSize !== undefined && { SubnetSize: options.subnetSize }),
    // The engine fills every Spec field left zero with its default.
    Spec: {
      ...(options.heartbeatSeconds !== undefined && { Dispatcher: { HeartbeatPeriod: Math.round(options.heartbeatSeconds * 1e9) } }),
      ...(options.autoLock === true && { EncryptionConfig: { AutoLockManagers: true } }),
    },
  };
  return swarmRequest<string>(client, { method: 'POST', path: '/swarm/init', body }, { allowanceMs: JOIN_ALLOWANCE_MS, ...(signal && { signal }) });
}

/**
 * Joins `joiner` to the swarm `manager` manages, as `role`. The token is read from the manager and
 * handed to the joining engine only: it is never returned, logged or put into an error message.
 */
export async function joinSwarm(joiner: EngineClient, manager: EngineClient, options: JoinSwarmOptions, signal?: AbortSignal): Promise<void> {
  const fromManager = { managerConnection: true, ...(signal && { signal }) };
  const info = await swarmRequest<{ Swarm?: RawInfoSwarm }>(manager, { method: 'GET', path: '/info' }, fromManager);
  const membership = toMembership(info.Swarm);
  if (membership.state === 'locked') {
    throw new SwarmError('locked', `${manager.address} is a locked manager: unlock it with its unlock key first, then join`);
  }
  if (membership.state !== 'active') {
    throw new SwarmError('not-in-swarm', `${manager.address} is not in a swarm: initialize a swarm on it first, or pick a machine that is a manager`);
  }
  if (!membership.isManager) {
    throw new SwarmError('not-manager', `${manager.address} is a worker: pick a manager of the swarm to join through`);
  }
  const swarm = await swarmRequest<RawSwarm>(manager, { method: 'GET', path: '/swarm' }, fromManager);
  const token = options.role === 'manager' ? swarm.JoinTokens?.Manager : swarm.JoinTokens?.Worker;
  if (!token) {
    throw new SwarmError('not-manager', `${manager.address} did not hand out a join token: is it a manager of the swarm?`);
  }
  const body = {
    ListenAddr: options.listenAddr ?? DEFAULT_LISTEN_ADDR,
    ...(options.advertiseAddr && { AdvertiseAddr: options.advertiseAddr }),
    RemoteAddrs: managerAddresses(info.Swarm ?? {}),
    JoinToken: token,
  };
  await swarmRequest(joiner, { method: 'POST', path: '/swarm/join', body }, { allowanceMs: JOIN_ALLOWANCE_MS, ...(signal && { signal }) });
}

/** Where the joining engine dials: the chosen manager first (its own NodeAddr), then the other managers it knows. */
export function managerAddresses(swarm: RawInfoSwarm): string[] {
  const own = swarm.RemoteManagers?.find((m) => m.NodeID === swarm.NodeID)?.Addr
    ?? (swarm.NodeAddr ? `${swarm.NodeAddr.includes(':') ? `[${swarm.NodeAddr}]` : swarm.NodeAddr}:${SWARM_PORT}` : undefined);
  const others = (swarm.RemoteManagers ?? []).map((m) => m.Addr ?? '').filter((a) => a !== '' && a !== own);
  return own ? [own, ...others] : others;
}

/** Leaves the swarm; `force` is needed for a manager (the last one ends the swarm). */
export async function leaveSwarm(client: EngineClient, force: boolean, signal?: AbortSignal): Promise<void> {
  await swarmRequest(client, { method: 'POST', path: '/swarm/leave', query: { force } }, { allowanceMs: SLOW_CALL_ALLOWANCE_MS, ...(signal && { signal }) });
}

/** The key that unlocks a locked manager, or undefined when the swarm does not auto-lock. Show only on request. */
export async function readUnlockKey(client: EngineClient, signal?: AbortSignal): Promise<string | undefined> {
  const answer = await swarmRequest<{ UnlockKey?: string }>(client, { method: 'GET', path: '/swarm/unlockkey' }, { ...(signal && { signal }) });
  return answer.UnlockKey || undefined;
}

/** Unlocks a locked manager (one restarted in an auto-locked swarm) with the swarm's unlock key. */
export async function unlockSwarm(client: EngineClient, unlockKey: string, signal?: AbortSignal): Promise<void> {
  await swarmRequest(client, { method: 'POST', path: '/swarm/unlock', body: { UnlockKey: unlockKey } }, { ...(signal && { signal }) });
}

/** Replaces the join token of `role`: the old one stops working for new joins. */
export async function rotateJoinToken(client: EngineClient, role: SwarmNodeRole, signal?: AbortSignal): Promise<void> {
  const options = { ...(signal && { signal }) };
  const swarm = await swarmRequest<RawSwarm>(client, { method: 'GET', path: '/swarm' }, options);
  const query = { version: swarm.Version?.Index ?? 0, ...(role === 'worker' ? { rotateWorkerToken: true } : { rotateManagerToken: true }) };
  await swarmRequest(client, { method: 'POST', path: '/swarm/update', query, body: swarm.Spec ?? {} }, options);
}

/** The swarm as a manager reports it, without its join tokens. */
export async function inspectSwarm(client: EngineClient, signal?: AbortSignal): Promise<SwarmInfo> {
  const swarm = await swarmRequest<RawSwarm>(client, { method: 'GET', path: '/swarm' }, { ...(signal && { signal }) });
  const heartbeat = swarm.Spec?.Dispatcher?.HeartbeatPeriod;
  return {
    id: swarm.ID ?? '',
    createdAt: swarm.CreatedAt ?? '',
    autoLockManagers: swarm.Spec?.EncryptionConfig?.AutoLockManagers === true,
    ...(heartbeat !== undefined && { heartbeatSeconds: heartbeat / 1e9 }),
    defaultAddrPool: swarm.DefaultAddrPool ?? [],
    ...(swarm.SubnetSize !== undefined && { subnetSize: swarm.SubnetSize }),
  };
}
