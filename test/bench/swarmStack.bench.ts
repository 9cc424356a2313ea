// Benchmark (not a test): Deploy Stack of a 10-service stack (busybox sleeping) on the Engine API,
// from reading the compose file to the last service created (the first one in a process also
// compiles the Compose schema, so it is shown apart), against `docker stack deploy` (the
// docker 28 CLI, --resolve-image never, detached) of the same file on the same engine, one run
// each. The local engine is made a single-node swarm for the run and leaves it at the end, all
// while holding /tmp/dh-swarm.lock (swarm mode is shared by everyone on this machine).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { convertStack } from '../../src/core/swarm/stack/stackConversion';
import { deployStack } from '../../src/core/swarm/stack/stackDeploy';
import { removeStack } from '../../src/core/swarm/stack/stackRemoval';
import { loadStackSource } from '../../src/core/swarm/stack/stackSource';
import { BASE_IMAGE } from '../support/engine';
import { docker, holdSwarmLock, initSingleNodeSwarm, labelledLeftovers, leaveSwarm, localClient } from '../integration/swarm/stackSupport';
import { fmt, timeMs } from './benchSupport';

const SERVICES = 10;

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
