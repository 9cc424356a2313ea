// Core against the real local engine: what the tree will show comes back with the right fields.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { describeEngineError } from '../../../src/core/util/errors';
import { BASE_IMAGE, cleanUp, createContainer, localDocker, newRunId, TEST_LABEL } from '../../support/engine';

describe('EngineClient against the real engine', () => {
  const docker = localDocker();
  const runId = newRunId();
  const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 10_000 });
  const names = { container: `dh-int-${runId}`, volume: `dh-int-vol-${runId}`, network: `dh-int-net-${runId}`, image: `dh-int/${runId}:v1` };

  before(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-build-'));
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN echo hello > /hello\n`);
    const stream: NodeJS.ReadableStream = await docker.buildImage({ context: dir, src: ['Dockerfile'] }, { t: names.image, labels: JSON.stringify({ [TEST_LABEL]: runId }) } as never) as never;
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve(undefined))));
    await docker.createVolume({ Name: names.volume, Labels: { [TEST_LABEL]: runId } });
    await docker.createNetwork({ Name: names.network, Driver: 'bridge', Labels: { [TEST_LABEL]: runId } });
    const container = await createContainer(docker, runId, names.container, {
      Image: names.image,
      Labels: { 'com.docker.compose.project': `proj-${runId}` },
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '0' }] }, Binds: [`${names.volume}:/data`] },
    });
    await container.start();
  });

  after(() => cleanUp(docker, runId));

  it('reports the engine version', async () => {
    const version = await client.version();
    assert.match(version.version, /^\d+\.\d+/);
    assert.match(version.apiVersion, /^1\.\d+$/);
  });

  it('lists a running container with its name, image, state, published port, compose project and volume', async () => {
    const found = (await client.listContainers()).find((c) => c.name === names.container);
    assert.ok(found, 'the container is listed');
    assert.equal(found.image, names.image);
    assert.equal(found.state, 'running');
    assert.match(found.status, /^Up /);
    assert.equal(found.composeProject, `proj-${runId}`);
    assert.deepEqual(found.volumeNames, [names.volume]);
    assert.equal(found.ports.length, 1, 'one entry for 0.0.0.0 and :: together');
    assert.equal(found.ports[0]?.containerPort, 80);
    assert.ok((found.ports[0]?.hostPort ?? 0) > 0);
    assert.equal(found.command, 'sleep 600');
  });

  it('lists one image entry per tag with size, age and labels', async () => {
    const found = (await client.listImages()).find((i) => i.tag === names.image);
    assert.ok(found);
    assert.ok(found.size > 0);
    assert.ok(Date.now() - found.created.getTime() < 10 * 60_000);
    assert.equal(found.labels[TEST_LABEL], runId);
  });

  it('lists the volume with driver and mountpoint, and the network with driver, scope and subnet', async () => {
    const volume = (await client.listVolumes()).find((v) => v.name === names.volume);
    assert.equal(volume?.driver, 'local');
    assert.match(volume?.mountpoint ?? '', new RegExp(`${names.volume}/_data$`));
    const networks = await client.listNetworks();
    const network = networks.find((n) => n.name === names.network);
    assert.equal(network?.driver, 'bridge');
    assert.equal(network?.scope, 'local');
    assert.equal(network?.builtIn, false);
    assert.ok((network?.subnets.length ?? 0) > 0, 'the engine assigned a subnet');
    assert.equal(networks.find((n) => n.name === 'bridge')?.builtIn, true);
  });

  it('inspects each kind as docker inspect does', async () => {
    const container = (await client.inspect('container', names.container)) as { Name: string; Config: { Labels: Record<string, string> } };
    assert.equal(container.Name, `/${names.container}`);
    assert.equal(container.Config.Labels[TEST_LABEL], runId);
    assert.equal(((await client.inspect('image', names.image)) as { RepoTags: string[] }).RepoTags[0], names.image);
    assert.equal(((await client.inspect('volume', names.volume)) as { Name: string }).Name, names.volume);
    assert.equal(((await client.inspect('network', names.network)) as { Name: string }).Name, names.network);
  });

  it("turns the engine's refusal into words", async () => {
    const error = await client.inspect('container', `missing-${runId}`).then(() => undefined, (e: unknown) => e);
    assert.match(describeEngineError(error, client.address), new RegExp(`answered 404: No such container: missing-${runId}`));
  });
});
