// A base image pulled from a registry that wants a login, during a BuildKit build: the engine
// asks our session for credentials (Auth/Credentials) and pulls with them; without them the pull
// is refused with the registry's own words. The registry is Debian's docker-registry with an
// htpasswd login on 127.0.0.1:5001, started by this test.
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage } from '../../../src/core/build/buildImage';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { buildProject } from '../../support/buildProject';
import { BASE_IMAGE, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';

const PORT = 5001;
const USER = 'dh-builder';
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`;

describe('BuildKit pulls a base image from a registry that wants a login', function () {
  this.timeout(120_000);
  const docker = localDocker();
  const runId = newRunId();
  const labels = { [TEST_LABEL]: runId };
  const client = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 20_000 });
  const base = `127.0.0.1:${PORT}/dh-auth-${runId}/base:1`;
  const auth = { username: USER, password: PASSWORD, serveraddress: `127.0.0.1:${PORT}` };
  let registry: ChildProcess | undefined;

  before(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-auth-registry-'));
    mkdirSync(path.join(dir, 'data'));
    const htpasswd = spawnSync('htpasswd', ['-Bbn', USER, PASSWORD], { encoding: 'utf8' });
    assert.equal(htpasswd.status, 0, htpasswd.stderr);
    writeFileSync(path.join(dir, 'htpasswd'), htpasswd.stdout);
    writeFileSync(path.join(dir, 'config.yml'), [
      'version: 0.1',
      `storage: { filesystem: { rootdirectory: ${path.join(dir, 'data')} } }`,
      `http: { addr: 127.0.0.1:${PORT} }`,
      `auth: { htpasswd: { realm: docker-hosts-test, path: ${path.join(dir, 'htpasswd')} } }`,
      'log: { level: warn }',
    ].join('\n'));
    registry = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    await eventually('the login registry to answer', 20_000, async () => {
      const response = await fetch(`http://127.0.0.1:${PORT}/v2/`).catch(() => undefined);
      return response?.status === 401 ? true : undefined;
    });
    // The base image goes up with the login, then leaves the engine: only the registry has it.
    await docker.getImage(BASE_IMAGE).tag({ repo: base.slice(0, base.lastIndexOf(':')), tag: '1' });
    const push = await docker.getImage(base).push({ authconfig: auth });
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(push, (error: unknown, output: { error?: string }[]) => {
      const failed = error ?? output.find((message) => message.error)?.error;
      return failed ? reject(new Error(String(failed))) : resolve();
    }));
    await docker.getImage(base).remove();
  });

  after(async () => {
    registry?.kill();
    for (const image of await docker.listImages({ filters: { label: [`${TEST_LABEL}=${runId}`] } })) {
      for (const tag of image.RepoTags ?? []) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    }
    await docker.getImage(base).remove({ force: true }).catch(() => undefined);
    client.dispose();
  });

  it('is refused without credentials, with the registry\'s words', async () => {
    const { dir, dockerfile } = buildProject(`FROM ${base}\nRUN true\n`, {}, 'dh-auth-');
    await assert.rejects(buildImage(client, { contextDir: dir, dockerfile, tags: [], labels }, { output: () => undefined }), /unauthorized|authentication required|no basic auth credentials/i);
  });

  it('pulls with the credentials the session hands the engine for that host, and builds', async () => {
    const { dir, dockerfile } = buildProject(`FROM ${base}\nRUN echo pulled with a login > /how\n`, {}, 'dh-auth-');
    const asked: string[] = [];
    const tag = `dh-auth-built-${runId}:x`;
    await buildImage(client, { contextDir: dir, dockerfile, tags: [tag], labels }, { output: () => undefined }, undefined, async (host) => {
      asked.push(host);
      return host === `127.0.0.1:${PORT}` ? { username: USER, secret: PASSWORD } : undefined;
    });
    assert.ok(asked.includes(`127.0.0.1:${PORT}`), `the engine asked for ${JSON.stringify(asked)}`);
    assert.ok(await docker.getImage(tag).inspect());
  });
});
