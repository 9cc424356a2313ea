// A Podman engine (Debian's podman 4.3, rootful, `podman system service` on its own socket) used
// through the project's own session, cache and operations: its flavor, its lists, the everyday
// verbs, its events reaching the cache, a classic build, and the same engine over real SSH.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage } from '../../../src/core/build/buildImage';
import { MachineChange, MachineSession } from '../../../src/core/engine/machineSession';
import { EngineEndpoint } from '../../../src/core/engine/endpoint';
import { removeContainer, runContainerAction } from '../../../src/core/engine/operations/containerOperations';
import { removeImage, runImage, tagImage } from '../../../src/core/engine/operations/imageOperations';
import { connectContainer, createNetwork, removeNetwork } from '../../../src/core/engine/operations/networkOperations';
import { createVolume, removeVolume } from '../../../src/core/engine/operations/volumeOperations';
import { BASE_IMAGE, cleanUp, createContainer, eventually, newRunId, TEST_LABEL } from '../../support/engine';
import { PODMAN_ENDPOINT, PODMAN_SOCKET, podmanDocker, podmanImageName, requirePodman } from '../../support/podman';
import { ClientKey, makeClientKey, tempDir, TestSshd } from '../../support/sshd';
import { recordingInteraction, sshEndpoint, testSettings } from '../../support/sshTestbed';

const docker = podmanDocker();
const runId = newRunId();
const sessions: MachineSession[] = [];

function session(endpoint: EngineEndpoint = PODMAN_ENDPOINT, extra: { ssh?: ReturnType<typeof testSettings> } = {}): { session: MachineSession; changes: MachineChange[] } {
  const changes: MachineChange[] = [];
  const s = new MachineSession({ name: 'podman', endpoint }, { requestTimeoutMs: 15_000, log: () => undefined, ...extra });
  s.onDidChange((change) => changes.push(change));
  sessions.push(s);
  return { session: s, changes };
}

const isGroup = (change: MachineChange, kind: string): boolean => change.scope === 'group' && change.kind === kind;
const isResource = (change: MachineChange, id: string, state: string): boolean =>
  change.scope === 'resource' && change.resource.kind === 'container' && change.resource.id === id && change.resource.state === state;

async function podmanState(id: string): Promise<string | undefined> {
  const list = await docker.listContainers({ all: true, filters: { id: [id] } });
  return list[0]?.State;
}

