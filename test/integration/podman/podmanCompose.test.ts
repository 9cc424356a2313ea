// Compose on a Podman engine through the project's own compose engine (no compose binary): up
// makes the containers, the default network and a named volume on podman; ps sees them; down
// removes them all.
import * as assert from 'node:assert/strict';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { composeDown, composePs, composeUp } from '../../../src/core/compose/engine/composeOperations';
import { BASE_IMAGE, cleanUp, newRunId, TEST_LABEL } from '../../support/engine';
import { project, service, volume } from '../../support/composeModels';
import { PODMAN_ENDPOINT, podmanDocker, requirePodman } from '../../support/podman';
import { leftOf } from '../compose/composeSupport';

describe('compose on a Podman engine (real podman 4.3)', function () {
  this.timeout(120_000);
  const docker = podmanDocker();
  const runId = newRunId();
  const name = `dh-cpod-${runId.slice(-6)}`;
  const labels = { [TEST_LABEL]: runId };
  let client: EngineClient;

  before(() => {
    requirePodman();
    client = new EngineClient(PODMAN_ENDPOINT, { requestTimeoutMs: 20_000 });
  });
  after(async () => {
    await composeDown(client, name, { volumes: true }).catch(() => undefined);
    await cleanUp(docker, runId);
    client.dispose();
  });

  it('up makes two services, the default network and a named volume on podman; down removes them', async () => {
    const p = project(name, [
      service('db', { image: BASE_IMAGE, command: ['sleep', '600'], stop_grace_period: 1e9, labels, volumes: [{ type: 'volume', source: 'data', target: '/data', read_only: false }] }),
      service('web', { image: BASE_IMAGE, command: ['sleep', '600'], stop_grace_period: 1e9, labels, depends_on: { db: { condition: 'service_started', restart: false, required: true } } }),
    ], { volumes: { data: volume(`${name}_data`, { labels }) } });
    await composeUp(client, p);
    const running = (await composePs(client, name)).filter((c) => c.state === 'running').map((c) => c.service).sort();
    assert.deepEqual(running, ['db', 'web']);
    assert.deepEqual(await leftOf(docker, name), { containers: 2, networks: 1, volumes: 1 });
    await composeDown(client, name, { volumes: true });
    assert.deepEqual(await leftOf(docker, name), { containers: 0, networks: 0, volumes: 0 });
  });

  it('refuses a service_healthy dependency at once, naming the service, and makes nothing (podman here reports no health)', async () => {
    const p = project(name, [
      service('db', { image: BASE_IMAGE, command: ['sleep', '600'], labels, healthcheck: { test: ['CMD', 'true'], interval: 1e9, retries: 3 } }),
      service('api', { image: BASE_IMAGE, command: ['sleep', '600'], labels, depends_on: { db: { condition: 'service_healthy', restart: false, required: true } } }),
    ]);
    await assert.rejects(composeUp(client, p), (error: Error & { service?: string }) => {
      assert.equal(error.service, 'api');
      assert.match(error.message, /"api" waits for "db" to be healthy, but Podman reports no health checks here \(Podman 4\.3\.1\)/);
      return true;
    });
    assert.deepEqual(await leftOf(docker, name), { containers: 0, networks: 0, volumes: 0 });
  });
});
