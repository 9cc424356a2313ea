// Benchmark (not a test): with 1,000 containers and 500 image tags on the local engine,
// (1) core's time to produce the Containers and Images children vs. the raw Engine API calls
// for the same lists in the same run, and (2) event-to-tree latency for `docker start`.
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import Docker from 'dockerode';
import { MachineChange, MachineSession } from '../../src/core/engine/machineSession';
import { layoutContainers, sortImages } from '../../src/core/engine/ordering';
import { BASE_IMAGE, localDocker } from '../support/engine';
import { fmt, inParallel, median, timeMs } from './benchSupport';

const CONTAINERS = 1000;
const TAGS = 500;
const ROUNDS = 15;
const STARTS = 20;
const SOCKET = '/var/run/docker.sock';
const BENCH_LABEL = 'dev.docker-hosts.bench';

/** The anchor: one HTTP request on the socket, the body read and parsed, nothing else. */
function rawList(path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath: SOCKET, path }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

async function populate(docker: Docker, run: string): Promise<Docker.Container[]> {
  const containers: Docker.Container[] = [];
  await inParallel([...Array(CONTAINERS).keys()], 8, async (i) => {
    containers.push(await docker.createContainer({ Image: BASE_IMAGE, name: `dh-bench-${run}-${i}`, Cmd: ['sleep', '600'], Labels: { [BENCH_LABEL]: run }, StopTimeout: 1 } as Docker.ContainerCreateOptions));
  });
  await inParallel([...Array(TAGS).keys()], 8, (i) => docker.getImage(BASE_IMAGE).tag({ repo: `dh-bench-${run}`, tag: `t${i}` }));
  return containers;
}

async function cleanUp(docker: Docker, run: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${BENCH_LABEL}=${run}`] } });
  await inParallel(containers, 8, (c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined));
  await inParallel([...Array(TAGS).keys()], 8, (i) => docker.getImage(`dh-bench-${run}:t${i}`).remove().catch(() => undefined));
}

async function listingRatios(session: MachineSession): Promise<void> {
  const core = { containers: [] as number[], images: [] as number[] };
  const raw = { containers: [] as number[], images: [] as number[] };
  for (let round = -3; round < ROUNDS; round++) {
    // Interleaved, so that both sides see the same engine and machine load.
    const samples = [
      await timeMs(() => rawList('/containers/json?all=1')),
      await timeMs(async () => layoutContainers(await session.list('container'))),
      await timeMs(() => rawList('/images/json')),
      await timeMs(async () => sortImages(await session.list('image'))),
    ];
    if (round >= 0) {
      raw.containers.push(samples[0] ?? 0);
      core.containers.push(samples[1] ?? 0);
      raw.images.push(samples[2] ?? 0);
      core.images.push(samples[3] ?? 0);
    }
  }
  for (const kind of ['containers', 'images'] as const) {
    const ratio = median(core[kind]) / median(raw[kind]);
    console.log(`${kind} children: core ${fmt(median(core[kind]))} / raw API ${fmt(median(raw[kind]))} = ${ratio.toFixed(2)}× (goal ≤ 1.3)`);
  }
}

async function eventLatency(session: MachineSession, containers: Docker.Container[]): Promise<void> {
  session.setFollowing(true);
  await session.list('container');
  while (!session.eventsLive) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const fromRequest: number[] = [];
  const fromReturn: number[] = [];
  for (const container of containers.slice(0, STARTS)) {
    const seen = new Promise<number>((resolve) => {
      const subscription = session.onDidChange((change: MachineChange) => {
        if (change.scope === 'resource' && change.resource.key === container.id && change.resource.kind === 'container' && change.resource.state === 'running') {
          subscription.dispose();
          resolve(performance.now());
        }
      });
    });
    const requested = performance.now();
    await container.start();
    const returned = performance.now();
    const changed = await seen;
    fromRequest.push(changed - requested);
    fromReturn.push(changed - returned);
  }
  console.log(`event-to-tree latency (docker start → core's change for that node, ${STARTS} starts among ${CONTAINERS} containers):`);
  console.log(`  median ${fmt(median(fromRequest))} from the start request (goal ≤ 250 ms), ${fmt(median(fromReturn))} after the start call returned`);
}

async function main(): Promise<void> {
  const docker = localDocker();
  const run = Date.now().toString(36);
  console.log(`tree listing benchmark: creating ${CONTAINERS} containers and ${TAGS} image tags…`);
  const session = new MachineSession(
    { id: 'bench', name: 'local', driver: 'local', endpoint: { kind: 'unix', socketPath: SOCKET }, source: 'bench' },
    { requestTimeoutMs: 30_000, log: () => undefined },
  );
  try {
    const containers = await populate(docker, run);
    await listingRatios(session);
    await eventLatency(session, containers);
  } finally {
    session.dispose();
    await cleanUp(docker, run);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