describe('A Podman engine through the project’s session and operations (real podman 4.3)', function () {
  this.timeout(120_000);

  before(() => requirePodman());
  after(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    // Run… sets no label: what it made is found by this run's name.
    for (const c of await docker.listContainers({ all: true, filters: { name: [runId] } })) {
      await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    }
    await cleanUp(docker, runId);
  });

  it('detects the flavor from GET /version: Podman 4.3.1, no swarm, no BuildKit, no health events', async () => {
    const { session: s } = session();
    await s.connect();
    assert.equal(s.state, 'running');
    const flavor = s.version?.flavor;
    assert.equal(flavor?.product, 'podman');
    assert.match(flavor?.label ?? '', /^Podman 4\.3\.\d+$/);
    assert.deepEqual(flavor?.capabilities, { swarm: false, buildkit: false, healthEvents: false, networkEvents: false });
    assert.equal(s.version?.apiVersion, '1.41', 'Podman 4.3 serves the compat API as 1.41');
  });

  it('is what the flavor says: no /swarm endpoint, and a /_ping that claims API 1.41 with an empty Builder-Version', async () => {
    const { session: s } = session();
    await s.connect();
    await assert.rejects(s.engine.call((d, abortSignal) => d.swarmInspect({ abortSignal } as never)), (error: { statusCode?: number }) => error.statusCode === 404);
    const ping = await s.engine.ping();
    assert.equal(ping.apiVersion, '1.41');
    assert.equal(ping.builderVersion ?? '', '', 'nothing in /_ping tells BuildKit apart: the flavor does');
  });

  it('lists containers, images, volumes and networks through the session (localhost/ names, "bridge" for podman’s default network)', async () => {
    const container = await createContainer(docker, runId, `dh-pod-list-${runId}`, { HostConfig: { Binds: [`dh-pod-vol-${runId}:/data`] } } as never);
    await docker.createVolume({ Name: `dh-pod-lonely-${runId}`, Labels: { [TEST_LABEL]: runId } });
    const { session: s } = session();
    await s.connect();
    const containers = await s.list('container');
    const mine = containers.find((c) => c.id === container.id);
    assert.equal(mine?.name, `dh-pod-list-${runId}`);
    assert.equal(mine?.state, 'created');
    assert.equal(mine?.image, podmanImageName(BASE_IMAGE), 'Podman lists the image under localhost/');
    assert.deepEqual(mine?.volumeNames, [`dh-pod-vol-${runId}`]);
    const images = await s.list('image');
    assert.ok(images.some((i) => i.tag === podmanImageName(BASE_IMAGE)), `the base image is listed: ${images.map((i) => i.tag).join(', ')}`);
    const volumes = await s.list('volume');
    assert.ok(volumes.some((v) => v.name === `dh-pod-lonely-${runId}` && v.driver === 'local'));
    const networks = await s.list('network');
    const bridge = networks.find((n) => n.name === 'bridge');
    assert.ok(bridge?.builtIn, 'the compat API names podman’s default network "bridge", built in');
    assert.ok(!networks.some((n) => n.name === 'host' || n.name === 'none'), 'Podman lists no host or none network');
  });

  it('runs the everyday container verbs: run, stop, start, restart, pause, unpause, remove', async () => {
    const { session: s } = session();
    await s.connect();
    const id = await runImage(s.engine, { image: BASE_IMAGE, name: `dh-pod-run-${runId}`, command: 'sleep 600' });
    assert.equal(await podmanState(id), 'running');
    await runContainerAction(s.engine, id, 'pause');
    assert.equal(await podmanState(id), 'paused');
    await runContainerAction(s.engine, id, 'unpause');
    assert.equal(await podmanState(id), 'running');
    await runContainerAction(s.engine, id, 'stop');
    assert.equal(await podmanState(id), 'exited');
    await runContainerAction(s.engine, id, 'start');
    assert.equal(await podmanState(id), 'running');
    await runContainerAction(s.engine, id, 'restart');
    assert.equal(await podmanState(id), 'running');
    await removeContainer(s.engine, id, { force: true, volumes: true });
    assert.equal(await podmanState(id), undefined, 'removed');
  });

  it('removes an image tag, and creates and removes a volume and a network', async () => {
    const { session: s } = session();
    await s.connect();
    const tag = `dh-pod-tag-${runId}:1`;
    await tagImage(s.engine, BASE_IMAGE, tag);
    // Podman's compat /images/tag qualifies a short name as Docker Hub's (docker.io/library/…).
    assert.ok((await s.list('image')).some((i) => i.tag === `docker.io/library/${tag}`), 'the tag is listed, qualified');
    await removeImage(s.engine, tag, false);
    assert.ok(!(await s.list('image')).some((i) => i.tag?.endsWith(tag)), 'the tag is gone');
    assert.ok((await s.list('image')).some((i) => i.tag === podmanImageName(BASE_IMAGE)), 'the image itself stays');

    const volume = `dh-pod-v-${runId}`;
    await createVolume(s.engine, { name: volume, labels: { [TEST_LABEL]: runId } });
    assert.ok((await s.list('volume')).some((v) => v.name === volume));
    await removeVolume(s.engine, volume);
    assert.ok(!(await s.list('volume')).some((v) => v.name === volume));

    const network = `dh-pod-n-${runId}`;
    const networkId = await createNetwork(s.engine, { name: network, labels: { [TEST_LABEL]: runId } });
    const listed = (await s.list('network')).find((n) => n.name === network);
    assert.equal(listed?.builtIn, false);
    assert.ok(listed && listed.subnets.length === 1, 'podman gives the network a subnet of its own');
    await removeNetwork(s.engine, networkId);
    assert.ok(!(await s.list('network')).some((n) => n.name === network));
  });

  it('brings podman’s events into the cache: create, start, stop, remove ("remove", not "destroy"), volume and network changes', async () => {
    const { session: s, changes } = session();
    s.setFollowing(true);
    await s.connect();
    await Promise.all([s.list('container'), s.list('volume'), s.list('network')]);
    await eventually('the event stream to open', 10_000, () => (s.eventsLive ? true : undefined));
    const container = await createContainer(docker, runId, `dh-pod-ev-${runId}`);
    await eventually('a Containers group change after create', 10_000, () => (changes.some((c) => isGroup(c, 'container')) ? true : undefined));
    changes.length = 0;
    await container.start();
    await eventually('the container node to turn running', 10_000, () => (changes.some((c) => isResource(c, container.id, 'running')) ? true : undefined));
    await container.stop({ t: 1 });
    await eventually('the container node to turn exited', 20_000, () => (changes.some((c) => isResource(c, container.id, 'exited')) ? true : undefined));
    changes.length = 0;
    await container.remove({ force: true });
    await eventually('the container to leave the cached list (podman says "remove")', 10_000, async () =>
      changes.some((c) => isGroup(c, 'container')) && !(await s.peekOrList('container')).some((c) => c.id === container.id) ? true : undefined);

    changes.length = 0;
    await docker.createVolume({ Name: `dh-pod-evv-${runId}`, Labels: { [TEST_LABEL]: runId } });
    await eventually('a Volumes group change (podman’s volume events name the volume in attributes)', 10_000, async () =>
      (await s.peekOrList('volume')).some((v) => v.name === `dh-pod-evv-${runId}`) ? true : undefined);
    await docker.getVolume(`dh-pod-evv-${runId}`).remove();
    await eventually('the volume to leave the cached list', 10_000, async () => (!(await s.peekOrList('volume')).some((v) => v.name === `dh-pod-evv-${runId}`) ? true : undefined));

    // Podman 4.3 sends no network create event: what the extension creates is re-read by changedWithoutEvent.
    changes.length = 0;
    const networkId = await createNetwork(s.engine, { name: `dh-pod-evn-${runId}`, labels: { [TEST_LABEL]: runId } });
    s.changedWithoutEvent('network');
    await eventually('the new network in the cached list', 10_000, () => (changes.some((c) => isGroup(c, 'network')) ? true : undefined));
    assert.ok((await s.peekOrList('network')).some((n) => n.name === `dh-pod-evn-${runId}`));
    const member = await createContainer(docker, runId, `dh-pod-evm-${runId}`);
    changes.length = 0;
    await connectContainer(s.engine, networkId, member.id);
    await eventually('a Networks repaint on connect (podman’s actor is the container)', 10_000, () => (changes.some((c) => isGroup(c, 'network')) ? true : undefined));
  });

  it('builds with the classic builder on its own (BuildKit refused in words when asked for)', async () => {
    const { session: s } = session();
    await s.connect();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-pod-build-'));
    try {
      writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nLABEL ${TEST_LABEL}=${runId}\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\n`);
      writeFileSync(path.join(dir, 'hello.txt'), 'hello from podman\n');
      const tag = `dh-pod-built-${runId}:1`;
      let builder: string | undefined;
      let output = '';
      const result = await buildImage(s.engine, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: [tag] }, { output: (text) => (output += text), builder: (b) => (builder = b) });
      assert.equal(builder, 'classic');
      assert.match(output, /hello from podman/, 'the RUN step ran and its output came back');
      assert.ok(result.imageId, `an image id: ${output}`);
      const inspected = await docker.getImage(tag).inspect();
      assert.equal(inspected.Config.Labels?.[TEST_LABEL], runId);
      await assert.rejects(
        buildImage(s.engine, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: [`${tag}b`], builder: 'buildkit' }, { output: () => undefined }),
        /cannot be used on Podman 4\.3\.\d+: Podman has no BuildKit/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('over SSH (a real sshd whose remote socket is the podman socket)', () => {
    let sshd: TestSshd;
    let temp: ReturnType<typeof tempDir>;
    let key: ClientKey;

    before(async () => {
      sshd = await TestSshd.start();
      temp = tempDir('dh-pod-ssh-');
      key = makeClientKey(temp.dir, 'id');
      sshd.authorize(key);
    });
    after(async () => {
      await sshd?.stop();
      temp?.cleanup();
    });

    it('connects through SSH forwarding to podman, reads its flavor, lists and stops a container', async () => {
      const container = await createContainer(docker, runId, `dh-pod-ssh-${runId}`);
      await container.start();
      const { session: s } = session(sshEndpoint(sshd, key, { remoteSocketPath: PODMAN_SOCKET }), { ssh: testSettings(temp.dir, recordingInteraction()) });
      await s.connect();
      assert.equal(s.state, 'running', s.error);
      assert.equal(s.version?.flavor.product, 'podman');
      assert.equal(s.address, `ssh://root@127.0.0.1:${sshd.port}${PODMAN_SOCKET}`);
      const listed = (await s.list('container')).find((c) => c.id === container.id);
      assert.equal(listed?.state, 'running');
      await runContainerAction(s.engine, container.id, 'stop');
      assert.equal(await podmanState(container.id), 'exited');
    });
  });
});
