// Benchmark (not a test): `up` of a 10-service project (busybox sleeping) on the Engine API,
// against Debian's `docker-compose up -d` (v1) of the same file on the same engine in the same
// run; re-up with nothing changed (seconds); and the same `up` on host B over SSH against local.
// Each figure is the median of a few rounds; every round starts from nothing (down before).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../src/core/engine/engineClient';
import { composeDown, composeUp } from '../../src/core/compose/engine/composeOperations';
import { loadComposeProject } from '../../src/core/compose/model/loadProject';
import type { ComposeProject } from '../../src/core/compose/model/composeModel';
import { BASE_IMAGE } from '../support/engine';
import { ensureTestHosts } from '../support/testHosts';
import { hostBOverSsh } from '../integration/compose/composeSupport';
import { fmt, median, timeMs } from './benchSupport';

const SERVICES = 10;
const ROUNDS = 3;
const LABEL = 'dev.docker-hosts.bench';

function writeProject(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-bench-compose-'));
  const services = Array.from({ length: SERVICES }, (_, i) => `  s${i}:
    image: ${BASE_IMAGE}
    command: ["sleep", "600"]
    stop_grace_period: 1s
    environment:
      INDEX: "${i}"
    labels: { ${LABEL}: compose }
`).join('');
  const file = path.join(dir, 'compose.yaml');
  writeFileSync(file, `services:\n${services}`);
  return { dir, file };
}

function dockerComposeV1(dir: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker-compose', [...args], { cwd: dir, env: { ...process.env, DOCKER_HOST: 'unix:///var/run/docker.sock' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker-compose ${args.join(' ')} exited ${String(code)}: ${stderr}`))));
  });
}

async function rounds(prepare: () => Promise<unknown>, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await prepare();
    times.push(await timeMs(work));
  }
  return median(times);
}

async function main(): Promise<void> {
  console.log(`Compose benchmark: up of ${SERVICES} busybox services, ours against docker-compose 1.29.2 up -d, ${ROUNDS} rounds each (median)…`);
  const { dir, file } = writeProject();
  const local = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 60_000 });
  const load = (name: string): Promise<ComposeProject> => loadComposeProject({ files: [file], environment: {}, projectName: name });
  // Names of their own each run: a run that was stopped half-way leaves nothing in the next one's way.
  const suffix = Date.now().toString(36);
  const theirs = `dh-bench-v1-${suffix}`;
  const ours = await load(`dh-bench-ours-${suffix}`);
  let remote: EngineClient | undefined;
  try {
    // Rounds alternate between the two tools, so that load from elsewhere on the machine falls on both alike.
    const v1Times: number[] = [];
    const upTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      v1Times.push(await timeMs(() => dockerComposeV1(dir, ['-p', theirs, 'up', '-d'])));
      await dockerComposeV1(dir, ['-p', theirs, 'down']);
      upTimes.push(await timeMs(() => composeUp(local, ours)));
      await composeDown(local, ours.name).catch((error: unknown) => console.log(`(down after round ${round + 1}: ${String(error)})`));
    }
    const [v1, up] = [median(v1Times), median(upTimes)];
    await composeUp(local, ours);
    const reUp = await rounds(async () => undefined, () => composeUp(local, ours));
    await composeDown(local, ours.name);
    console.log(`up, 10 services:        ours ${fmt(up)} / docker-compose ${fmt(v1)} = ${(up / v1).toFixed(2)}× (goal ≤ 0.5)`);
    console.log(`re-up, nothing changed: ${(reUp / 1000).toFixed(3)} s (goal ≤ 0.3 s)`);
    await ensureTestHosts();
    remote = hostBOverSsh();
    const client = remote;
    const overSsh = await rounds(() => composeDown(client, ours.name), () => composeUp(client, ours));
    await composeDown(client, ours.name);
    console.log(`up on host B over SSH:  ${fmt(overSsh)} / local ${fmt(up)} = ${(overSsh / up).toFixed(2)}× (goal ≤ 1.5)`);
  } finally {
    await composeDown(local, ours.name).catch(() => undefined);
    if (remote) await composeDown(remote, ours.name).catch(() => undefined);
    await dockerComposeV1(dir, ['-p', theirs, 'down']).catch(() => undefined);
    local.dispose();
    remote?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
