// Compose up failing on the real engine: a dependency that never becomes healthy, an init that
// exits 1, a published port already in use, a build that fails, a missing image, a network that
// exists with other settings, a depends_on cycle, a cancelled wait. Each stops with one error
// naming the service (the network, for the network), and down removes whatever was made.
import * as assert from 'node:assert/strict';
import { createServer, Server } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ComposeProject, ComposeService } from '../../../src/core/compose/model/composeModel';
import { composeDown, composeUp, ComposeProgressEvent, ComposeServiceError } from '../../../src/core/compose/engine/composeOperations';
import { BASE_IMAGE, cleanUp } from '../../support/engine';
import { project, service } from '../../support/composeModels';
import { leftOf, composeTestRun, sleeperService } from './composeSupport';

describe('compose up failures name the service, and down cleans up after them', function () {
  this.timeout(120_000);
  const { docker, runId, client, labels } = composeTestRun();
  let count = 0;
  const names: string[] = [];
  const sleeper = sleeperService(labels);
  const newProject = (services: ComposeService[]): ComposeProject => {
    const name = `dh-cfail-${runId.slice(-6)}-${++count}`;
    names.push(name);
    return project(name, services);
  };
  const dependsOn = (name: string, condition: 'service_healthy' | 'service_completed_successfully') => ({ [name]: { condition, restart: false, required: true } });

  /** up must fail with a ComposeServiceError for `service` whose message matches; then down leaves nothing. */
  async function failsThenCleans(p: ComposeProject, serviceName: string, message: RegExp, containersMade?: number): Promise<void> {
    const failure = await composeUp(client, p, { waitTimeoutMs: 20_000 }).then(() => undefined, (e: unknown) => e);
    assert.ok(failure instanceof ComposeServiceError, `expected a ComposeServiceError, got ${String(failure)}`);
    assert.equal(failure.service, serviceName);
    assert.match(failure.message, message);
    assert.ok(failure.message.includes(`"${serviceName}"`), `the message names the service: ${failure.message}`);
    if (containersMade !== undefined) assert.equal((await leftOf(docker, p.name)).containers, containersMade, 'containers made before the failure');
    await composeDown(client, p.name, { volumes: true });
    assert.deepEqual(await leftOf(docker, p.name), { containers: 0, networks: 0, volumes: 0 });
  }

  after(async () => {
    for (const name of names) await composeDown(client, name, { volumes: true }).catch(() => undefined);
    await cleanUp(docker, runId);
    client.dispose();
  });

  it('a dependency whose healthcheck never passes: one error naming it, the dependant never created', async () => {
    const p = newProject([
      sleeper('db', { healthcheck: { test: ['CMD', 'false'], interval: 300e6, timeout: 1e9, retries: 2 } }),
      sleeper('web', { depends_on: dependsOn('db', 'service_healthy') }),
    ]);
    await failsThenCleans(p, 'db', /dependency "db" failed its healthcheck/, 1);
  });

  it('a healthy dependency without a healthcheck is an error naming it', async () => {
    const p = newProject([sleeper('db'), sleeper('web', { depends_on: dependsOn('db', 'service_healthy') })]);
    await failsThenCleans(p, 'db', /has no healthcheck/);
  });

  it('an init service that exits 1: the error names it and the exit code', async () => {
    const p = newProject([
      sleeper('init', { command: ['sh', '-c', 'exit 1'] }),
      sleeper('web', { depends_on: dependsOn('init', 'service_completed_successfully') }),
    ]);
    await failsThenCleans(p, 'init', /Service "init" didn't complete successfully: exit 1/);
  });

  it('a published port already in use: the error names the service and says why', async () => {
    const server: Server = await new Promise((resolve) => {
      const s = createServer();
      s.listen(0, '0.0.0.0', () => resolve(s));
    });
    try {
      const port = (server.address() as { port: number }).port;
      const p = newProject([sleeper('web', { ports: [{ target: 80, published: String(port), protocol: 'tcp', mode: 'ingress' }] })]);
      await failsThenCleans(p, 'web', /container .*web-1 could not start: .*(address already in use|port is already allocated)/);
    } finally {
      server.close();
    }
  });

  it('a build that fails: the error names the service and the failing step', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-cfail-build-'));
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN echo about to fail && exit 3\n`);
    const p = newProject([
      sleeper('db'),
      service('web', { build: { context: dir, dockerfile: 'Dockerfile', args: {}, labels, cache_from: [], tags: [] }, labels }),
    ]);
    await failsThenCleans(p, 'web', /Service "web": building image .*-web failed: .*exit code: 3/);
  });

  it('an image that is nowhere (pull_policy never): the error names the service', async () => {
    const p = newProject([sleeper('web', { image: `dh-missing-${runId}:none`, pull_policy: 'never' })]);
    await failsThenCleans(p, 'web', /image dh-missing-.* is not on the machine/);
  });

  it('an existing network of the project\'s name: used with a warning when it matches the file, refused when it differs', async () => {
    const p = newProject([sleeper('web')]);
    const network = await docker.createNetwork({ Name: `${p.name}_default`, Labels: labels });
    const events: ComposeProgressEvent[] = [];
    await composeUp(client, p, { onProgress: (event) => events.push(event) });
    assert.ok(events.some((e) => e.resource === `Network ${p.name}_default` && e.state === 'Warning' && /not created for project/.test(e.detail ?? '')));
    await composeDown(client, p.name);
    await network.remove();
    const internal = await docker.createNetwork({ Name: `${p.name}_default`, Internal: true, Labels: labels });
    await assert.rejects(composeUp(client, p), /Network ".*_default" exists with internal true, but the file says false: remove it \(down\) or declare it external/);
    await internal.remove();
    assert.deepEqual(await leftOf(docker, p.name), { containers: 0, networks: 0, volumes: 0 });
  });

  it('a depends_on cycle: nothing is made at all', async () => {
    const p = newProject([
      sleeper('a', { depends_on: { b: { condition: 'service_started', restart: false, required: true } } }),
      sleeper('b', { depends_on: { a: { condition: 'service_started', restart: false, required: true } } }),
    ]);
    await assert.rejects(composeUp(client, p), /cycle among services a, b/);
    assert.deepEqual(await leftOf(docker, p.name), { containers: 0, networks: 0, volumes: 0 });
  });

  it('cancelling while waiting for a dependency stops the wait; down cleans up what was started', async () => {
    const p = newProject([
      sleeper('db', { healthcheck: { test: ['CMD', 'sh', '-c', 'sleep 30'], interval: 60e9, timeout: 60e9, retries: 1 } }),
      sleeper('web', { depends_on: dependsOn('db', 'service_healthy') }),
    ]);
    const controller = new AbortController();
    const up = composeUp(client, p, { signal: controller.signal, onProgress: (event) => event.state === 'Waiting' && controller.abort() });
    await assert.rejects(up, (e: unknown) => (e as { name?: string }).name === 'AbortError' || /abort/i.test(String(e)));
    assert.equal((await leftOf(docker, p.name)).containers, 1, 'db was made, web was not');
    await composeDown(client, p.name);
    assert.deepEqual(await leftOf(docker, p.name), { containers: 0, networks: 0, volumes: 0 });
  });
});
