// Image, volume and network operations against the real engine and a real registry on loopback.
import * as assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { execCommand } from '../../../src/core/engine/operations/containerOperations';
import {
  imageHistory, loadImages, pruneImages, pullImage, pushImage, removeImage, runImage, saveImages, tagImage,
} from '../../../src/core/engine/operations/imageOperations';
import { attachedContainers, connectContainer, createNetwork, disconnectContainer, pruneNetworks, removeNetwork } from '../../../src/core/engine/operations/networkOperations';
import { VolumeBrowser } from '../../../src/core/engine/operations/volumeBrowser';
import { createVolume, pruneVolumes, removeVolume } from '../../../src/core/engine/operations/volumeOperations';
import { describeEngineError } from '../../../src/core/util/errors';
import { BASE_IMAGE, cleanUp, createContainer, localDocker, newRunId, TEST_LABEL } from '../../support/engine';

const REGISTRY = '127.0.0.1:5000';

describe('image, volume and network operations against the real engine', () => {
  const docker = localDocker();
  const runId = newRunId();
  const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 20_000 });
  const label = `${TEST_LABEL}=${runId}`;
  after(async () => {
    await cleanUp(docker, runId);
    for (const tag of [`${REGISTRY}/dh-${runId}:v1`, `dh-tag-${runId}:v2`]) {
      await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    }
  });

  it('tags, pushes to a registry, removes and pulls back with per-layer progress', async () => {
    const target = `${REGISTRY}/dh-${runId}:v1`;
    // An image with a layer of its own, so that the pull has something to download.
    const maker = await createContainer(docker, runId, `dh-layer-${runId}`, { Cmd: ['sh', '-c', `echo ${runId} > /unique`] });
    await maker.start();
    await maker.wait();
    await maker.commit({ repo: `${REGISTRY}/dh-${runId}`, tag: 'v1' });
    await maker.remove();
    const pushed: string[] = [];
    let fraction = 0;
    await pushImage(client, target, undefined, (p) => {
      fraction = p.fraction;
      pushed.push(...p.lines());
    });
    assert.equal(fraction, 1, `push progress reached 100%:\n${pushed.join('\n')}`);
    await removeImage(client, target, false);
    const pulled: string[] = [];
    await pullImage(client, target, undefined, (p) => pulled.push(...p.lines()));
    assert.ok(pulled.some((line) => /Pull complete/.test(line)), pulled.join('\n'));
    assert.ok(pulled.some((line) => /Already exists/.test(line)), 'the base layers were not downloaded again');
    assert.ok(await docker.getImage(target).inspect());
  });

  it('fails a pull of an image that does not exist with the registry’s reason', async () => {
    await assert.rejects(pullImage(client, `${REGISTRY}/dh-missing-${runId}:nope`, undefined, () => undefined), /not found|manifest unknown/i);
  });

  it('refuses to remove an image a container uses, in words, unless forced', async () => {
    // An image of its own with a single tag, used by a (stopped) container.
    const maker = await createContainer(docker, runId, `dh-used-maker-${runId}`);
    await maker.commit({ repo: `dh-used-${runId}`, tag: 'v1', changes: [`LABEL ${TEST_LABEL}=${runId}`] } as never);
    await createContainer(docker, runId, `dh-img-user-${runId}`, { Image: `dh-used-${runId}:v1` });
    const refusal = await removeImage(client, `dh-used-${runId}:v1`, false).then(() => undefined, (e: unknown) => e);
    assert.match(describeEngineError(refusal, client.address), /answered 409: .*must force.*container .* is using its referenced image/);
    await removeImage(client, `dh-used-${runId}:v1`, true);
    await assert.rejects(docker.getImage(`dh-used-${runId}:v1`).inspect(), /no such image/i);
  });

  it('shows history, saves to a tar file and loads it back', async () => {
    const history = await imageHistory(client, BASE_IMAGE);
    assert.ok(history.some((row) => row.createdBy.includes('busybox')));
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-save-')), 'image.tar');
    await saveImages(client, [BASE_IMAGE], file);
    assert.ok(statSync(file).size > 100_000);
    const loaded = await loadImages(client, file);
    assert.deepEqual(loaded, [BASE_IMAGE]);
  });

  it('runs an image with name, port, env, volume, network, command and restart policy', async () => {
    await createNetwork(client, { name: `dh-run-net-${runId}`, labels: { [TEST_LABEL]: runId } });
    const id = await runImage(client, {
      image: BASE_IMAGE,
      name: `dh-run-${runId}`,
      ports: ['127.0.0.1::8080'],
      env: ['GREETING=hello world'],
      volumes: [`dh-run-vol-${runId}:/data`],
      network: `dh-run-net-${runId}`,
      command: 'sh -c "echo $GREETING > /data/g; sleep 600"',
      restart: 'unless-stopped',
    });
    await docker.getContainer(id).update({ Labels: {} } as never).catch(() => undefined);
    const info = await docker.getContainer(id).inspect();
    assert.equal(info.State.Status, 'running');
    assert.equal(info.HostConfig.RestartPolicy?.Name, 'unless-stopped');
    assert.ok(info.NetworkSettings.Networks[`dh-run-net-${runId}`]);
    assert.ok(Number(info.NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort) > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await execCommand(client, id, ['cat', '/data/g'])).output, 'hello world\n');
    await docker.getContainer(id).remove({ force: true });
    await docker.getVolume(`dh-run-vol-${runId}`).remove();
  });

  it('refuses a malformed run option before anything is created', async () => {
    await assert.rejects(runImage(client, { image: BASE_IMAGE, ports: ['80:eighty'] }), /is not \[ip:\]hostPort:containerPort/);
    await assert.rejects(tagImage(client, BASE_IMAGE, 'Not A Tag'), /lowercase repository\[:tag\]/);
  });

  it('creates a volume, refuses to remove it while used, browses its files through a helper container', async () => {
    const volume = `dh-vol-${runId}`;
    await createVolume(client, { name: volume, labels: { [TEST_LABEL]: runId } });
    const user = await createContainer(docker, runId, `dh-vol-user-${runId}`, { HostConfig: { Binds: [`${volume}:/data`] } });
    await user.start();
    await execCommand(client, user.id, ['sh', '-c', 'mkdir -p /data/conf && echo "port=80" > /data/conf/app.ini && echo hi > /data/readme']);
    const refusal = await removeVolume(client, volume).then(() => undefined, (e: unknown) => e);
    assert.match(describeEngineError(refusal, client.address), /409: .*in use/);
    const browser = await VolumeBrowser.open(client, volume, await client.listImages());
    assert.deepEqual(await browser.list(), [{ name: 'conf', directory: true }, { name: 'readme', directory: false }]);
    assert.deepEqual(await browser.list('conf'), [{ name: 'app.ini', directory: false }]);
    assert.equal((await browser.read('conf/app.ini')).toString(), 'port=80\n');
    await assert.rejects(browser.list('../../etc'), /\/volume\/etc: No such file/, '.. cannot climb out of the volume');
  });

  it('says plainly when no image can serve as the browsing helper', async () => {
    await assert.rejects(VolumeBrowser.open(client, 'whatever', []), /needs an image with \/bin\/ls/);
  });

  it('prunes unused volumes and networks with a label filter', async () => {
    await createVolume(client, { name: `dh-prune-vol-${runId}`, labels: { [TEST_LABEL]: runId } });
    await createNetwork(client, { name: `dh-prune-net-${runId}`, labels: { [TEST_LABEL]: runId } });
    assert.ok((await pruneVolumes(client, label)).deleted.includes(`dh-prune-vol-${runId}`));
    assert.ok((await pruneNetworks(client, label)).deleted.includes(`dh-prune-net-${runId}`));
    assert.ok((await pruneImages(client, 'dangling', label)).spaceReclaimed >= 0);
  });

  it('creates a network with subnet and gateway, connects and disconnects a container, removes it', async () => {
    const id = await createNetwork(client, { name: `dh-net-${runId}`, subnet: '172.31.250.0/24', gateway: '172.31.250.1', attachable: true, labels: { [TEST_LABEL]: runId } });
    const container = await createContainer(docker, runId, `dh-net-user-${runId}`);
    await container.start();
    await connectContainer(client, id, container.id);
    const attached = await attachedContainers(client, id);
    assert.equal(attached[0]?.name, `dh-net-user-${runId}`);
    assert.match(attached[0]?.ipv4 ?? '', /^172\.31\.250\.\d+\/24$/);
    await disconnectContainer(client, id, container.id);
    assert.deepEqual(await attachedContainers(client, id), []);
    await removeNetwork(client, id);
    await assert.rejects(createNetwork(client, { name: 'x', subnet: '10.0.0.0' }), /address\/prefix/);
  });

  it('refuses to remove a built-in network, in the engine’s words', async () => {
    const bridge = (await client.listNetworks()).find((n) => n.name === 'bridge');
    assert.ok(bridge);
    const refusal = await removeNetwork(client, bridge.id).then(() => undefined, (e: unknown) => e);
    assert.match(describeEngineError(refusal, client.address), /answered 403: .*bridge is a pre-defined network and cannot be removed/);
  });

  it('prunes with nothing to prune and says so with empty results', async () => {
    const nothing = `${TEST_LABEL}=nothing-${runId}`;
    assert.deepEqual(await pruneVolumes(client, nothing), { deleted: [], spaceReclaimed: 0 });
    assert.deepEqual((await pruneNetworks(client, nothing)).deleted, []);
    assert.deepEqual((await pruneImages(client, 'dangling', nothing)).deleted, []);
  });
});
