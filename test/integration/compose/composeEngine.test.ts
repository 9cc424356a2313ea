// Compose on the real local engine through our Engine API operations, the project read from its
// compose.yaml by the loader: the 4-service project of
// fourServiceProject.ts up (init completes, db becomes healthy, web is built and serves, worker
// follows), up again with nothing changed (no container recreated), one service changed (only
// it recreated), ps, the project list, logs (read and followed), stop/start, and down (nothing left).
import * as assert from 'node:assert/strict';
import {
  composeDown, composeLogs, composePs, composeStart, composeStop, composeUp, listComposeProjects, ComposeProgressEvent,
} from '../../../src/core/compose/engine/composeOperations';
import { BASE_IMAGE, cleanUp, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { writeFourServiceProject } from './fourServiceProject';
import { freePort, httpText, leftOf, localClient } from './composeSupport';
import { loadComposeProject } from '../../../src/core/compose/model/loadProject';
import type { ComposeProject } from '../../../src/core/compose/model/composeModel';

describe('compose up/down of a 4-service project on the real engine', function () {
  this.timeout(180_000);
  const docker = localDocker();
  const runId = newRunId();
  const name = `dh-compose-${runId.slice(-6)}`;
  const client = localClient();
  let folder: ReturnType<typeof writeFourServiceProject>;
  let webPort: number;
  const idsAfterUp = new Map<string, string>();

  before(async () => {
    webPort = await freePort();
    folder = writeFourServiceProject(runId, webPort);
  });
  after(async () => {
    await composeDown(client, name, { volumes: true, images: 'local' }).catch(() => undefined);
    await cleanUp(docker, runId);
    client.dispose();
  });

  // The file as the loader reads it; `greeting` is the one thing a test changes (worker's environment).
  const load = (greeting = 'hello'): Promise<ComposeProject> => loadComposeProject({ files: [folder.file], environment: { ...folder.environment, GREETING: greeting }, projectName: name });
  const idsByService = async (): Promise<Map<string, string>> => new Map((await composePs(client, name)).map((c) => [c.service, c.id]));

  it('up: init completes before db starts, db is healthy before web starts, web is built and serves, names and labels as v2 writes them', async () => {
    const events: ComposeProgressEvent[] = [];
    await composeUp(client, await load(), { onProgress: (event) => events.push(event) });
    const ps = await composePs(client, name);
    assert.deepEqual(ps.map((c) => `${c.name} ${c.state}`), [`${name}-db-1 running`, `${name}-init-1 exited`, `${name}-web-1 running`, `${name}-worker-1 running`]);
    assert.equal(ps.find((c) => c.service === 'init')?.exitCode, 0);
    assert.equal(ps.find((c) => c.service === 'db')?.health, 'healthy');
    assert.equal(await httpText(webPort), 'hello from web\n');
    const at = (resource: string, state: string): number => events.findIndex((e) => e.resource === resource && e.state === state);
    assert.ok(at(`Container ${name}-init-1`, 'Exited') >= 0 && at(`Container ${name}-init-1`, 'Exited') < at(`Container ${name}-db-1`, 'Started'), 'db started after init exited');
    assert.ok(at(`Container ${name}-db-1`, 'Healthy') >= 0 && at(`Container ${name}-db-1`, 'Healthy') < at(`Container ${name}-web-1`, 'Started'), 'web started after db was healthy');
    assert.ok(at(`Image ${name}-web`, 'Built') >= 0, 'the web image was built');
    assert.ok(at(`Network ${name}_front`, 'Created') >= 0 && at(`Volume ${name}_data`, 'Created') >= 0);

    const web = await docker.getContainer(`${name}-web-1`).inspect();
    assert.equal(web.Config.Image, `${name}-web`);
    assert.equal(web.Config.Labels['com.docker.compose.project'], name);
    assert.equal(web.Config.Labels['com.docker.compose.service'], 'web');
    assert.equal(web.Config.Labels['com.docker.compose.container-number'], '1');
    assert.equal(web.Config.Labels['com.docker.compose.oneoff'], 'False');
    assert.equal(web.Config.Labels['com.docker.compose.project.working_dir'], folder.dir);
    assert.equal(web.Config.Labels['com.docker.compose.project.config_files'], folder.file);
    assert.equal(web.Config.Labels['com.docker.compose.depends_on'], 'db:service_healthy:false');
    assert.match(web.Config.Labels['com.docker.compose.config-hash'] ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(Object.keys(web.NetworkSettings.Networks).sort(), [`${name}_back`, `${name}_front`]);
    assert.ok(web.Config.Env.includes('WEB_MODE=production') && web.Config.Env.includes('DB_HOST=database'));
    const db = await docker.getContainer(`${name}-db-1`).inspect();
    const aliases = db.NetworkSettings.Networks[`${name}_back`]?.Aliases ?? [];
    for (const alias of [`${name}-db-1`, 'db', 'database']) assert.ok(aliases.includes(alias), `db is reachable as ${alias} (${aliases.join(', ')})`);
    assert.deepEqual(db.Mounts.map((m) => `${m.Type} ${m.Name ?? ''} ${m.Destination}`), [`volume ${name}_data /data`]);
    const volume = await docker.getVolume(`${name}_data`).inspect();
    assert.equal(volume.Labels?.['com.docker.compose.volume'], 'data');
    assert.equal(volume.Labels?.['com.docker.compose.project'], name);
    const network = await docker.getNetwork(`${name}_front`).inspect() as { Labels: Record<string, string> };
    assert.equal(network.Labels['com.docker.compose.network'], 'front');
    // worker reaches web by its service name on the network they share.
    const exec = await docker.getContainer(`${name}-worker-1`).exec({ Cmd: ['wget', '-q', '-O', '-', 'http://web:8080/'], AttachStdout: true, Tty: true });
    const output = await new Promise<string>((resolve, reject) => exec.start({ hijack: true, Tty: true } as never, (error: unknown, stream: NodeJS.ReadableStream | undefined) => {
      if (error || !stream) return reject(error);
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      stream.on('end', () => resolve(text));
    }));
    assert.match(output, /hello from web/);
    for (const [service, id] of await idsByService()) idsAfterUp.set(service, id);
  });

  it('up again with nothing changed recreates nothing: every container keeps its id', async () => {
    const events: ComposeProgressEvent[] = [];
    await composeUp(client, await load(), { onProgress: (event) => events.push(event) });
    assert.deepEqual(await idsByService(), idsAfterUp);
    assert.deepEqual(events.filter((e) => e.state === 'Recreate' || e.state === 'Creating' || e.state === 'Building'), []);
  });

  it('a change to one service recreates only that service, which then has the new config', async () => {
    await composeUp(client, await load('changed'));
    const after = await idsByService();
    for (const service of ['init', 'db', 'web']) assert.equal(after.get(service), idsAfterUp.get(service), `${service} kept its container`);
    assert.notEqual(after.get('worker'), idsAfterUp.get('worker'), 'worker was recreated');
    const worker = await docker.getContainer(`${name}-worker-1`).inspect();
    assert.ok(worker.Config.Env.includes('GREETING=changed'));
    assert.equal(worker.State.Running, true);
  });

  it('lists the project with its working dir, files and services; merges the logs with the service of each line', async () => {
    const listed = (await listComposeProjects(client)).find((p) => p.name === name);
    assert.ok(listed, 'the project is listed');
    assert.equal(listed.workingDir, folder.dir);
    assert.deepEqual(listed.configFiles, [folder.file]);
    assert.deepEqual([...listed.services].sort(), ['db', 'init', 'web', 'worker']);
    const lines = [];
    for await (const line of composeLogs(client, name, { tail: 'all' })) lines.push(line);
    assert.ok(lines.some((l) => l.service === 'init' && l.container === `${name}-init-1` && l.text === 'seeding'), JSON.stringify(lines));
  });

  it('stop stops every container; start starts them again, waiting for the conditions the labels record', async () => {
    await composeStop(client, name);
    assert.deepEqual((await composePs(client, name)).filter((c) => c.state === 'running'), []);
    const events: ComposeProgressEvent[] = [];
    await composeStart(client, name, { onProgress: (event) => events.push(event) });
    const at = (resource: string, state: string): number => events.findIndex((e) => e.resource === resource && e.state === state);
    assert.ok(at(`Container ${name}-init-1`, 'Exited') >= 0 && at(`Container ${name}-init-1`, 'Exited') < at(`Container ${name}-db-1`, 'Started'), 'db started after init completed again');
    assert.ok(at(`Container ${name}-db-1`, 'Healthy') >= 0 && at(`Container ${name}-db-1`, 'Healthy') < at(`Container ${name}-web-1`, 'Started'), 'web started after db was healthy');
    const states = new Map((await composePs(client, name)).map((c) => [c.service, c.state]));
    assert.equal(states.get('web'), 'running');
    assert.equal(states.get('worker'), 'running');
  });

  it('follows the logs of every container until the reader stops, each line with its service', async () => {
    const seen = new Map<string, string>();
    const controller = new AbortController();
    let done = false;
    const following = (async () => {
      for await (const line of composeLogs(client, name, { follow: true, tail: 0, signal: controller.signal })) {
        if (line.text.startsWith('from-')) seen.set(line.service, line.text);
        if (seen.size === 2) break; // the reader stops: every stream is closed
      }
      done = true;
    })();
    // Lines written after the logs were opened: written again until seen, since nothing says when every stream is open.
    while (!done) {
      for (const service of ['db', 'worker'].filter((s) => !seen.has(s))) {
        const exec = await docker.getContainer(`${name}-${service}-1`).exec({ Cmd: ['sh', '-c', `echo from-${service} > /proc/1/fd/1`] });
        await exec.start({ Detach: true } as never);
      }
      await Promise.race([following, new Promise((resolve) => setTimeout(resolve, 300))]);
    }
    await following;
    controller.abort();
    assert.deepEqual([...seen].sort(), [['db', 'from-db'], ['worker', 'from-worker']]);
  });

  it('following, a restarted container is read again from where it died (its old lines not repeated), and a container started later is attached', async () => {
    const texts: string[] = [];
    const controller = new AbortController();
    const following = (async () => {
      for await (const line of composeLogs(client, name, { follow: true, tail: 0, services: ['worker'], signal: controller.signal })) texts.push(`${line.container}: ${line.text}`);
    })();
    const worker = docker.getContainer(`${name}-worker-1`);
    const say = async (text: string): Promise<void> => {
      const exec = await worker.exec({ Cmd: ['sh', '-c', `echo ${text} > /proc/1/fd/1`] });
      await exec.start({ Detach: true } as never);
    };
    const sayUntilSeen = async (text: string): Promise<void> => {
      for (let tries = 0; !texts.includes(`${name}-worker-1: ${text}`); tries += 1) {
        assert.ok(tries < 100, `${text} never came: ${JSON.stringify(texts)}`);
        await say(text);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    };
    try {
      await sayUntilSeen('before-restart');
      const before = texts.length;
      await worker.restart({ t: 1 });
      await sayUntilSeen('after-restart');
      assert.ok(!texts.slice(before).some((t) => t.endsWith(': before-restart')), `the old log was read again: ${JSON.stringify(texts)}`);
      // A second worker, as a scale would make it, started after the logs were opened.
      const second = await docker.createContainer({
        Image: BASE_IMAGE, name: `${name}-worker-2`, Cmd: ['sh', '-c', 'echo born; exec sleep 600'],
        Labels: { [TEST_LABEL]: runId, 'com.docker.compose.project': name, 'com.docker.compose.service': 'worker', 'com.docker.compose.container-number': '2', 'com.docker.compose.oneoff': 'False' },
      });
      await second.start();
      for (let waited = 0; !texts.includes(`${name}-worker-2: born`); waited += 200) {
        assert.ok(waited < 30_000, `the later container's line never came: ${JSON.stringify(texts)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      controller.abort();
      await following;
    }
  });

  it('down removes containers, networks, with volumes the named volume and with images "local" the built image', async () => {
    await composeDown(client, name, { volumes: true, images: 'local' });
    assert.deepEqual(await leftOf(docker, name), { containers: 0, networks: 0, volumes: 0 });
    await assert.rejects(docker.getImage(`${name}-web`).inspect(), /no such image/i);
  });
});
