// Compose pull and build on the real engine: build tags each service's image as v2 names it
// (`<project>-<service>`, or its `image:`), skipping services without a build section; pull names
// the service whose image cannot be had, and with ignoreFailures carries on.
import * as assert from 'node:assert/strict';
import type { ComposeService } from '../../../src/core/compose/model/composeModel';
import { composeBuild, composePull, ComposeProgressEvent, ComposeServiceError } from '../../../src/core/compose/engine/composeOperations';
import { BASE_IMAGE, cleanUp } from '../../support/engine';
import { buildProject } from '../../support/buildProject';
import { project, service } from '../../support/composeModels';
import { composeTestRun } from './composeSupport';

describe('compose pull and build on the real engine', function () {
  this.timeout(120_000);
  const { docker, runId, client, labels } = composeTestRun();
  const name = `dh-cpb-${runId.slice(-6)}`;
  const built = (svc: string, fields: Partial<ComposeService> = {}): ComposeService => {
    const { dir } = buildProject(`FROM ${BASE_IMAGE}\nRUN echo ${svc} > /which\n`, {}, 'dh-cpb-');
    return service(svc, { build: { context: dir, dockerfile: 'Dockerfile', args: {}, labels, cache_from: [], tags: [] }, labels, ...fields });
  };

  after(async () => {
    await cleanUp(docker, runId);
    client.dispose();
  });

  it('build tags <project>-<service>, or the image the service names, and skips services without a build', async () => {
    const events: ComposeProgressEvent[] = [];
    const named = `dh-cpb-named-${runId}:1`;
    await composeBuild(client, project(name, [built('api'), built('web', { image: named }), service('db', { image: BASE_IMAGE })]), { onProgress: (event) => events.push(event) });
    assert.ok((await docker.getImage(`${name}-api`).inspect()).Id);
    assert.ok((await docker.getImage(named).inspect()).Id);
    assert.deepEqual(events.filter((e) => e.state === 'Built').map((e) => e.resource).sort(), [`Image ${name}-api`, `Image ${named}`]);
  });

  it('pull names the service whose image cannot be pulled; ignoreFailures carries on; build-only services are skipped', async () => {
    const p = project(name, [service('web', { image: `127.0.0.1:1/dh-nowhere-${runId}:x` }), built('api')]);
    const failure = await composePull(client, p).then(() => undefined, (e: unknown) => e);
    assert.ok(failure instanceof ComposeServiceError);
    assert.equal(failure.service, 'web');
    assert.match(failure.message, /^Service "web": pulling image 127\.0\.0\.1:1\/dh-nowhere-.* failed: /);
    const events: ComposeProgressEvent[] = [];
    await composePull(client, p, { ignoreFailures: true, onProgress: (event) => events.push(event) });
    assert.ok(events.some((e) => e.service === 'api' && e.state === 'Skipped'));
    assert.ok(events.some((e) => e.service === 'web' && e.state === 'Error'));
  });
});
