// A two-node swarm of real engines (local advertising 10.77.0.1, host B 10.77.0.2) driven only
// through core/swarm: init, join, a replicated service spread over both nodes, an overlay network
// carrying ping across them, scale, rolling update, rollback, drain, a node's engine killed and
// its tasks rescheduled, leave. Run under `flock /tmp/dh-swarm.lock`: swarm state is machine-wide.
import * as assert from 'node:assert/strict';
import { execCommand } from '../../../src/core/engine/operations/containerOperations';
import { createNetwork } from '../../../src/core/engine/operations/networkOperations';
import { listNodes, removeNode, setNodeAvailability, setNodeRole } from '../../../src/core/swarm/nodeOperations';
import {
  createService, forceUpdateService, inspectService, listServices, listTasks, removeService, rollbackService, scaleService, serviceLogs, updateServiceImage,
} from '../../../src/core/swarm/serviceOperations';
import { createConfig, createSecret, listConfigs, listSecrets, removeConfig, removeSecret } from '../../../src/core/swarm/secretConfigOperations';
import { SwarmError } from '../../../src/core/swarm/swarmErrors';
import { waitForServiceUpdate } from '../../../src/core/swarm/serviceUpdateWatch';
import { initSwarm, inspectSwarm, inspectSwarmMembership, joinSwarm, leaveSwarm, readUnlockKey } from '../../../src/core/swarm/swarmMembership';
import { ServiceUpdateProgress, SwarmTaskSummary } from '../../../src/core/swarm/swarmTypes';
import { BASE_IMAGE, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { ensureTestHosts } from '../../support/testHosts';
import {
  bringHostBBack, hostBClient, hostBDocker, HOSTB_ADVERTISE, stopHostBEngine, SLEEP_UNTIL_STOPPED, leaveAllSwarms, LOCAL_ADVERTISE, localClient, SECOND_TAG,
  tagSecondImage, untagSecondImage,
} from './swarmTestEngines';

const isSwarmError = (kind: SwarmError['kind']) => (error: unknown): boolean => {
  assert.ok(error instanceof SwarmError, `expected a SwarmError, got ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
  return true;
};

describe('a swarm of the local engine and host B, through core/swarm', function () {
  this.timeout(60_000);
  const local = localClient();
  const hostB = hostBClient();
  const runId = newRunId();
  const serviceName = `dh-svc-${runId}`;
  let localNodeId = '';
  let hostBNodeId = '';
  let serviceId = '';

  /** Tasks meant to run and running, of the test service. */
  const runningTasks = async (): Promise<SwarmTaskSummary[]> =>
    (await listTasks(local, { serviceId })).filter((t) => t.desiredState === 'running' && t.state === 'running');

  before(async function () {
    this.timeout(150_000);
    await ensureTestHosts();
    await leaveAllSwarms();
    await tagSecondImage();
  });

  after(async function () {
    this.timeout(150_000);
    for (const docker of [localDocker(), hostBDocker()]) {
      for (const c of await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${runId}`] } }).catch(() => [])) {
        await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
      }
    }
    await leaveAllSwarms();
    await untagSecondImage();
    local.dispose();
    hostB.dispose();
  });

  it('initializes a swarm on the local engine with a 1 s heartbeat', async () => {
    localNodeId = await initSwarm(local, { advertiseAddr: LOCAL_ADVERTISE, heartbeatSeconds: 1, defaultAddrPool: ['10.231.0.0/16'], subnetSize: 24 });
    const membership = await inspectSwarmMembership(local);
    assert.equal(membership.state, 'active');
    assert.equal(membership.nodeId, localNodeId);
    assert.equal(membership.isManager, true);
    assert.equal(membership.nodeAddress, LOCAL_ADVERTISE);
    assert.ok(membership.clusterId, 'a manager knows its swarm id');
    const swarm = await inspectSwarm(local);
    assert.equal(swarm.heartbeatSeconds, 1);
    assert.deepEqual(swarm.defaultAddrPool, ['10.231.0.0/16']);
    assert.equal(swarm.id, membership.clusterId);
    assert.equal(swarm.autoLockManagers, false);
    assert.equal(await readUnlockKey(local), undefined, 'no unlock key without auto-lock');
  });

  it('joins host B as a worker with the token read from the manager; a worker cannot list nodes', async () => {
    await joinSwarm(hostB, local, { role: 'worker', advertiseAddr: HOSTB_ADVERTISE });
    const membership = await inspectSwarmMembership(hostB);
    assert.equal(membership.state, 'active');
    assert.equal(membership.isManager, false);
    assert.equal(membership.clusterId, undefined, 'workers do not report the swarm id');
    assert.ok(membership.managerAddresses.includes(`${LOCAL_ADVERTISE}:2377`), membership.managerAddresses.join());
    hostBNodeId = membership.nodeId ?? '';
    const nodes = await eventually('both nodes ready', 20_000, async () => {
      const listed = await listNodes(local);
      return listed.length === 2 && listed.every((n) => n.state === 'ready') ? listed : undefined;
    });
    assert.deepEqual(nodes.map((n) => [n.id, n.role, n.leader, n.address]), [
      [localNodeId, 'manager', true, LOCAL_ADVERTISE],
      [hostBNodeId, 'worker', false, HOSTB_ADVERTISE],
    ]);
    assert.equal(nodes[1]?.hostname, 'hostb');
    assert.match(nodes[0]?.engineVersion ?? '', /^20\.10/);
    await assert.rejects(listNodes(hostB), isSwarmError('not-manager'));
  });

  it('promotes host B to manager and demotes it back to worker', async function () {
    this.timeout(60_000);
    await setNodeRole(local, hostBNodeId, 'manager');
    const promoted = await eventually('host B a reachable manager', 30_000, async () => {
      const node = (await listNodes(local)).find((n) => n.id === hostBNodeId);
      return node?.role === 'manager' && node.reachability === 'reachable' && (await inspectSwarmMembership(hostB)).isManager ? node : undefined;
    });
    assert.equal(promoted.leader, false);
    await setNodeRole(local, hostBNodeId, 'worker');
    await eventually('host B a worker again', 30_000, async () => ((await inspectSwarmMembership(hostB)).isManager ? undefined : true));
    assert.equal((await listNodes(local)).find((n) => n.id === hostBNodeId)?.role, 'worker');
  });

  it('creates, lists and removes a secret and a config; the data is never read back', async () => {
    const data = `dh-secret-data-${runId}`;
    const secretId = await createSecret(local, { name: `dh-secret-${runId}`, data, labels: { [TEST_LABEL]: runId } });
    const configId = await createConfig(local, { name: `dh-config-${runId}`, data: Buffer.from(data), labels: { [TEST_LABEL]: runId } });
    const secrets = await listSecrets(local);
    const configs = await listConfigs(local);
    assert.deepEqual(secrets.filter((s) => s.id === secretId).map((s) => [s.name, s.labels[TEST_LABEL]]), [[`dh-secret-${runId}`, runId]]);
    assert.deepEqual(configs.filter((c) => c.id === configId).map((c) => [c.name, c.labels[TEST_LABEL]]), [[`dh-config-${runId}`, runId]]);
    assert.ok(!JSON.stringify([secrets, configs]).includes(data) && !JSON.stringify([secrets, configs]).includes(Buffer.from(data).toString('base64')));
    assert.match(secrets.find((s) => s.id === secretId)?.createdAt ?? '', /^\d{4}-/);
    await removeSecret(local, secretId);
    await removeConfig(local, configId);
    assert.equal((await listSecrets(local)).some((s) => s.id === secretId), false);
    assert.equal((await listConfigs(local)).some((c) => c.id === configId), false);
  });

  it('runs a replicated service of 4 tasks spread over both nodes', async function () {
    this.timeout(60_000);
    serviceId = await createService(local, {
      name: serviceName,
      image: BASE_IMAGE,
      command: SLEEP_UNTIL_STOPPED,
      replicas: 4,
      labels: { [TEST_LABEL]: runId },
      env: ['DH_RUN=1'],
      updateConfig: { parallelism: 2, delaySeconds: 0, monitorSeconds: 1, order: 'stop-first', failureAction: 'pause' },
      rollbackConfig: { parallelism: 2, monitorSeconds: 1, failureAction: 'pause' },
    });
    const tasks = await eventually('4 running tasks', 45_000, async () => {
      const running = await runningTasks();
      return running.length === 4 ? running : undefined;
    });
    assert.deepEqual(new Set(tasks.map((t) => t.nodeId)), new Set([localNodeId, hostBNodeId]), 'spread over both nodes');
    assert.deepEqual(tasks.map((t) => t.slot).sort(), [1, 2, 3, 4]);
    const summary = (await listServices(local)).find((s) => s.id === serviceId);
    assert.deepEqual(
      summary && { name: summary.name, mode: summary.mode, desired: summary.desiredReplicas, running: summary.runningTasks, image: summary.image },
      { name: serviceName, mode: 'replicated', desired: 4, running: 4, image: BASE_IMAGE },
    );
    const raw = (await inspectService(local, serviceId)) as { Spec: { UpdateConfig: { Parallelism: number; Monitor: number } } };
    assert.deepEqual([raw.Spec.UpdateConfig.Parallelism, raw.Spec.UpdateConfig.Monitor], [2, 1e9]);
  });

  it('reads a service log, and follows it until the signal aborts', async function () {
    this.timeout(60_000);
    const quiet: string[] = [];
    for await (const line of serviceLogs(local, serviceId, { follow: false, tail: 10 })) quiet.push(line);
    assert.deepEqual(quiet, [], 'sleep prints nothing, and the log ends without follow');
    const talker = await createService(local, {
      name: `dh-talk-${runId}`, image: BASE_IMAGE, replicas: 2, labels: { [TEST_LABEL]: runId },
      command: ['sh', '-c', `trap "exit 0" TERM; echo hello-${runId}; while true; do sleep 1; echo tick; done & wait`],
    });
    try {
      await eventually('2 hellos in the log', 30_000, async () => {
        const lines: string[] = [];
        for await (const line of serviceLogs(local, talker, { follow: false })) lines.push(line);
        return lines.filter((l) => l === `hello-${runId}`).length === 2 ? true : undefined;
      });
      const controller = new AbortController();
      const followed: string[] = [];
      const started = Date.now();
      for await (const line of serviceLogs(local, talker, { follow: true, tail: 0 }, controller.signal)) {
        followed.push(line);
        if (followed.length === 3) controller.abort();
      }
      assert.deepEqual(followed, ['tick', 'tick', 'tick'], 'only new lines (tail 0), and the loop ends on abort');
      assert.ok(Date.now() - started < 20_000);
    } finally {
      await removeService(local, talker);
    }
  });

  it('carries ping from a container on the local engine to one on host B over an attachable overlay network', async function () {
    this.timeout(60_000);
    const network = `dh-overlay-${runId}`;
    await createNetwork(local, { name: network, driver: 'overlay', attachable: true, subnet: '10.232.7.0/24', labels: { [TEST_LABEL]: runId } });
    const run = async (docker: ReturnType<typeof localDocker>, name: string): Promise<string> => {
      const container = await docker.createContainer({
        Image: BASE_IMAGE, name, Cmd: ['sleep', '600'], Labels: { [TEST_LABEL]: runId }, StopTimeout: 1, HostConfig: { NetworkMode: network },
      });
      await container.start();
      return container.id;
    };
    const onLocal = await run(localDocker(), `dh-ping-a-${runId}`);
    const onHostB = await run(hostBDocker(), `dh-ping-b-${runId}`);
    const inspected = await hostBDocker().getContainer(onHostB).inspect();
    const address = inspected.NetworkSettings.Networks[network]?.IPAddress ?? '';
    assert.match(address, /^10\.232\.7\.\d+$/);
    const ping = await execCommand(local, onLocal, ['ping', '-c', '2', '-W', '5', address]);
    assert.equal(ping.exitCode, 0, ping.output);
    assert.match(ping.output, /2 packets received/);
    for (const [docker, id] of [[localDocker(), onLocal], [hostBDocker(), onHostB]] as const) await docker.getContainer(id).remove({ force: true });
    // Gone before host B's engine is stopped below, so that nothing of it stays in host B's namespace.
    await localDocker().getNetwork(network).remove();
  });

  it('creates an encrypted overlay network (driver option "encrypted")', async () => {
    const id = await createNetwork(local, { name: `dh-enc-${runId}`, driver: 'overlay', encrypted: true, labels: { [TEST_LABEL]: runId } });
    const inspected = await localDocker().getNetwork(id).inspect() as { Driver: string; Options?: Record<string, string> };
    assert.equal(inspected.Driver, 'overlay');
    assert.ok(inspected.Options && 'encrypted' in inspected.Options, JSON.stringify(inspected.Options));
    await localDocker().getNetwork(id).remove();
  });

  it('scales the service up to 6 and back to 4', async function () {
    this.timeout(60_000);
    await scaleService(local, serviceId, 6);
    await eventually('6 running tasks', 30_000, async () => ((await runningTasks()).length === 6 ? true : undefined));
    await scaleService(local, serviceId, 4);
    await eventually('4 running tasks', 30_000, async () => ((await runningTasks()).length === 4 ? true : undefined));
    assert.equal((await listServices(local)).find((s) => s.id === serviceId)?.desiredReplicas, 4);
  });

  it('rolls the service onto a second tag, reporting progress, and rolls it back', async function () {
    this.timeout(90_000);
    const seen: ServiceUpdateProgress[] = [];
    const updated = await updateServiceImage(local, serviceId, SECOND_TAG, (p) => seen.push(p));
    assert.equal(updated.state, 'completed', updated.message);
    assert.ok(seen.some((p) => p.state === 'updating'), JSON.stringify(seen));
    assert.deepEqual(seen.at(-1) && [seen.at(-1)?.updatedTasks, seen.at(-1)?.desiredTasks], [4, 4]);
    const afterUpdate = await eventually('4 tasks running the second tag', 20_000, async () => {
      const running = await runningTasks();
      return running.length === 4 ? running : undefined;
    });
    assert.equal(afterUpdate.length, 4);
    assert.equal((await listServices(local)).find((s) => s.id === serviceId)?.image, SECOND_TAG);

    const rolledBack = await rollbackService(local, serviceId);
    assert.equal(rolledBack.state, 'rollback_completed', rolledBack.message);
    const summary = (await listServices(local)).find((s) => s.id === serviceId);
    assert.equal(summary?.image, BASE_IMAGE);
    assert.equal(summary?.updateState, 'rollback_completed');
  });

  it('an update to an image no node has stops paused with the reason; a rollback recovers', async function () {
    this.timeout(60_000);
    const paused = await updateServiceImage(local, serviceId, `docker-hosts/busybox:absent-${runId}`);
    assert.equal(paused.state, 'paused');
    assert.match(paused.message ?? '', /paused due to failure/);
    const recovered = await rollbackService(local, serviceId);
    assert.equal(recovered.state, 'rollback_completed', recovered.message);
    await eventually('4 running tasks of the first image', 30_000, async () => {
      const running = await runningTasks();
      return running.length === 4 ? true : undefined;
    });
    assert.equal((await listServices(local)).find((s) => s.id === serviceId)?.image, BASE_IMAGE);
  });

  it('drains the local node: its tasks move to host B; active again', async function () {
    this.timeout(60_000);
    await setNodeAvailability(local, localNodeId, 'drain');
    const moved = await eventually('every running task on host B', 45_000, async () => {
      const running = await runningTasks();
      return running.length === 4 && running.every((t) => t.nodeId === hostBNodeId) ? running : undefined;
    });
    assert.equal(moved.length, 4);
    assert.equal((await listNodes(local)).find((n) => n.id === localNodeId)?.availability, 'drain');
    await setNodeAvailability(local, localNodeId, 'active');
    assert.equal((await listNodes(local)).find((n) => n.id === localNodeId)?.availability, 'active');
  });

  it('forces an update: every task replaced though the spec is unchanged', async function () {
    this.timeout(60_000);
    const before = new Set((await runningTasks()).map((t) => t.id));
    await forceUpdateService(local, serviceId);
    const outcome = await waitForServiceUpdate(local, serviceId);
    assert.equal(outcome.state, 'completed', outcome.message);
    const replaced = await eventually('4 new running tasks', 20_000, async () => {
      const running = await runningTasks();
      return running.length === 4 && running.every((t) => !before.has(t.id)) ? running : undefined;
    });
    assert.equal(replaced.length, 4);
  });

  it("shows host B Down when its engine is stopped, and reschedules its tasks on the local node", async function () {
    this.timeout(150_000);
    assert.ok((await runningTasks()).some((t) => t.nodeId === hostBNodeId), 'host B has tasks to lose');
    try {
      stopHostBEngine();
      const down = await eventually('host B down', 30_000, async () => (await listNodes(local)).find((n) => n.id === hostBNodeId && n.state === 'down'));
      assert.equal(down.state, 'down');
      const rescheduled = await eventually('4 running tasks on the local node', 60_000, async () => {
        const running = await runningTasks();
        return running.length === 4 && running.every((t) => t.nodeId === localNodeId) ? running : undefined;
      });
      assert.equal(rescheduled.length, 4);
      const summary = (await listServices(local)).find((s) => s.id === serviceId);
      assert.equal(summary?.runningTasks, 4, 'tasks on the down node no longer count');
    } finally {
      await bringHostBBack();
    }
    assert.equal((await inspectSwarmMembership(hostB)).nodeId, hostBNodeId, 'host B came back with its swarm state');
  });

  it('leaves: host B, then the last manager with force; no swarm at all afterwards', async function () {
    this.timeout(60_000);
    await leaveSwarm(hostB, true);
    await eventually('host B down after leaving', 30_000, async () => (await listNodes(local)).find((n) => n.id === hostBNodeId && n.state === 'down'));
    await removeNode(local, hostBNodeId, false);
    assert.deepEqual((await listNodes(local)).map((n) => n.id), [localNodeId]);
    await leaveSwarm(local, true);
    for (const client of [local, hostB]) {
      const membership = await inspectSwarmMembership(client);
      assert.deepEqual([membership.state, membership.nodeId, membership.isManager], ['inactive', undefined, false]);
    }
    await assert.rejects(listNodes(local), isSwarmError('not-in-swarm'));
    await assert.rejects(leaveSwarm(local, true), isSwarmError('not-in-swarm'));
  });
});
