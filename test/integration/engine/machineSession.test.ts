// A machine's session against the real engine: events reach the core as the smallest change,
// and a broken or dead connection is noticed, reported and recovered from by itself.
import * as assert from 'node:assert/strict';
import { MachineChange, MachineSession } from '../../../src/core/engine/machineSession';
import { EngineEndpoint } from '../../../src/core/engine/endpoint';
import { BASE_IMAGE, cleanUp, createContainer, eventually, localDocker, newRunId } from '../../support/engine';
import { hangingSocket } from '../../support/hangingSocket';
import { SocketProxy } from '../../support/socketProxy';

const docker = localDocker();
const runId = newRunId();

function session(endpoint: EngineEndpoint, requestTimeoutMs = 5_000): { session: MachineSession; changes: MachineChange[] } {
  const changes: MachineChange[] = [];
  const s = new MachineSession({ id: `m-${runId}`, name: 'test', driver: 'local', endpoint, source: 'test' }, { requestTimeoutMs, log: () => undefined });
  s.onDidChange((change) => changes.push(change));
  return { session: s, changes };
}

const local: EngineEndpoint = { kind: 'unix', socketPath: '/var/run/docker.sock' };
const isResource = (change: MachineChange, id: string, state: string): boolean =>
  change.scope === 'resource' && change.resource.kind === 'container' && change.resource.id === id && change.resource.state === state;
const isGroup = (change: MachineChange, kind: string): boolean => change.scope === 'group' && change.kind === kind;

