// The scale benchmark's event generator, run as its own process so that its requests do not count
// against the benchmark's event loop: pauses and unpauses the given running containers on the
// local engine, `rounds` times each, all containers at once. Prints the operations done and
// their time as JSON. Each pause and each unpause is one container event on the real engine.
import { performance } from 'node:perf_hooks';
import { localDocker } from '../support/engine';

async function main(): Promise<void> {
  const [roundsText, ...ids] = process.argv.slice(2);
  const rounds = Number(roundsText);
  const docker = localDocker();
  // Forking a process costs the parent a pause of its own: the benchmark starts this one before
  // it watches its event loop, and says "go" on stdin when the load is to begin.
  console.log('ready');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
  const refused = new Map<string, number>();
  const started = performance.now();
  let operations = 0;
  // Containers in parallel; within one, each pause is answered before its unpause is asked.
  await Promise.all(
    ids.map(async (id) => {
      const container = docker.getContainer(id);
      for (let i = 0; i < rounds; i++) {
        // Awaited before the sum (`operations += await …` would add to a stale total).
        const paused = await settled(() => container.pause(), refused);
        const unpaused = await settled(() => container.unpause(), refused);
        operations += paused + unpaused;
      }
    }),
  );
  console.log(JSON.stringify({ operations, ms: performance.now() - started, refused: Object.fromEntries(refused) }));
}

/** 1 when the call succeeded (one event), 0 when the engine refused it (counted by message). */
async function settled(call: () => Promise<unknown>, refused: Map<string, number>): Promise<number> {
  try {
    await call();
    return 1;
  } catch (error) {
    const message = String((error as Error)?.message ?? error).replace(/[0-9a-f]{64}/g, '<id>').slice(0, 120);
    refused.set(message, (refused.get(message) ?? 0) + 1);
    return 0;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
