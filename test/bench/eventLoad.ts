// The scale benchmark's event generator, run as its own process so that its requests do not count
// against the benchmark's event loop: on the given running containers of the local engine, all at
// once, `rounds` times each: pause, three renames, unpause, three renames (a state change, then
// field changes; a pause goes through runc and takes far longer than a rename, so the mix is what
// makes 1,000 events in about 10 s on two cores). Each call is one container event on the real
// engine; each container ends with its first name, unpaused. Prints the operations done and their
// time as JSON.
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
      const name = ((await container.inspect()) as { Name: string }).Name.replace(/^\//, '');
      const renames = async (round: number, half: string): Promise<number> => {
        let done = 0;
        for (const step of ['a', 'b', '']) {
          done += await settled(() => container.rename({ name: step ? `${name}-${round}${half}${step}` : name }), refused);
        }
        return done;
      };
      for (let round = 0; round < rounds; round++) {
        // Awaited before the sum (`operations += await …` would add to a stale total).
        const done = (await settled(() => container.pause(), refused)) + (await renames(round, 'p')) + (await settled(() => container.unpause(), refused)) + (await renames(round, 'u'));
        operations += done;
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
