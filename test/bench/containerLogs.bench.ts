// Benchmark (not a test): following the log of a container that printed 200,000 lines.
// Time to the first line and the process's memory while the whole log streams through, against
// the raw Engine API request for the same log (the anchor) in the same run.
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { EngineClient } from '../../src/core/engine/engineClient';
import { containerLogs } from '../../src/core/engine/operations/containerOperations';
import { BASE_IMAGE, localDocker } from '../support/engine';
import { fmt } from './benchSupport';

const LINES = 200_000;

function rawFirstByte(id: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get({ socketPath: '/var/run/docker.sock', path: `/containers/${id}/logs?stdout=1&stderr=1&follow=1&tail=all` }, (response) => {
      response.once('data', () => {
        resolve(performance.now() - started);
        request.destroy();
      });
    });
    request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
  });
}

async function main(): Promise<void> {
  const docker = localDocker();
  const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 30_000 });
  const container = await docker.createContainer({
    Image: BASE_IMAGE,
    Cmd: ['sh', '-c', `i=0; while [ $i -lt ${LINES} ]; do echo "log line $i of a chatty service"; i=$((i+1)); done; echo DONE; sleep 600`],
    Labels: { 'dev.docker-hosts.bench': 'logs' },
  });
  try {
    await container.start();
    console.log(`container logs benchmark: waiting for ${LINES} lines…`);
    for (;;) {
      const tail = ((await container.logs({ stdout: true, tail: 1 })) as unknown as Buffer).toString();
      if (tail.includes('DONE')) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const anchor = await rawFirstByte(container.id);
    for (const tail of ['all', 500] as const) {
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const controller = new AbortController();
      const started = performance.now();
      const stream = await containerLogs(client, container.id, { follow: true, timestamps: false, tail }, controller.signal);
      let first: number | undefined;
      let lines = 0;
      await new Promise<void>((resolve) => {
        stream.on('data', (chunk: Buffer) => {
          first ??= performance.now() - started;
          lines += chunk.toString('utf8').split('\n').length - 1;
          if (chunk.includes('DONE')) {
            controller.abort();
            resolve();
          }
        });
        stream.on('error', () => resolve());
      });
      const total = performance.now() - started;
      clearInterval(sampler);
      console.log(`tail=${tail}: first line after ${fmt(first ?? NaN)} (raw API first byte ${fmt(anchor)}, ratio ${((first ?? NaN) / anchor).toFixed(2)}×; goal ≤ 200 ms), ${lines} lines in ${fmt(total)}, peak RSS +${((peak - baseline) / 1e6).toFixed(1)} MB over ${(baseline / 1e6).toFixed(0)} MB (the log itself is ${((LINES * 33) / 1e6).toFixed(1)} MB)`);
    }
  } finally {
    await container.remove({ force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
