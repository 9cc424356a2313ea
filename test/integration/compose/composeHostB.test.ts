// Compose up and down on host B over its one SSH connection: the project lands on host B's engine
// only (containers, default network, named volume, a healthy dependency waited for), and down
// from the labels removes it all.
import * as assert from 'node:assert/strict';
import Docker from 'dockerode';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { composeDown, composePs, composeUp } from '../../../src/core/compose/engine/composeOperations';
import { BASE_IMAGE, cleanUp, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';
import { project, service, volume } from '../../support/composeModels';
import { hostBOverSsh, leftOf } from './composeSupport';

describe('compose on host B over SSH', function () {
  this.timeout(120_000);
  const hostB = new Docker({ socketPath: HOSTB.engine.socketPath });
  const runId = newRunId();
  const name = `dh-cssh-${runId.slice(-6)}`;
  const labels = { [TEST_LABEL]: runId };
  let client: EngineClient;

  before(async () => {
    await ensureTestHosts();
    client = hostBOverSsh();
  });
  after(async () => {
    await composeDown(client, name, { volumes: true }).catch(() => undefined);
    await cleanUp(hostB, runId);
    client.dispose();
  });

  it('up puts the project on host B only, waiting for the healthy dependency; down removes it all', async () => {
    const p = project(name, [
      service('db', {
        image: BASE_IMAGE, command: ['sleep', '600'], stop_grace_period: 1e9, labels,
        volumes: [{ type: 'volume', source: 'data', target: '/data', read_only: false }],
        healthcheck: { test: ['CMD', 'true'], interval: 300e6, retries: 5 },
      }),
      service('web', { image: BASE_IMAGE, command: ['sleep', '600'], stop_grace_period: 1e9, labels, depends_on: { db: { condition: 'service_healthy', restart: false, required: true } } }),
    ], { volumes: { data: volume(`${name}_data`, { labels }) } });
    await composeUp(client, p);
    const ps = await composePs(client, name);
    assert.deepEqual(ps.map((c) => `${c.name} ${c.state} ${c.health}`), [`${name}-db-1 running healthy`, `${name}-web-1 running `]);
    assert.deepEqual(await leftOf(hostB, name), { containers: 2, networks: 1, volumes: 1 });
    assert.deepEqual(await leftOf(localDocker(), name), { containers: 0, networks: 0, volumes: 0 }, 'nothing on the local engine');
    await composeDown(client, name, { volumes: true });
    assert.deepEqual(await leftOf(hostB, name), { containers: 0, networks: 0, volumes: 0 });
  });
});
