// The same compose.yaml brought up by us and by the reference on the same engine — Debian's
// docker-compose 1.29.2 (v1) under another project name — gives containers that agree on what v1
// and v2 agree on: environment, command, mounts, published ports, networks and aliases from the
// file, healthcheck, restart policy and stop timeout.
//
// Where v2 (and so we) differ from v1, normalised below before comparing:
// - names: v1 names containers `<project>_<service>_<n>` and a built image `<project>_<service>`;
//   v2 uses '-' (`<project>-<service>-<n>`, `<project>-<service>`). Networks and volumes are
//   `<project>_<key>` in both.
// - labels: v1 writes com.docker.compose.version=1.29.2 and its own config-hash; v2 adds
//   depends_on, image, and writes its own hash (hashes never match across tools; see configHash.ts).
// - aliases: v2 adds the container name to each network's aliases; both add the service name and
//   the file's aliases (and the engine adds the short container id).
import * as assert from 'node:assert/strict';
import Docker from 'dockerode';
import { composeDown, composeUp } from '../../../src/core/compose/engine/composeOperations';
import { loadComposeProject } from '../../../src/core/compose/model/loadProject';
import { cleanUp, localDocker, newRunId } from '../../support/engine';
import { writeFourServiceProject } from './fourServiceProject';
import { dockerComposeV1, freePort, leftOf, localClient } from './composeSupport';

/** One container as both tools should have made it, with names normalised to `P` for the project. */
function comparable(info: Docker.ContainerInspectInfo, project: string, separator: '-' | '_'): Record<string, unknown> {
  const strip = (text: string): string => text.split(project).join('P');
  const containerName = info.Name.replace(/^\//, '');
  return {
    name: strip(containerName).split(separator).join('-'),
    image: strip(info.Config.Image).split(separator).join('-'),
    env: [...info.Config.Env].sort(),
    cmd: info.Config.Cmd,
    healthcheck: info.Config.Healthcheck,
    stopTimeout: (info.Config as { StopTimeout?: number }).StopTimeout,
    restart: info.HostConfig.RestartPolicy?.Name === '' ? 'no' : info.HostConfig.RestartPolicy?.Name,
    mounts: info.Mounts.map((m) => `${m.Type} ${strip(m.Name ?? m.Source)} ${m.Destination} ${m.RW ? 'rw' : 'ro'}`).sort(),
    ports: Object.fromEntries(Object.entries(info.HostConfig.PortBindings ?? {}).map(([port, bindings]) => [port, (bindings as { HostIp: string }[]).map((b) => b.HostIp || '0.0.0.0')])),
    exposed: Object.keys(info.Config.ExposedPorts ?? {}).sort(),
    networks: Object.fromEntries(Object.entries(info.NetworkSettings.Networks).map(([network, endpoint]) => [
      strip(network),
      (endpoint.Aliases ?? []).filter((alias: string) => alias !== containerName && !info.Id.startsWith(alias)).sort(),
    ])),
    state: info.State.Status,
  };
}

describe('compose: ours and docker-compose 1.29.2 (v1) make the same containers from one file', function () {
  this.timeout(240_000);
  const docker = localDocker();
  const runId = newRunId();
  const ours = `dh-cv2-${runId.slice(-6)}`;
  const theirs = `dh-cv1-${runId.slice(-6)}`;
  const client = localClient();
  let folder: ReturnType<typeof writeFourServiceProject>;
  let theirPort: number;

  before(async () => {
    folder = writeFourServiceProject(runId, await freePort());
    theirPort = await freePort();
  });
  after(async () => {
    await dockerComposeV1(folder.dir, ['-p', theirs, 'down', '-v', '--rmi', 'local'], { ...folder.environment, WEB_PORT: String(theirPort) }).catch(() => undefined);
    await composeDown(client, ours, { volumes: true, images: 'local' }).catch(() => undefined);
    await cleanUp(docker, runId);
    client.dispose();
  });

  it('env, command, mounts, ports, networks, aliases, healthcheck, restart and stop timeout agree for every service', async () => {
    await dockerComposeV1(folder.dir, ['-p', theirs, 'up', '-d'], { ...folder.environment, WEB_PORT: String(theirPort) });
    await composeUp(client, await loadComposeProject({ files: [folder.file], environment: folder.environment, projectName: ours }));
    const compared: Record<string, unknown>[] = [];
    for (const service of ['init', 'db', 'web', 'worker']) {
      const mine = comparable(await docker.getContainer(`${ours}-${service}-1`).inspect(), ours, '-');
      const reference = comparable(await docker.getContainer(`${theirs}_${service}_1`).inspect(), theirs, '_');
      assert.deepEqual(mine, reference, `service ${service}`);
      compared.push(mine);
    }
    // The comparison saw the file's content, not two empty shapes.
    const [, db, web] = compared as { env: string[]; networks: Record<string, string[]>; mounts: string[]; ports: object; healthcheck: unknown }[];
    assert.ok(db?.env.includes('DB_NAME=shop') && db.healthcheck !== undefined);
    assert.deepEqual(db?.networks, { P_back: ['database', 'db'] });
    assert.deepEqual(db?.mounts, ['volume P_data /data rw']);
    assert.deepEqual(web?.ports, { '8080/tcp': ['0.0.0.0'] });
  });

  it('our down removes what v1 made too (found by the labels), and v1 sees nothing of ours left', async () => {
    await composeDown(client, theirs, { volumes: true });
    assert.deepEqual(await leftOf(docker, theirs), { containers: 0, networks: 0, volumes: 0 });
    await composeDown(client, ours, { volumes: true, images: 'local' });
    assert.deepEqual(await leftOf(docker, ours), { containers: 0, networks: 0, volumes: 0 });
  });
});
