// Benchmark (not a test): BuildKit builds of a 50,000-file context, ours (session file sync)
// against `DOCKER_BUILDKIT=1 /usr/bin/docker build` (the 20.10 CLI, which syncs the context the
// same way) on the same engine, in the same run: a cold build, a rebuild with nothing changed,
// and a rebuild after changing one file, with the bytes our one-file rebuild sent.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage } from '../../src/core/build/buildImage';
import { EngineClient } from '../../src/core/engine/engineClient';
import { BASE_IMAGE, localDocker } from '../support/engine';
import { fmt, timeMs } from './benchSupport';

const FILES = 50_000;
const LABEL = 'dev.docker-hosts.bench=buildkit';

function makeContext(): { dir: string; bytes: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-bench-bk-'));
  let bytes = 0;
  for (let d = 0; d < FILES / 1000; d++) {
    const sub = path.join(dir, `dir${d}`);
    mkdirSync(sub);
    for (let f = 0; f < 1000; f++) {
      const content = `content of ${d}/${f} `.padEnd(200, '.');
      writeFileSync(path.join(sub, `file${f}.txt`), content);
      bytes += content.length;
    }
  }
  writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nCOPY . /ctx\nRUN ls /ctx | wc -l\n`);
  return { dir, bytes };
}

function cliBuild(dir: string, noCache: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['build', '-q', '--label', LABEL, '-t', 'dh-bench-bk-cli:x', ...(noCache ? ['--no-cache'] : []), dir];
    const child = spawn('/usr/bin/docker', args, { env: { ...process.env, DOCKER_BUILDKIT: '1', DOCKER_HOST: 'unix:///var/run/docker.sock' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker build exited ${code}: ${stderr}`))));
  });
}

async function ourBuild(client: EngineClient, dir: string, noCache: boolean): Promise<number> {
  let sent = 0;
  await buildImage(client, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: ['dh-bench-bk-ours:x'], noCache, labels: { 'dev.docker-hosts.bench': 'buildkit' } }, {
    output: () => undefined,
    upload: (bytes) => (sent = bytes),
  });
  return sent;
}

async function main(): Promise<void> {
  console.log(`BuildKit benchmark: a context of ${FILES} files, ours against DOCKER_BUILDKIT=1 /usr/bin/docker build…`);
  const { dir, bytes } = makeContext();
  const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 60_000 });
  const changeOneFile = (round: string): void => writeFileSync(path.join(dir, 'dir7', 'file7.txt'), `changed in round ${round}`.padEnd(200, '!'));
  try {
    const cold = { cli: await timeMs(() => cliBuild(dir, true)), ours: await timeMs(() => ourBuild(client, dir, true)) };
    const cached = { cli: await timeMs(() => cliBuild(dir, false)), ours: await timeMs(() => ourBuild(client, dir, false)) };
    // Each side changes the file anew, so that neither finds the other's COPY layer in the cache.
    changeOneFile('cli');
    const cliOneFile = await timeMs(() => cliBuild(dir, false));
    changeOneFile('ours');
    let oneFileSent = 0;
    const oursOneFile = await timeMs(async () => (oneFileSent = await ourBuild(client, dir, false)));
    const ratio = (ours: number, cli: number): string => `ours ${fmt(ours)} / docker build ${fmt(cli)} = ${(ours / cli).toFixed(2)}×`;
    console.log(`cold build:               ${ratio(cold.ours, cold.cli)} (goal ≤ 1.1)`);
    console.log(`rebuild, nothing changed: ${ratio(cached.ours, cached.cli)} (goal ≤ 1.0)`);
    console.log(`rebuild, one file changed: ${ratio(oursOneFile, cliOneFile)}`);
    console.log(`bytes our one-file rebuild sent: ${oneFileSent} of ${bytes} in the context = ${((100 * oneFileSent) / bytes).toFixed(3)} % (goal ≤ 1 %)`);
  } finally {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
    const docker = localDocker();
    for (const tag of ['dh-bench-bk-cli:x', 'dh-bench-bk-ours:x']) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    await docker.pruneImages({ filters: { label: [LABEL], dangling: ['true'] } }).catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
