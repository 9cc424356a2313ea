// BuildKit builds on real engines (the local one and host B over SSH and over TLS), through our
// own session: cache mounts kept between builds, secrets that reach the RUN and nowhere else,
// failures on their Dockerfile line with the step's output, cancellation, and bad input.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { BuildFailure, buildImage, BuildOptions } from '../../../src/core/build/buildImage';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { buildProject } from '../../support/buildProject';
import { BASE_IMAGE, eventually, fileInImage, localDocker, newRunId, processesWith, TEST_LABEL } from '../../support/engine';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';
import { recordingInteraction, testSettings } from '../../support/sshTestbed';

const docker = localDocker();
const runId = newRunId();
const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 20_000 });
const labels = { [TEST_LABEL]: runId };

const project = (dockerfile: string, files: Record<string, string> = {}): { dir: string; dockerfile: string } => buildProject(dockerfile, files, 'dh-buildkit-');

interface Built {
  readonly output: string;
  readonly builder: string | undefined;
  readonly imageId: string;
}

async function build(on: EngineClient, options: Omit<BuildOptions, 'labels'>, signal?: AbortSignal): Promise<Built> {
  let output = '';
  let builder: string | undefined;
  const result = await buildImage(on, { ...options, labels }, { output: (text) => (output += text), builder: (b) => (builder = b) }, signal);
  return { output, builder, imageId: result.imageId ?? '' };
}

async function failureOf(options: Omit<BuildOptions, 'labels'>): Promise<{ failure: BuildFailure; output: string }> {
  let output = '';
  const failure = await buildImage(client, { ...options, labels }, { output: (text) => (output += text) }).then(() => undefined, (e: unknown) => e);
  assert.ok(failure instanceof BuildFailure, `expected a BuildFailure, got ${String(failure)}`);
  return { failure, output };
}

async function removeTagged(on: Docker): Promise<void> {
  for (const image of await on.listImages({ filters: { label: [`${TEST_LABEL}=${runId}`] } })) {
    for (const tag of image.RepoTags ?? []) await on.getImage(tag).remove({ force: true }).catch(() => undefined);
  }
  await on.pruneImages({ filters: { label: [`${TEST_LABEL}=${runId}`], dangling: ['true'] } }).catch(() => undefined);
}

