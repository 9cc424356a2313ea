// How up converges a project that already exists on the real engine: scale up and down to
// `replicas`, an anonymous volume kept across a recreate, orphans warned about and removed when
// asked, a selected service brought up with its dependencies only, and a project that
// docker-compose (v1) made adopted by our up (recreated once, then left alone).
import * as assert from 'node:assert/strict';
import type { ComposeService } from '../../../src/core/compose/model/composeModel';
import { composeDown, composePs, composeRestart, composeUp, ComposeProgressEvent } from '../../../src/core/compose/engine/composeOperations';
import { loadComposeProject } from '../../../src/core/compose/model/loadProject';
import { BASE_IMAGE, cleanUp, eventually, TEST_LABEL } from '../../support/engine';
import { project } from '../../support/composeModels';
import { dockerComposeV1, leftOf, composeTestRun, sleeperService } from './composeSupport';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('compose up converges an existing project', function () {
  this.timeout(180_000);
  const { docker, runId, client, labels } = composeTestRun();
  const name = `dh-cconv-${runId.slice(-6)}`;
  const sleeper = sleeperService(labels);
  const names = async (): Promise<string[]> => (await composePs(client, name)).map((c) => `${c.name} ${c.state}`);

  /** Anonymous volumes carry no labels: the ones a test saw are removed by name. */
  const anonymousVolumes: string[] = [];
  after(async () => {
    await composeDown(client, name, { volumes: true }).catch(() => undefined);
    for (const volume of anonymousVolumes) await docker.getVolume(volume).remove().catch(() => undefined);
    await cleanUp(docker, runId);
    client.dispose();
  });

  it('scales a service up to its replicas (next numbers) and down again (highest numbers removed first)', async () => {
    await composeUp(client, project(name, [sleeper('web', { replicas: 3 })]));
    assert.deepEqual(await names(), [1, 2, 3].map((n) => `${name}-web-${n} running`));
    const first = (await composePs(client, name))[0]?.id;
    await composeUp(client, project(name, [sleeper('web', { replicas: 1 })]));
    assert.deepEqual(await names(), [`${name}-web-1 running`]);
    assert.equal((await composePs(client, name))[0]?.id, first, 'the remaining container was not recreated');
  });

  it('keeps an anonymous volume across a recreate', async () => {
    const withVolume = (greeting: string): ComposeService => sleeper('web', { environment: { GREETING: greeting }, volumes: [{ type: 'volume', target: '/keep', read_only: false }] });
    await composeUp(client, project(name, [withVolume('one')]));
    const before = await docker.getContainer(`${name}-web-1`).inspect();
    const volumeName = before.Mounts.find((m) => m.Destination === '/keep')?.Name;
    assert.ok(volumeName);
    anonymousVolumes.push(volumeName);
    await composeUp(client, project(name, [withVolume('two')]));
    const after = await docker.getContainer(`${name}-web-1`).inspect();
    assert.notEqual(after.Id, before.Id, 'recreated');
    assert.equal(after.Mounts.find((m) => m.Destination === '/keep')?.Name, volumeName);
  });

  it('recreates a container when its network aliases change, and only then', async () => {
    const withAliases = (aliases: string[]): ComposeService => sleeper('web', { networks: { default: { aliases } } });
    await composeDown(client, name);
    await composeUp(client, project(name, [withAliases(['api'])]));
    const before = await docker.getContainer(`${name}-web-1`).inspect();
    await composeUp(client, project(name, [withAliases(['api'])]));
    assert.equal((await docker.getContainer(`${name}-web-1`).inspect()).Id, before.Id, 'same network config: not recreated');
    await composeUp(client, project(name, [withAliases(['api', 'backend'])]));
    const after = await docker.getContainer(`${name}-web-1`).inspect();
    assert.notEqual(after.Id, before.Id, 'an alias added: recreated');
    assert.ok(after.NetworkSettings.Networks[`${name}_default`]?.Aliases?.includes('backend'));
  });

  it('restart of a service restarts its dependants with restart: true (v2), not those without', async () => {
    await composeDown(client, name);
    await composeUp(client, project(name, [
      sleeper('db'),
      sleeper('api', { depends_on: { db: { condition: 'service_started', restart: true, required: true } } }),
      sleeper('worker', { depends_on: { db: { condition: 'service_started', restart: false, required: true } } }),
    ]));
    const startedAt = async (service: string): Promise<string> => (await docker.getContainer(`${name}-${service}-1`).inspect()).State.StartedAt;
    const before = { db: await startedAt('db'), api: await startedAt('api'), worker: await startedAt('worker') };
    await composeRestart(client, name, { services: ['db'] });
    assert.notEqual(await startedAt('db'), before.db, 'db restarted');
    assert.notEqual(await startedAt('api'), before.api, 'api (restart: true) restarted with it');
    assert.equal(await startedAt('worker'), before.worker, 'worker (restart: false) left alone');
  });

  it('up that recreates a service restarts its running dependants with restart: true (not recreated), leaves those without alone', async () => {
    const services = (greeting: string): ComposeService[] => [
      sleeper('db', { environment: { GREETING: greeting } }),
      sleeper('api', { depends_on: { db: { condition: 'service_started', restart: true, required: true } } }),
      sleeper('worker', { depends_on: { db: { condition: 'service_started', restart: false, required: true } } }),
    ];
    await composeDown(client, name);
    await composeUp(client, project(name, services('one')));
    const state = async (service: string): Promise<{ id: string; startedAt: string }> => {
      const info = await docker.getContainer(`${name}-${service}-1`).inspect();
      return { id: info.Id, startedAt: info.State.StartedAt };
    };
    const before = { db: await state('db'), api: await state('api'), worker: await state('worker') };
    const events: ComposeProgressEvent[] = [];
    await composeUp(client, project(name, services('two')), { onProgress: (event) => events.push(event) });
    assert.notEqual((await state('db')).id, before.db.id, 'db recreated');
    const api = await state('api');
    assert.equal(api.id, before.api.id, 'api kept its container');
    assert.notEqual(api.startedAt, before.api.startedAt, 'api restarted after db was updated');
    assert.ok(events.some((e) => e.resource === `Container ${name}-api-1` && e.state === 'Restarted'), JSON.stringify(events));
    assert.deepEqual(await state('worker'), before.worker, 'worker (restart: false) neither recreated nor restarted');
    // Nothing changed: nothing restarts.
    await composeUp(client, project(name, services('two')));
    assert.equal((await state('api')).startedAt, api.startedAt, 'an up that updated nothing restarts nothing');
  });

  it('warns about orphans and removes them only when asked', async () => {
    await composeDown(client, name); // the project so far would add its own orphans
    await composeUp(client, project(name, [sleeper('web'), sleeper('old')]));
    const events: ComposeProgressEvent[] = [];
    await composeUp(client, project(name, [sleeper('web')]), { onProgress: (event) => events.push(event) });
    assert.ok(events.some((e) => e.state === 'Warning' && /orphan containers \(.*-old-1\)/.test(e.detail ?? '')));
    assert.ok((await names()).includes(`${name}-old-1 running`));
    await composeUp(client, project(name, [sleeper('web')]), { removeOrphans: true });
    assert.deepEqual(await names(), [`${name}-web-1 running`]);
  });

  it('up of selected services brings their dependencies, not the others', async () => {
    await composeDown(client, name);
    const p = project(name, [sleeper('db'), sleeper('web', { depends_on: { db: { condition: 'service_started', restart: false, required: true } } }), sleeper('other')]);
    await composeUp(client, p, { services: ['web'] });
    assert.deepEqual(await names(), [`${name}-db-1 running`, `${name}-web-1 running`]);
    await composeDown(client, name);
    assert.deepEqual(await leftOf(docker, name), { containers: 0, networks: 0, volumes: 0 });
  });

  it('mounts a file secret read-only, copies in a secret from a variable and an inline config (values never in labels or env)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-cconv-secret-'));
    writeFileSync(path.join(dir, 'token.txt'), 'from-file');
    const p = project(name, [sleeper('app', {
      // The engine logs a line once it ends: the echo ends it.
      command: ['sh', '-c', 'cat /run/secrets/token /run/secrets/api /etc/app.conf; echo; sleep 600'],
      secrets: [{ source: 'token' }, { source: 'api' }],
      configs: [{ source: 'conf', target: '/etc/app.conf' }],
    })], {
      secrets: { token: { name: 'token', file: path.join(dir, 'token.txt'), external: false }, api: { name: 'api', environment: 'API_KEY', external: false } },
      configs: { conf: { name: 'conf', content: '-inline-config', external: false } },
    });
    await composeDown(client, name);
    await composeUp(client, p, { environment: { API_KEY: '-from-variable' } });
    const info = await docker.getContainer(`${name}-app-1`).inspect();
    const tokenMount = info.Mounts.find((m) => m.Destination === '/run/secrets/token');
    assert.equal(tokenMount?.RW, false);
    const text = await eventually('the secrets printed', 10_000, async () => {
      const logs = String(await docker.getContainer(`${name}-app-1`).logs({ stdout: true, stderr: true }));
      return logs.includes('-inline-config') ? logs : undefined;
    });
    assert.match(text, /from-file-from-variable-inline-config/);
    assert.ok(!JSON.stringify(info.Config).includes('-from-variable'), 'the secret is in no label or variable');
    await assert.rejects(composeUp(client, p, { forceRecreate: true }), /Service "app": secret "api" has variable API_KEY, which is not set/);
    await composeDown(client, name);
  });

  it("resolves network_mode service:<name> to that service's container, and follows it when it is recreated", async () => {
    await composeDown(client, name);
    const started = { condition: 'service_started' as const, restart: true, required: true };
    const shared = (greeting: string) => project(name, [
      sleeper('web', { environment: { GREETING: greeting } }),
      sleeper('sidecar', { network_mode: 'service:web', depends_on: { web: started } }),
    ]);
    await composeUp(client, shared('one'));
    const web = await docker.getContainer(`${name}-web-1`).inspect();
    const sidecar = await docker.getContainer(`${name}-sidecar-1`).inspect();
    assert.equal(sidecar.HostConfig.NetworkMode, `container:${web.Id}`);
    await composeUp(client, shared('one'));
    assert.equal((await docker.getContainer(`${name}-sidecar-1`).inspect()).Id, sidecar.Id, 'nothing changed, nothing recreated');
    await composeUp(client, shared('two'));
    const newWeb = await docker.getContainer(`${name}-web-1`).inspect();
    const newSidecar = await docker.getContainer(`${name}-sidecar-1`).inspect();
    assert.notEqual(newSidecar.Id, sidecar.Id, 'the sidecar follows the recreated web');
    assert.equal(newSidecar.HostConfig.NetworkMode, `container:${newWeb.Id}`);
    assert.equal(newSidecar.State.Running, true);
    await composeDown(client, name);
  });

  it("adopts a project docker-compose (v1) made: recreated once (hashes differ), then nothing changes", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-cconv-v1-'));
    const file = path.join(dir, 'compose.yaml');
    writeFileSync(file, `services:\n  web:\n    image: ${BASE_IMAGE}\n    command: ["sleep", "600"]\n    stop_grace_period: 1s\n    labels: { ${TEST_LABEL}: ${runId} }\n`);
    await dockerComposeV1(dir, ['-p', name, 'up', '-d'], {});
    const v1Id = (await composePs(client, name))[0]?.id;
    assert.deepEqual(await names(), [`${name}_web_1 running`], 'v1 named it with underscores');
    const p = await loadComposeProject({ files: [file], environment: {}, projectName: name });
    await composeUp(client, p);
    const adopted = await composePs(client, name);
    assert.deepEqual(adopted.map((c) => `${c.name} ${c.state}`), [`${name}-web-1 running`]);
    assert.notEqual(adopted[0]?.id, v1Id);
    await composeUp(client, p);
    assert.equal((await composePs(client, name))[0]?.id, adopted[0]?.id, 'the second up leaves it alone');
    await composeDown(client, name);
    assert.deepEqual(await leftOf(docker, name), { containers: 0, networks: 0, volumes: 0 });
  });
});
