// Classic builds on the real engine, chosen explicitly (BuildKit is what 'auto' picks here; see
// buildkitBuild.test.ts): multi-stage with args and a target, failures mapped to the right
// Dockerfile line, and a cancelled build that leaves nothing running and nothing tagged.
import * as assert from 'node:assert/strict';
import { BuildFailure, buildImage } from '../../../src/core/build/buildImage';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { buildProject } from '../../support/buildProject';
import { BASE_IMAGE, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';

const docker = localDocker();
const runId = newRunId();
const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 20_000 });
const labels = { [TEST_LABEL]: runId };

const project = (dockerfile: string, files: Record<string, string> = {}): { dir: string; dockerfile: string } => buildProject(dockerfile, files, 'dh-build-');

describe('buildImage against the real engine (classic builder, chosen)', function () {
  this.timeout(120_000);
  after(async () => {
    for (const image of await docker.listImages({ filters: { label: [`${TEST_LABEL}=${runId}`] } })) {
      for (const tag of image.RepoTags ?? []) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    }
    await docker.pruneImages({ filters: { label: [`${TEST_LABEL}=${runId}`], dangling: ['true'] } });
  });

  it('builds a multi-stage Dockerfile with build args and a target, tagging it twice', async () => {
    const { dir, dockerfile } = project(
      [`FROM ${BASE_IMAGE} AS base`, 'ARG GREETING=hi', 'RUN echo "$GREETING" > /greeting', `FROM ${BASE_IMAGE} AS final`, 'COPY --from=base /greeting /greeting', 'COPY app.txt /app.txt', `FROM ${BASE_IMAGE} AS unused`, 'RUN exit 1'].join('\n'),
      { 'app.txt': 'app\n' },
    );
    const output: string[] = [];
    const tags = [`dh-build-${runId}:1`, `dh-build-${runId}:latest`];
    const result = await buildImage(client, { contextDir: dir, dockerfile, tags, buildArgs: { GREETING: 'hello from args' }, target: 'final', labels, builder: 'classic' }, { output: (t) => output.push(t) });
    assert.match(result.imageId ?? '', /^(sha256:)?[0-9a-f]{12,}/);
    const image = await docker.getImage(tags[0] as string).inspect();
    assert.deepEqual([...image.RepoTags].sort(), [...tags].sort());
    const container = await docker.createContainer({ Image: tags[0], Cmd: ['cat', '/greeting', '/app.txt'], Labels: labels });
    await container.start();
    await container.wait();
    const logs = (await container.logs({ stdout: true })) as unknown as Buffer;
    await container.remove();
    assert.match(logs.toString(), /hello from args[\s\S]*app/);
    assert.ok(output.some((line) => /Step \d+\/\d+ : COPY app.txt/.test(line)));
  });

  it('maps a failing step to its Dockerfile line (continuations counted)', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, '# a comment', 'RUN echo one \\', '    && echo two', '', 'RUN echo three && exit 3', 'RUN echo never'].join('\n'));
    const failure = await buildImage(client, { contextDir: dir, dockerfile, tags: [], labels, builder: 'classic' }, { output: () => undefined }).then(() => undefined, (e: unknown) => e);
    assert.ok(failure instanceof BuildFailure, String(failure));
    assert.equal(failure.step, 3);
    assert.equal(failure.line, 6);
    assert.match(failure.message, /returned a non-zero code: 3/);
  });

  it('maps a parse error to the line the engine names', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'RUN true', 'FOO bar'].join('\n'));
    const failure = await buildImage(client, { contextDir: dir, dockerfile, tags: [], labels, builder: 'classic' }, { output: () => undefined }).then(() => undefined, (e: unknown) => e);
    assert.ok(failure instanceof BuildFailure, String(failure));
    assert.equal(failure.line, 3);
    assert.match(failure.message, /unknown instruction: FOO/i);
  });

  it('cancels a long build: the engine stops it and nothing is tagged', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, `RUN echo ${runId} && sleep 60`].join('\n'));
    const controller = new AbortController();
    const tag = `dh-cancel-${runId}:x`;
    const building = buildImage(client, { contextDir: dir, dockerfile, tags: [tag], labels, builder: 'classic' }, { output: () => undefined }, controller.signal);
    const running = async (): Promise<boolean> => (await docker.listContainers()).some((c) => c.Command.includes(runId));
    await eventually('the RUN step to be running', 20_000, async () => ((await running()) ? true : undefined));
    controller.abort();
    await assert.rejects(building, /cancel/i);
    await eventually('the build container to be gone', 20_000, async () => ((await running()) ? undefined : true));
    await assert.rejects(docker.getImage(tag).inspect(), /no such image/i);
  });

  it('uploads the context with progress up to its full size', async () => {
    const { dir, dockerfile } = project(`FROM ${BASE_IMAGE}\nCOPY big.bin /big.bin\n`, { 'big.bin': 'x'.repeat(3_000_000) });
    let last = { sent: 0, total: 0 };
    await buildImage(client, { contextDir: dir, dockerfile, tags: [], labels, builder: 'classic' }, { output: () => undefined, upload: (sent, total) => (last = { sent, total }) });
    assert.ok(last.total >= 3_000_000);
    assert.ok(last.sent >= last.total, `sent ${last.sent} of ${last.total}`);
  });
});
