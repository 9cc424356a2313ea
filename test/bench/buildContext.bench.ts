// Benchmark (not a test): a context of 50,000 small files and one 200 MB file, a third of the
// small files excluded by .dockerignore. Time from start to the engine's first build step, ours
// against `docker build` (classic builder, same engine) in the same run, and our peak memory.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildImage } from '../../src/core/build/buildImage';
import { EngineClient } from '../../src/core/engine/engineClient';
import { BASE_IMAGE, localDocker } from '../support/engine';
import { fmt } from './benchSupport';

const SMALL_FILES = 50_000;
const BIG_FILE_MB = 200;

function makeContext(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-bench-ctx-'));
  for (let d = 0; d < SMALL_FILES / 1000; d++) {
    const sub = path.join(dir, `dir${d}`);
    mkdirSync(sub);
    for (let f = 0; f < 1000; f++) {
      writeFileSync(path.join(sub, f % 3 === 0 ? `file${f}.skip` : `file${f}.txt`), `content of ${d}/${f}\n`);
    }
  }
  const big = openSync(path.join(dir, 'big.bin'), 'w');
  const block = Buffer.alloc(1024 * 1024, 7);
  for (let i = 0; i < BIG_FILE_MB; i++) writeSync(big, block);
  closeSync(big);
  writeFileSync(path.join(dir, '.dockerignore'), '**/*.skip\n');
  writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN echo first step\n`);
  return dir;
}

/** docker build (classic) until it prints its first step. */
function cliToFirstStep(dir: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let output = '';
    const verbose = spawn('docker', ['build', '--no-cache', '--label', 'dev.docker-hosts.bench=context', dir], { env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_HOST: 'unix:///var/run/docker.sock' } });
    verbose.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Step 1\//.test(output)) {
        resolve(performance.now() - started);
      }
    });
    verbose.on('error', reject);
    verbose.on('close', (code) => (code === 0 ? undefined : reject(new Error(`docker build exited ${code}: ${output}`))));
  });
}

async function oursToFirstStep(dir: string): Promise<{ ms: number; peakMb: number }> {
  const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 60_000 });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  let firstStep: number | undefined;
  // The tar packer is what this measures: the classic builder is the one that takes it.
  await buildImage(client, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: [], noCache: true, builder: 'classic', labels: { 'dev.docker-hosts.bench': 'context' } }, {
    output: (text) => {
      if (firstStep === undefined && /Step 1\//.test(text)) firstStep = performance.now() - started;
    },
  });
  clearInterval(sampler);
  return { ms: firstStep ?? NaN, peakMb: (peak - baseline) / 1e6 };
}

async function main(): Promise<void> {
  console.log(`build context benchmark: ${SMALL_FILES} small files (a third ignored) and a ${BIG_FILE_MB} MB file…`);
  const dir = makeContext();
  try {
    const cli = await cliToFirstStep(dir);
    const ours = await oursToFirstStep(dir);
    console.log(`time to the first build step: ours ${fmt(ours.ms)} / docker build ${fmt(cli)} = ${(ours.ms / cli).toFixed(2)}× (goal ≤ 1.1)`);
    console.log(`peak memory of our packer: +${ours.peakMb.toFixed(1)} MB RSS (goal ≤ 100 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await localDocker().pruneImages({ filters: { label: ['dev.docker-hosts.bench=context'], dangling: ['true'] } }).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