describe('BuildKit builds against the real engine', function () {
  this.timeout(120_000);
  after(() => removeTagged(docker));

  it("is what 'auto' chooses on this engine (API 1.41, Linux), and builds a multi-stage Dockerfile with args and a target, tagged twice", async () => {
    const { dir, dockerfile } = project(
      [`FROM ${BASE_IMAGE} AS base`, 'ARG GREETING=hi', 'RUN echo "$GREETING" > /greeting', `FROM ${BASE_IMAGE} AS final`, 'COPY --from=base /greeting /greeting', 'COPY app.txt /app.txt', `FROM ${BASE_IMAGE} AS unused`, 'RUN exit 1'].join('\n'),
      { 'app.txt': 'app\n' },
    );
    const tags = [`dh-bk-${runId}:1`, `dh-bk-${runId}:latest`];
    const built = await build(client, { contextDir: dir, dockerfile, tags, buildArgs: { GREETING: 'hello from args' }, target: 'final' });
    assert.equal(built.builder, 'buildkit');
    const image = await docker.getImage(tags[0] as string).inspect();
    assert.deepEqual([...image.RepoTags].sort(), [...tags].sort());
    assert.equal(image.Id, built.imageId);
    assert.equal(await fileInImage(docker, tags[0] as string, '/greeting'), 'hello from args\n');
    // Plain progress as BuildKit users know it: a numbered line per step, then DONE or CACHED.
    assert.match(built.output, /^#\d+ \[final 3\/3\] COPY app\.txt \/app\.txt$/m);
    assert.match(built.output, /^#\d+ (DONE \d+\.\ds|CACHED)$/m);
    assert.doesNotMatch(built.output, /RUN exit 1/, 'the unused stage is not built');
  });

  it('keeps a cache mount between builds: the second build sees what the first wrote there', async () => {
    const cacheId = `dh-cache-${runId}`;
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'ARG ROUND', `RUN --mount=type=cache,id=${cacheId},target=/cache echo "round $ROUND" >> /cache/log && cp /cache/log /seen`].join('\n'));
    const tag = `dh-bk-cache-${runId}:x`;
    await build(client, { contextDir: dir, dockerfile, tags: [tag], buildArgs: { ROUND: '1' } });
    assert.equal(await fileInImage(docker, tag, '/seen'), 'round 1\n');
    await build(client, { contextDir: dir, dockerfile, tags: [tag], buildArgs: { ROUND: '2' } });
    assert.equal(await fileInImage(docker, tag, '/seen'), 'round 1\nround 2\n');
  });

  it('mounts secrets from a file and from the environment; neither is in the output, the history, the config or any layer', async () => {
    const fileSecret = `file-secret-${runId}-${Math.random().toString(36).slice(2)}`;
    const envSecret = `env-secret-${runId}-${Math.random().toString(36).slice(2)}`;
    const variable = `DH_TEST_SECRET_${runId.replace(/\W/g, '_')}`;
    process.env[variable] = envSecret;
    // The secret file lives outside the context; the image keeps only the secrets' digests, to prove they arrived.
    const secretFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-secret-')), 'token.txt');
    writeFileSync(secretFile, fileSecret, { mode: 0o600 });
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'RUN --mount=type=secret,id=token,required=true --mount=type=secret,id=api,required=true sha256sum /run/secrets/token /run/secrets/api > /sums'].join('\n'));
    const tag = `dh-bk-secret-${runId}:x`;
    try {
            // No cache: a secret is not part of a step's cache key, so an earlier run's layer would answer.
      const built = await build(client, { contextDir: dir, dockerfile, tags: [tag], noCache: true, secrets: [{ id: 'token', src: secretFile }, { id: 'api', env: variable }] });
      const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
      assert.equal(await fileInImage(docker, tag, '/sums'), `${sha(fileSecret)}  /run/secrets/token\n${sha(envSecret)}  /run/secrets/api\n`);
      const history = JSON.stringify(await docker.getImage(tag).history());
      const config = JSON.stringify(await docker.getImage(tag).inspect());
      const chunks: Buffer[] = [];
      for await (const chunk of await docker.getImage(tag).get()) chunks.push(chunk as Buffer);
      const archive = Buffer.concat(chunks);
      for (const secret of [fileSecret, envSecret]) {
        assert.ok(!built.output.includes(secret), 'the output holds a secret');
        assert.ok(!history.includes(secret) && !config.includes(secret), 'the image history or config holds a secret');
        assert.ok(!archive.includes(Buffer.from(secret)), 'a layer of the saved image holds a secret');
      }
      assert.match(history, /sha256sum \/run\/secrets\/token/, 'the history shows the step that read them');
    } finally {
      delete process.env[variable];
    }
  });

  it('says which secret is missing when its file does not exist, and names no value', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'RUN --mount=type=secret,id=gone,required=true cat /run/secrets/gone'].join('\n'));
    const { failure } = await failureOf({ contextDir: dir, dockerfile, tags: [], secrets: [{ id: 'gone', src: path.join(dir, 'no-such-file') }] });
    assert.match(failure.message, /gone/);
    assert.equal(failure.line, 2);
  });

  it('stops with the .dockerignore\'s own message when the context cannot be planned', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'COPY . /ctx'].join('\n'), { '.dockerignore': 'ok.txt\n[unclosed\n' });
    await assert.rejects(buildImage(client, { contextDir: dir, dockerfile, tags: [], labels }, { output: () => undefined }), /syntax error in pattern "\[unclosed": unclosed \[/);
  });

  it('refuses malformed secrets before anything is sent', async () => {
    const { dir, dockerfile } = project(`FROM ${BASE_IMAGE}\n`);
    const { failure } = await failureOf({ contextDir: dir, dockerfile, tags: [], secrets: [{ id: 'a b', src: '/x' }, { id: 'both', src: '/x', env: 'Y' }] });
    assert.match(failure.message, /secrets\[0\]/);
    assert.match(failure.message, /secrets\[1\] \(both\)/);
  });

  it('maps a failing RUN to its Dockerfile line (continuations counted), with the step\'s last output', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, '# a comment', 'ENV A=1', 'RUN echo one \\', '    && echo two', '', 'RUN echo three && exit 3', 'RUN echo never'].join('\n'));
    const { failure, output } = await failureOf({ contextDir: dir, dockerfile, tags: [] });
    assert.equal(failure.line, 7);
    assert.match(failure.message, /RUN echo three && exit 3/);
    assert.match(failure.message, /exit code: 3/);
    assert.match(failure.message, /^\s+three$/m, 'the message ends with the step\'s output');
    assert.match(output, /^#\d+ ERROR: .*exit code: 3$/m);
  });

  it('maps a failure in a named stage to that stage\'s line', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE} AS base`, 'RUN true', `FROM base AS test`, 'WORKDIR /w', 'RUN echo checking && false', 'FROM base', 'COPY --from=test /w /w'].join('\n'));
    const { failure } = await failureOf({ contextDir: dir, dockerfile, tags: [] });
    assert.equal(failure.line, 5);
  });

  it('maps a parse error to the line the frontend names', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'RUN true', 'FOO bar'].join('\n'));
    const { failure } = await failureOf({ contextDir: dir, dockerfile, tags: [] });
    assert.equal(failure.line, 3);
    assert.match(failure.message, /unknown instruction: FOO/i);
  });

  it('says plainly that a # syntax= frontend cannot be had, on line 1', async () => {
    const { dir, dockerfile } = project(['# syntax=docker-hosts.invalid/no-such-frontend:1', `FROM ${BASE_IMAGE}`, 'RUN true'].join('\n'));
    const { failure } = await failureOf({ contextDir: dir, dockerfile, tags: [] });
    assert.match(failure.message, /no-such-frontend/);
  });

  it('cancels a long build: the solve stops on the engine and nothing is tagged', async () => {
    const marker = `dh-bk-cancel-${runId}`;
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, `RUN echo ${marker}; sleep 60; echo ${marker} slept`].join('\n'));
    const controller = new AbortController();
    const tag = `${marker}:x`;
    let output = '';
    const building = buildImage(client, { contextDir: dir, dockerfile, tags: [tag], labels, noCache: true }, { output: (text) => (output += text) }, controller.signal);
    building.catch(() => undefined);
    const stepProcesses = (): number => processesWith(`echo ${marker}`);
    await eventually('the RUN step to print its marker', 30_000, () => (output.includes(`${marker}`) && /\d \S*dh-bk-cancel/.test(output) ? true : undefined));
    assert.ok(stepProcesses() > 0, 'the step runs on this machine');
    controller.abort();
    await assert.rejects(building, /cancel|abort/i);
    await eventually('the step\'s processes to be gone', 30_000, () => (stepProcesses() === 0 ? true : undefined));
    await assert.rejects(docker.getImage(tag).inspect(), /no such image/i);
  });

  it('sends the context through the session as the docker CLI (BuildKit) does: the same files land, .dockerignore applied', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'COPY . /ctx', 'RUN cd /ctx && find . | sort > /list'].join('\n'), {
      '.dockerignore': ['*.log', 'build', '!build/keep.txt', 'docs/**/*.md', '**/secret*'].join('\n'),
      'a.txt': 'a', 'debug.log': 'log', 'link-target.txt': 't',
    });
    for (const [name, content] of Object.entries({ 'build/out.o': 'o', 'build/keep.txt': 'k', 'docs/x/guide.md': 'g', 'docs/x/img.png': 'p', 'src/secret.key': 's', 'src/main.c': 'c' })) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    symlinkSync('link-target.txt', path.join(dir, 'link'));
    const ours = `dh-bk-ctx-ours-${runId}:x`;
    const cli = `dh-bk-ctx-cli-${runId}`;
    await build(client, { contextDir: dir, dockerfile, tags: [ours] });
    const reference = spawnSync('/usr/bin/docker', ['build', '-q', '-t', `${cli}:x`, '--label', `${TEST_LABEL}=${runId}`, dir], { env: { ...process.env, DOCKER_BUILDKIT: '1' }, encoding: 'utf8' });
    assert.equal(reference.status, 0, reference.stderr);
    const listed = await fileInImage(docker, ours, '/list');
    assert.equal(listed, await fileInImage(docker, `${cli}:x`, '/list'));
    assert.match(listed, /\.\/build\/keep\.txt\n/);
    assert.doesNotMatch(listed, /debug\.log|out\.o|guide\.md|secret\.key/);
  });

  it('sends only what changed: a rebuild after editing one of 300 files transfers that file, not the context', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`file-${i}.txt`] = `${i}`.padEnd(10_000, '.');
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'COPY . /ctx', 'RUN cat /ctx/file-7.txt | head -c 20 > /seven'].join('\n'), files);
    const tag = `dh-bk-incr-${runId}:x`;
    const sentBy = async (): Promise<number> => {
      let sent = 0;
      await buildImage(client, { contextDir: dir, dockerfile, tags: [tag], labels }, { output: () => undefined, upload: (bytes) => (sent = bytes) });
      return sent;
    };
    const first = await sentBy();
    assert.ok(first >= 300 * 10_000, `the first build sent ${first} bytes`);
    writeFileSync(path.join(dir, 'file-7.txt'), 'seven, edited'.padEnd(10_000, '!'));
    const second = await sentBy();
    assert.ok(second > 0 && second <= 2 * 10_000 + 1_000, `the rebuild sent ${second} bytes`);
    assert.equal(await fileInImage(docker, tag, '/seven'), 'seven, edited!!!!!!!');
  });

  it('takes a Dockerfile from outside the context folder', async () => {
    const { dir } = project('unused', { 'note.txt': 'context file\n' });
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'dh-bk-df-'));
    const dockerfile = path.join(elsewhere, 'web.Dockerfile');
    writeFileSync(dockerfile, [`FROM ${BASE_IMAGE}`, 'COPY note.txt /note.txt'].join('\n'));
    const tag = `dh-bk-outside-${runId}:x`;
    await build(client, { contextDir: dir, dockerfile, tags: [tag] });
    assert.equal(await fileInImage(docker, tag, '/note.txt'), 'context file\n');
  });

  it('writes the result into a folder (output local): files, folders, modes and links land, and no image is made', async () => {
    const { dir, dockerfile } = project([
      `FROM ${BASE_IMAGE} AS build`,
      'RUN mkdir -p /out/bin /out/doc && echo "#!/bin/sh" > /out/bin/run && chmod 755 /out/bin/run && echo readme > /out/doc/README && ln -s doc/README /out/link',
      'FROM scratch',
      'COPY --from=build /out /',
    ].join('\n'));
    const dest = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-bk-out-')), 'result');
    const imagesBefore = (await docker.listImages()).length;
    const result = await buildImage(client, { contextDir: dir, dockerfile, tags: [], labels, output: { type: 'local', dest } }, { output: () => undefined });
    assert.equal(result.imageId, undefined);
    assert.equal(readFileSync(path.join(dest, 'doc', 'README'), 'utf8'), 'readme\n');
    assert.equal(readFileSync(path.join(dest, 'bin', 'run'), 'utf8'), '#!/bin/sh\n');
    assert.equal(statSync(path.join(dest, 'bin', 'run')).mode & 0o777, 0o755);
    assert.equal(readlinkSync(path.join(dest, 'link')), 'doc/README');
    assert.equal((await docker.listImages()).length, imagesBefore, 'no image was made');
  });

  it('writes the result as one tar file (output tar), replacing the old file only once it is complete', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE} AS build`, 'RUN echo inside > /made.txt', 'FROM scratch', 'COPY --from=build /made.txt /made.txt'].join('\n'));
    const folder = mkdtempSync(path.join(os.tmpdir(), 'dh-bk-tar-'));
    const dest = path.join(folder, 'result.tar');
    writeFileSync(dest, 'an older result');
    await buildImage(client, { contextDir: dir, dockerfile, tags: [], labels, output: { type: 'tar', dest } }, { output: () => undefined });
    const listed = spawnSync('tar', ['-xOf', dest, 'made.txt'], { encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    assert.equal(listed.stdout, 'inside\n');
    assert.deepEqual(readdirSync(folder), ['result.tar'], 'no partial file is left');
    const failing = project([`FROM ${BASE_IMAGE}`, 'RUN exit 1'].join('\n'));
    await assert.rejects(buildImage(client, { contextDir: failing.dir, dockerfile: failing.dockerfile, tags: [], labels, output: { type: 'tar', dest } }, { output: () => undefined }), BuildFailure);
    assert.equal(spawnSync('tar', ['-xOf', dest, 'made.txt'], { encoding: 'utf8' }).stdout, 'inside\n', 'a failed build keeps the last result');
  });

  it('takes its cache from an image (cacheFrom) once the local build cache is gone', async () => {
    const marker = `${runId}-${Math.random().toString(36).slice(2)}`;
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, `RUN echo ${marker} > /made && sleep 2`].join('\n'));
    const source = `dh-bk-cachefrom-${runId}:source`;
    await build(client, { contextDir: dir, dockerfile, tags: [source], buildArgs: { BUILDKIT_INLINE_CACHE: '1' } });
    await docker.pruneBuilder();
    const again = await build(client, { contextDir: dir, dockerfile, tags: [`dh-bk-cachefrom-${runId}:again`], cacheFrom: [source] });
    assert.match(again.output, new RegExp(`^#(\\d+) \\[2/2\\] RUN echo ${marker}.*\\n#\\1 CACHED$`, 'm'), again.output);
  });

  it('builds with the classic builder when asked, which refuses RUN --mount', async () => {
    const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'RUN --mount=type=cache,target=/c true'].join('\n'));
    let builder: string | undefined;
    const failure = await buildImage(client, { contextDir: dir, dockerfile, tags: [], labels, builder: 'classic' }, { output: () => undefined, builder: (b) => (builder = b) }).then(() => undefined, (e: unknown) => e);
    assert.equal(builder, 'classic');
    assert.match(String((failure as Error)?.message), /--mount option requires BuildKit/);
  });
});

