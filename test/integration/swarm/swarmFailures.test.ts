// The swarm failures a user meets, on real engines (local and host B), each as a SwarmError of
// its own kind with a sentence that says what to do: an engine already in a swarm, a rotated join
// token, a manager that cannot be reached, a worker or a plain engine asked to manage. Holds
// /tmp/dh-swarm.lock for the whole file (swarm mode is machine-wide).
import * as assert from 'node:assert/strict';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { listNodes } from '../../../src/core/swarm/nodeOperations';
import { listServices } from '../../../src/core/swarm/serviceOperations';
import { SwarmError } from '../../../src/core/swarm/swarmErrors';
import {
  initSwarm, inspectSwarmMembership, joinSwarm, leaveSwarm, rotateJoinToken,
} from '../../../src/core/swarm/swarmMembership';
import { swarmRequest } from '../../../src/core/swarm/swarmRequest';
import { eventually, localDocker } from '../../support/engine';
import { ensureTestHosts } from '../../support/testHosts';
import {
  bringHostBBack, hostBClient, HOSTB_ADVERTISE, leaveAllSwarms, LOCAL_ADVERTISE, localClient, stopHostBEngine,
} from './swarmTestEngines';
import { holdSwarmLock, LOCK_WAIT_SECONDS } from './stackSupport';

/** Asserts a SwarmError of `kind` whose message says what to do and does not contain `secret`. */
const swarmFailure = (kind: SwarmError['kind'], advice: RegExp, secret?: string) => (error: unknown): boolean => {
  assert.ok(error instanceof SwarmError, `expected a SwarmError, got ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
  assert.match(error.message, advice);
  if (secret) assert.ok(!error.message.includes(secret), 'the token is not in the message');
  return true;
};

describe('swarm failures on real engines, as SwarmError kinds', function () {
  this.timeout(60_000);
  const local = localClient();
  const hostB = hostBClient();

  let releaseLock: () => void = () => undefined;

  before(async function () {
    this.timeout(LOCK_WAIT_SECONDS * 1000 + 120_000);
    releaseLock = await holdSwarmLock();
    await ensureTestHosts();
    await leaveAllSwarms();
  });

  afterEach(async function () {
    this.timeout(120_000);
    await leaveAllSwarms();
  });

  after(() => {
    releaseLock();
    local.dispose();
    hostB.dispose();
  });

  it('an engine in no swarm: not-in-swarm, for managing and as the manager to join through', async () => {
    await assert.rejects(listServices(local), swarmFailure('not-in-swarm', /initialize a swarm on it or join it/));
    await assert.rejects(joinSwarm(hostB, local, { role: 'worker' }), swarmFailure('not-in-swarm', /initialize a swarm on it first/));
  });

  it('init or join on an engine already in a swarm: already-in-swarm', async () => {
    await initSwarm(local, { advertiseAddr: LOCAL_ADVERTISE, heartbeatSeconds: 1 });
    await assert.rejects(initSwarm(local, { advertiseAddr: LOCAL_ADVERTISE }), swarmFailure('already-in-swarm', /leave that swarm first/));
    await assert.rejects(joinSwarm(local, local, { role: 'worker' }), swarmFailure('already-in-swarm', /leave that swarm first/));
    assert.equal((await inspectSwarmMembership(local)).state, 'active', 'the swarm it is in is untouched');
  });

  it('a join with a token rotated since it was read: token-rejected, and a fresh join works', async function () {
    this.timeout(90_000);
    await initSwarm(local, { advertiseAddr: LOCAL_ADVERTISE, heartbeatSeconds: 1 });
    const staleToken = ((await localDocker().swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens.Worker;
    await rotateJoinToken(local, 'worker');
    const freshToken = ((await localDocker().swarmInspect()) as { JoinTokens: { Worker: string } }).JoinTokens.Worker;
    assert.notEqual(freshToken, staleToken);
    // What a join that read the token before the rotation sends: the same request joinSwarm makes.
    const staleJoin = swarmRequest(hostB, {
      method: 'POST', path: '/swarm/join',
      body: { ListenAddr: '0.0.0.0:2377', AdvertiseAddr: HOSTB_ADVERTISE, RemoteAddrs: [`${LOCAL_ADVERTISE}:2377`], JoinToken: staleToken },
    }, { allowanceMs: 30_000 });
    await assert.rejects(staleJoin, swarmFailure('token-rejected', /read a fresh token from a manager/, staleToken));
    assert.equal((await inspectSwarmMembership(hostB)).state, 'inactive');
    await joinSwarm(hostB, local, { role: 'worker', advertiseAddr: HOSTB_ADVERTISE });
    assert.equal((await inspectSwarmMembership(hostB)).state, 'active');
    await assert.rejects(joinSwarm(local, hostB, { role: 'worker' }), swarmFailure('not-manager', /pick a manager/));
    await leaveSwarm(hostB, true);
  });

  it('two managers, one engine stopped: the other has no quorum (no-quorum), and has it again once it is back', async function () {
    // Quorum lost (≤ 60 s), host B's manager dockerd exiting (up to 120 s) and coming back, quorum again (≤ 60 s).
    this.timeout(330_000);
    await initSwarm(local, { advertiseAddr: LOCAL_ADVERTISE, heartbeatSeconds: 1 });
    await joinSwarm(hostB, local, { role: 'manager', advertiseAddr: HOSTB_ADVERTISE });
    await eventually('two reachable managers', 30_000, async () => {
      const nodes = await listNodes(local);
      return nodes.length === 2 && nodes.every((n) => n.role === 'manager' && n.reachability === 'reachable') ? true : undefined;
    });
    try {
      stopHostBEngine();
      // Raft's leader steps down once it has not heard from a majority for an election timeout (about 10 s).
      const failure = await eventually('the local manager to lose quorum', 60_000, async () => {
        try {
          await listNodes(local);
          return undefined;
        } catch (error) {
          return error;
        }
      });
      swarmFailure('no-quorum', /too few managers are online/)(failure);
    } finally {
      await bringHostBBack();
    }
    const nodes = await eventually('quorum back with host B', 60_000, async () => listNodes(local).catch(() => undefined));
    assert.equal(nodes.length, 2);
  });

  it("a manager whose engine cannot be reached, and one whose swarm port cannot: manager-unreachable", async function () {
    this.timeout(90_000);
    const gone = new EngineClient({ kind: 'unix', socketPath: '/nonexistent/docker.sock' }, { requestTimeoutMs: 5_000 });
    await assert.rejects(joinSwarm(hostB, gone, { role: 'worker' }), swarmFailure('manager-unreachable', /could not be reached/));
    // Listening on loopback only, advertising 10.77.0.1: host B dials an address where nothing answers.
    await initSwarm(local, { advertiseAddr: LOCAL_ADVERTISE, listenAddr: '127.0.0.1:2377', heartbeatSeconds: 1 });
    await assert.rejects(joinSwarm(hostB, local, { role: 'worker', advertiseAddr: HOSTB_ADVERTISE }), swarmFailure('manager-unreachable', /port 2377/));
    assert.equal((await inspectSwarmMembership(hostB)).state, 'inactive', 'the failed join leaves nothing pending');
  });
});