describe('MachineSession against the real engine', () => {
  after(() => cleanUp(docker, runId));

  it('connects and learns the engine version', async () => {
    const { session: s } = session(local);
    await s.connect();
    assert.equal(s.state, 'running');
    assert.match(s.version?.version ?? '', /^\d+\.\d+/);
    s.dispose();
  });

  it('turns create, start, stop and remove events into group and single-node changes', async () => {
    const { session: s, changes } = session(local);
    s.setFollowing(true);
    try {
      await s.connect();
      await s.list('container');
      await eventually('the event stream to open', 5_000, () => (s.eventsLive ? true : undefined));
      const container = await createContainer(docker, runId, `dh-events-${runId}`);
      await eventually('a Containers group change after create', 5_000, () => (changes.some((c) => isGroup(c, 'container')) ? true : undefined));
      changes.length = 0;
      await container.start();
      await eventually('the container node to turn running', 5_000, () => (changes.some((c) => isResource(c, container.id, 'running')) ? true : undefined));
      assert.ok(!changes.some((c) => isGroup(c, 'container')), 'a start is not a membership change');
      await container.stop({ t: 0 });
      await eventually('the container node to turn exited', 5_000, () => (changes.some((c) => isResource(c, container.id, 'exited')) ? true : undefined));
      changes.length = 0;
      await container.remove();
      await eventually('a group change after remove', 5_000, () => (changes.some((c) => isGroup(c, 'container')) ? true : undefined));
    } finally {
      s.dispose();
    }
  });

  it('ends current after rapid pause/unpause (the engine sends those events before its list shows them)', async function () {
    this.timeout(60_000);
    const { session: s } = session(local);
    s.setFollowing(true);
    // The engine races itself here: containerd's late paused/resumed notice can flip the state it
    // just reported, so a call may answer "is already paused" (409), "is not paused" (500), or
    // containerd's "cannot pause a paused container" / "cannot resume a running process" (500).
    // That is the engine's own state, not ours to judge; the cache must end where its list ends.
    const engineRace = (error: Error): void => {
      if (!/is already paused|is not paused|cannot pause a paused|cannot resume a running/.test(error.message)) throw error;
    };
    try {
      const containers = await Promise.all([0, 1, 2, 3, 4].map(async (i) => {
        const container = await createContainer(docker, runId, `dh-pause-${runId}-${i}`);
        await container.start();
        return container;
      }));
      await s.list('container');
      await eventually('the event stream to open', 5_000, () => (s.eventsLive ? true : undefined));
      await Promise.all(containers.map(async (container) => {
        for (let round = 0; round < 15; round++) {
          await container.pause().catch(engineRace);
          await container.unpause().catch(engineRace);
        }
        await container.pause().catch(engineRace); // last state differs from the first: a cache that missed the end shows running
      }));
      const ids = containers.map((c) => c.id);
      const stale = async (): Promise<string[]> => {
        const listed = new Map((await docker.listContainers({ all: true, filters: { id: ids } })).map((c) => [c.Id, c.State]));
        const cached = new Map((await s.peekOrList('container')).map((c) => [c.id, c.state]));
        return ids.filter((id) => cached.get(id) !== listed.get(id)).map((id) => `${id.slice(0, 12)}: cache ${cached.get(id)}, engine ${listed.get(id)}`);
      };
      await eventually('the cache to show what the engine lists', 5_000, async () => ((await stale()).length === 0 ? true : undefined)).catch(async () => {
        assert.fail(`the cache differs from the engine's list: ${(await stale()).join('; ')}`);
      });
      const paused = (await docker.listContainers({ all: true, filters: { id: ids } })).filter((c) => c.State === 'paused').length;
      assert.ok(paused > 0, 'the engine ended with some container paused, so the check saw the last events land');
      await Promise.all(containers.map((c) => c.unpause().catch(engineRace)));
    } finally {
      s.dispose();
    }
  });

  it('reports an image tagged while images are shown as a change of the Images group', async () => {
    const { session: s, changes } = session(local);
    s.setFollowing(true);
    try {
      await s.list('image');
      await eventually('the event stream to open', 5_000, () => (s.eventsLive ? true : undefined));
      await docker.getImage(BASE_IMAGE).tag({ repo: `dh-tag-${runId}`, tag: 'x' });
      await eventually('an Images group change', 5_000, () => (changes.some((c) => isGroup(c, 'image')) ? true : undefined));
      assert.ok((await s.list('image')).some((i) => i.tag === `dh-tag-${runId}:x`));
    } finally {
      await docker.getImage(`dh-tag-${runId}:x`).remove().catch(() => undefined);
      s.dispose();
    }
  });

  it('marks an engine that never answers unreachable within the request timeout, with the reason', async () => {
    const hang = await hangingSocket();
    const { session: s } = session({ kind: 'unix', socketPath: hang.socketPath }, 1_500);
    const started = Date.now();
    await s.connect();
    assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started} ms`);
    assert.equal(s.state, 'unreachable');
    assert.match(s.error ?? '', /No answer from unix:\/\/.* within 2 s/);
    s.dispose();
    await hang.close();
  });

  it('reconnects its event stream after the connection drops, and keeps applying events', async () => {
    const proxy = new SocketProxy();
    await proxy.listen();
    const { session: s, changes } = session({ kind: 'unix', socketPath: proxy.socketPath });
    s.setFollowing(true);
    try {
      await s.list('container');
      await eventually('the event stream to open', 5_000, () => (s.eventsLive ? true : undefined));
      const states: string[] = [];
      s.onDidChange((change) => change.scope === 'machine' && states.push(s.state));
      proxy.cutConnections();
      await eventually('the session to be running again', 10_000, () => (states.includes('reconnecting') && s.state === 'running' ? true : undefined));
      await s.list('container');
      await eventually('the event stream to reopen', 10_000, () => (s.eventsLive ? true : undefined));
      changes.length = 0;
      await createContainer(docker, runId, `dh-reconnect-${runId}`);
      await eventually('the create event over the new stream', 10_000, () => (changes.some((c) => isGroup(c, 'container')) ? true : undefined));
    } finally {
      s.dispose();
      await proxy.close();
    }
  });

  it('shows an engine that went away as unreachable and recovers by itself when it returns', async () => {
    const proxy = new SocketProxy();
    await proxy.listen();
    const { session: s } = session({ kind: 'unix', socketPath: proxy.socketPath }, 2_000);
    s.setFollowing(true);
    try {
      await s.connect();
      await eventually('the event stream to open', 5_000, () => (s.eventsLive ? true : undefined));
      await proxy.close();
      await eventually('unreachable', 10_000, () => (s.state === 'unreachable' ? true : undefined));
      assert.match(s.error ?? '', /No Docker socket at|refused/);
      await proxy.listen();
      await eventually('running again without a retry from the user', 20_000, () => (s.state === 'running' ? true : undefined));
    } finally {
      s.dispose();
      await proxy.close();
    }
  });
});