describe('BuildKit builds on host B, over its one SSH connection and over mutual TLS', function () {
  this.timeout(120_000);
  const hostB = new Docker({ socketPath: HOSTB.engine.socketPath });
  const temp = mkdtempSync(path.join(os.tmpdir(), 'dh-bk-hostb-'));
  before(async () => {
    await ensureTestHosts();
    writeFileSync(path.join(temp, 'known_hosts'), `${HOSTB.ssh.host} ${readFileSync(HOSTB.ssh.hostKeyPath, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ')}\n`);
  });
  after(() => removeTagged(hostB));

  const machines: Record<string, () => EngineClient> = {
    ssh: () => new EngineClient(
      { kind: 'ssh', host: HOSTB.ssh.host, port: HOSTB.ssh.port, user: HOSTB.ssh.username, identityFiles: [HOSTB.ssh.privateKeyPath], remoteSocketPath: HOSTB.ssh.remoteSocketPath },
      { requestTimeoutMs: 20_000, ssh: testSettings(temp, recordingInteraction({ trust: false })) },
    ),
    tls: () => new EngineClient(
      { kind: 'tcp', host: HOSTB.address, port: HOSTB.engine.tlsPort, tls: { caPath: HOSTB.tls.caPath, certPath: HOSTB.tls.certPath, keyPath: HOSTB.tls.keyPath, verify: true } },
      { requestTimeoutMs: 20_000 },
    ),
  };
  for (const [transport, makeClient] of Object.entries(machines)) {
    it(`over ${transport}: a cache mount and a secret through the session, and the image lands on host B only`, async () => {
      const remote = makeClient();
      try {
        const secretFile = path.join(temp, `secret-${transport}`);
        writeFileSync(secretFile, `over ${transport}`);
        const { dir, dockerfile } = project([`FROM ${BASE_IMAGE}`, 'RUN --mount=type=cache,target=/cache --mount=type=secret,id=s,required=true cp /run/secrets/s /via'].join('\n'));
        const tag = `dh-bk-${transport}-${runId}:x`;
                // Host B's engine has no bridge network (--bridge none): its steps run without one.
        const built = await build(remote, { contextDir: dir, dockerfile, tags: [tag], network: 'none', noCache: true, secrets: [{ id: 's', src: secretFile }] });
        assert.equal(built.builder, 'buildkit');
        assert.equal(await fileInImage(hostB, tag, '/via'), `over ${transport}`);
        await assert.rejects(docker.getImage(tag).inspect(), /no such image/i);
      } finally {
        remote.dispose();
      }
    });
  }
});
