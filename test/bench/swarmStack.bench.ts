// Benchmark (not a test): Deploy Stack of a 10-service stack (busybox sleeping) on the Engine API,
// from reading the compose file to the last service created (the first one in a process also
// compiles the Compose schema, so it is shown apart), against `docker stack deploy` (the
// docker 28 CLI, --resolve-image never, detached) of the same file on the same engine, one run
// each. The local engine is made a single-node swarm for the run and leaves it at the end, all
// while holding /tmp/dh-swarm.lock (swarm mode is shared by everyone on this machine). Then the
// time from a task's change on a node (its container's start event reaching the machine's
// session) to the repaint of its service's node with that task running, through the extension's
// own TaskPoller, for a few scale-ups of one service.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { convertStack } from '../../src/core/swarm/stack/stackConversion';
import { deployStack } from '../../src/core/swarm/stack/stackDeploy';
import { removeStack } from '../../src/core/swarm/stack/stackRemoval';
import { loadStackSource } from '../../src/core/swarm/stack/stackSource';
import { BASE_IMAGE } from '../support/engine';
import { docker, holdSwarmLock, initSingleNodeSwarm, labelledLeftovers, leaveSwarm, localClient } from '../integration/swarm/stackSupport';
import { MachineSession } from '../../src/core/engine/machineSession';
import { listServices, listTasks, scaleService } from '../../src/core/swarm/serviceOperations';
import { TaskPoller } from '../../src/extension/swarm/taskPoller';
import { TaskContainerStarts } from '../../src/core/swarm/taskContainerStarts';
import { fmt, median, timeMs } from './benchSupport';

const SERVICES = 10;
const SCALE_UPS = 5;
const GOAL_TASK_MS = 100;

/** Scales one service up SCALE_UPS times; per step, the time from its new container's start event to the repaint that shows it running. */
async function taskToTree(client: ReturnType<typeof localClient>, serviceName: string): Promise<number[]> {
  const service = (await listServices(client)).find((s) => s.name === serviceName);
  if (!service) throw new Error(`no service ${serviceName}`);
  const session = new MachineSession({ name: 'local', endpoint: { kind: 'unix', socketPath: '/var/run/docker.sock' } }, { requestTimeoutMs: 20_000, log: () => undefined });
  let target = 1;
  let startedAt: number | undefined;
  let shownAt: number | undefined;
  let lastRunning = 0;
  let before = new Set<string>();
  const starts = new TaskContainerStarts(); // as the Swarm tree does: a node's start event shows the task running
  const poller = new TaskPoller(async () => {
    const tasks = starts.apply(await listTasks(client, { serviceId: service.id }));
    lastRunning = tasks.filter((t) => t.state === 'running' && t.desiredState === 'running').length;
    return tasks;
  }, () => {
    if (startedAt !== undefined && shownAt === undefined && lastRunning >= target) shownAt = performance.now();
  });
  session.onDidChangeSwarm((event) => {
    // Only the new task's start counts: the stack's first tasks may still be starting.
    if (event.kind === 'task' && event.actorId === service.id && event.action === 'start' && startedAt === undefined && event.taskId && !before.has(event.taskId)) startedAt = performance.now();
    if (event.kind === 'task' && event.taskId) starts.note(event.taskId, event.action);
    if (event.kind === 'task') poller.pokeService(event.actorId);
  });
  const latencies: number[] = [];
  try {
    session.setFollowing(true);
    await session.list('container');
    while (!session.eventsLive) await new Promise((resolve) => setTimeout(resolve, 20));
    poller.watch('service-node', 'cluster', service.id, await listTasks(client, { serviceId: service.id }));
    for (let step = 0; step < SCALE_UPS; step++) {
      target++;
      startedAt = undefined;
      shownAt = undefined;
      before = new Set((await listTasks(client, { serviceId: service.id })).map((task) => task.id));
      await scaleService(client, service.id, target);
      const deadline = performance.now() + 30_000;
      while (shownAt === undefined && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      if (startedAt === undefined || shownAt === undefined) throw new Error(`scale to ${target}: no start event or no repaint within 30 s`);
      latencies.push(shownAt - startedAt);
    }
    return latencies;
  } finally {
    poller.dispose();
    session.dispose();
  }
}

function writeStack(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-bench-stack-'));
  const services = Array.from({ length: SERVICES }, (_, i) => `  s${i}:
    image: ${BASE_IMAGE}
    command: ["sleep", "600"]
    stop_grace_period: 1s
    environment:
      INDEX: "${i}"
    deploy:
      replicas: 1
      labels: { dev.docker-hosts.bench: stack }
`).join('');
  const file = path.join(dir, 'compose.yaml');
  writeFileSync(file, `services:\n${services}`);
  return { dir, file };
}

async function main(): Promise<void> {
  console.log(`Stack benchmark: Deploy Stack of ${SERVICES} busybox services, ours against docker stack deploy (docker 28), one run each…`);
  const releaseLock = await holdSwarmLock();
  const { dir, file } = writeStack();
  const client = localClient();
  const suffix = Date.now().toString(36);
  const theirs = `dhbenchcli${suffix}`;
  const ours = `dhbenchours${suffix}`;
  const oursWarm = `dhbenchwarm${suffix}`;
  const deployOurs = async (namespace: string): Promise<void> => {
    const source = await loadStackSource({ files: [file], environment: {}, projectName: namespace });
    await deployStack(client, await convertStack(source.project, namespace, source.extras));
  };
  try {
    await initSingleNodeSwarm();
    const cli = await timeMs(() => docker(['stack', 'deploy', '--detach=true', '--resolve-image', 'never', '-c', file, theirs], dir));
    // The first compose file a process reads compiles the Compose schema (once per extension session).
    const cold = await timeMs(() => deployOurs(ours));
    const warm = await timeMs(() => deployOurs(oursWarm));
    const created = (await labelledLeftovers(client, oursWarm)).filter((item) => item.startsWith('service ')).length;
    console.log(`Deploy Stack, ${SERVICES} services: ours ${fmt(warm)} / docker stack deploy ${fmt(cli)} = ${(warm / cli).toFixed(2)}× (goal ≤ 1.0; ${created} services made)`);
    console.log(`  the first in a session (schema compiled): ${fmt(cold)} = ${(cold / cli).toFixed(2)}×`);
    const latencies = await taskToTree(client, `${oursWarm}_s0`);
    const worst = Math.max(...latencies);
    console.log(`task → tree (a new task's container start event → its service's node repainted with it running), ${SCALE_UPS} scale-ups: median ${fmt(median(latencies))}, worst ${fmt(worst)} (goal ≤ ${GOAL_TASK_MS} ms after the event: ${median(latencies) <= GOAL_TASK_MS ? 'goal met' : 'GOAL MISSED'})`);
  } finally {
    await docker(['stack', 'rm', theirs]).catch(() => undefined);
    await removeStack(client, ours).catch(() => undefined);
    await removeStack(client, oursWarm).catch(() => undefined);
    await leaveSwarm().catch((error: unknown) => console.log(`(leaving the swarm: ${String(error)})`));
    client.dispose();
    releaseLock();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
