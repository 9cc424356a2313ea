// The registry client against real registries (docker/distribution 2.8) the test starts:
// anonymous with deletes, htpasswd basic auth, token auth with the test's own token server;
// and against hostile servers (5xx, hanging, oversized answers).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { RegistryCredentials } from '../../../src/core/engine/registryAuth';
import { parseRegistryAddress } from '../../../src/core/registry/registryAddress';
import { RegistryClient } from '../../../src/core/registry/registryClient';
import { isRegistryError, RegistryError } from '../../../src/core/registry/registryError';
import { localDocker } from '../../support/engine';
import { NO_CATALOG_PASSWORD, NO_CATALOG_USER, pushTestImage, REGISTRY_PASSWORD, REGISTRY_USER, startTestRegistries, TestRegistries } from '../../support/testRegistries';

const alice: RegistryCredentials = { username: REGISTRY_USER, password: REGISTRY_PASSWORD, serveraddress: '' };
const client = (host: string, credentials?: RegistryCredentials, timeoutMs = 8000): RegistryClient =>
  new RegistryClient({ address: parseRegistryAddress(host), credentials: async () => credentials, timeoutMs });

async function failure(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RegistryError, `not a RegistryError: ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('registry client against real registries', function () {
  this.timeout(120_000);
  let registries: TestRegistries;

  before(async () => {
    registries = await startTestRegistries();
    const docker = localDocker();
    for (const [repository, tag] of [['team/app', '1.0'], ['team/app', '2.0'], ['team/app', 'doomed'], ['tools', 'latest']] as const) {
      await pushTestImage(docker, registries.anonymous.host, repository, tag);
    }
  });

  after(async () => registries?.stop());

  it('anonymous: lists the catalog and tags, with digest, size and date', async () => {
    const registry = client(registries.anonymous.host);
    await registry.ping();
    const repositories = await registry.catalog();
    assert.ok(repositories.includes('team/app') && repositories.includes('tools'), repositories.join(', '));
    assert.deepEqual((await registry.tags('team/app')).sort(), ['1.0', '2.0', 'doomed']);
    const details = await registry.tagDetails('team/app', '1.0');
    assert.match(details.digest, /^sha256:[a-f0-9]{64}$/);
    assert.equal(details.manifest.kind, 'image');
    assert.ok(details.manifest.kind === 'image' && details.manifest.size > 100_000, 'busybox-static is more than 100 kB');
    assert.ok(details.created instanceof Date && details.created.getFullYear() >= 2000, `created ${String(details.created)}`);
    assert.equal(await registry.digestOf('team/app', '1.0'), details.digest);
  });

  it('follows Link pagination through the catalog and a tag list', async () => {
    const registry = new RegistryClient({ address: parseRegistryAddress(registries.anonymous.host), credentials: async () => undefined, timeoutMs: 8000, pageSize: 1 });
    const repositories = await registry.catalog();
    assert.ok(repositories.includes('team/app') && repositories.includes('tools'), repositories.join(', '));
    assert.equal(new Set(repositories).size, repositories.length, 'no page twice');
    assert.ok((await registry.tags('team/app')).length >= 2);
  });

  it('a manifest list is shown as multi-platform with its platforms', async () => {
    const host = registries.anonymous.host;
    const manifestOf = (tag: string): Promise<Buffer> => new Promise((resolve, reject) => {
      http.get(`http://${host}/v2/team/app/manifests/${tag}`, { headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
      }).on('error', reject);
    });
    const registry = client(host);
    const entries = await Promise.all([['1.0', 'amd64'], ['2.0', 'arm64']].map(async ([tag, architecture]) => ({
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      digest: await registry.digestOf('team/app', tag as string),
      size: (await manifestOf(tag as string)).length,
      platform: { os: 'linux', architecture },
    })));
    const list = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json', manifests: entries });
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`http://${host}/v2/team/app/manifests/multi`, { method: 'PUT', headers: { 'Content-Type': 'application/vnd.docker.distribution.manifest.list.v2+json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(list);
    });
    assert.equal(status, 201);
    const details = await registry.tagDetails('team/app', 'multi');
    assert.equal(details.manifest.kind, 'index');
    assert.deepEqual(details.manifest.kind === 'index' && details.manifest.platforms.map((p) => `${p.os}/${p.architecture}`), ['linux/amd64', 'linux/arm64']);
    assert.equal(details.created, undefined, 'a list has no config, so no date');
  });

  it('deletes a tag (by its digest) and the registry no longer lists it', async () => {
    const registry = client(registries.anonymous.host);
    const digest = await registry.deleteTag('team/app', 'doomed');
    assert.match(digest, /^sha256:/);
    // Each tag is an image of its own: the others stay.
    assert.deepEqual((await registry.tags('team/app')).sort(), ['1.0', '2.0', 'multi']);
    const missing = await failure(registry.tagDetails('team/app', 'doomed'));
    assert.equal(missing.kind, 'not-found');
  });

  it('basic auth: works with the right password; 401 with a wrong one or none says so', async () => {
    assert.ok((await client(registries.basic.host, alice).catalog()).includes('tools'));
    const refusedCatalog = await failure(client(registries.basic.host, { ...alice, password: 'nope' }).catalog());
    assert.equal(refusedCatalog.kind, 'auth', 'refused credentials are not a registry without a catalog');
    const wrong = await failure(client(registries.basic.host, { ...alice, password: 'nope' }).tags('tools'));
    assert.equal(wrong.kind, 'auth');
    assert.match(wrong.message, /refused the credentials of alice/);
    const none = await failure(client(registries.basic.host).ping());
    assert.equal(none.kind, 'auth');
    assert.match(none.message, /needs a user name and password/);
  });

  it('token auth: fetches tokens for the scopes the registry asks, lists and reads tags', async () => {
    const registry = client(registries.token.host, alice);
    await registry.ping();
    assert.ok((await registry.catalog()).includes('tools'));
    assert.deepEqual(await registry.tags('tools'), ['latest']);
    assert.equal((await registry.tagDetails('tools', 'latest')).manifest.kind, 'image');
    const scopes = registries.tokenRequests.filter((r) => r.user === REGISTRY_USER).map((r) => r.scope);
    assert.ok(scopes.includes('registry:catalog:*'), scopes.join(' '));
    assert.ok(scopes.includes('repository:tools:pull'), scopes.join(' '));
  });

  it('token auth: a wrong password is refused by the token server; anonymous gets no catalog', async () => {
    assert.equal((await failure(client(registries.token.host, { ...alice, password: 'nope' }).catalog())).kind, 'auth');
    const wrong = await failure(client(registries.token.host, { ...alice, password: 'nope' }).tags('tools'));
    assert.equal(wrong.kind, 'auth');
    assert.match(wrong.message, /token server .* refused the credentials of alice/);
    const anonymousCatalog = await failure(client(registries.token.host).catalog());
    assert.equal(anonymousCatalog.kind, 'no-catalog');
    assert.match(anonymousCatalog.message, /does not list its repositories.*add a repository by name/);
  });

  it('token auth: a user the token server gives no catalog access gets no-catalog, and still reads a named repository', async () => {
    const registry = client(registries.token.host, { username: NO_CATALOG_USER, password: NO_CATALOG_PASSWORD, serveraddress: '' });
    const error = await failure(registry.catalog());
    assert.equal(error.kind, 'no-catalog');
    assert.deepEqual(await registry.tags('tools'), ['latest']);
  });

  it('token auth: deletes with a delete-scoped token', async () => {
    await pushTestImage(localDocker(), registries.anonymous.host, 'scratchpad', 'gone');
    const registry = client(registries.token.host, alice);
    await registry.deleteTag('scratchpad', 'gone');
    assert.deepEqual(await registry.tags('scratchpad'), []);
    assert.ok(registries.tokenRequests.some((r) => r.scope === 'repository:scratchpad:delete'));
  });
});

describe('registry client against hostile servers', function () {
  this.timeout(30_000);
  const servers: net.Server[] = [];
  const serve = (handler: http.RequestListener): Promise<string> =>
    new Promise((resolve) => {
      const server = http.createServer(handler);
      servers.push(server);
      server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as net.AddressInfo).port}`));
    });
  afterEach(() => {
    for (const server of servers.splice(0)) {
      (server as http.Server).closeAllConnections?.();
      server.close();
    }
  });

  it('a 500 is a server error that says to try later', async () => {
    const host = await serve((_req, res) => res.writeHead(500).end('{"errors":[{"code":"UNKNOWN","message":"disk on fire"}]}'));
    const error = await failure(client(host).catalog());
    assert.equal(error.kind, 'server');
    assert.match(error.message, /500: UNKNOWN disk on fire.*try again later/);
  });

  it('a registry that does not allow deleting (405 UNSUPPORTED) says so', async () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    const host = await serve((req, res) => {
      if (req.method === 'HEAD') res.writeHead(200, { 'Docker-Content-Digest': digest }).end();
      else res.writeHead(405, { 'Content-Type': 'application/json' }).end('{"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]}');
    });
    const error = await failure(client(host).deleteTag('app', '1.0'));
    assert.equal(error.kind, 'not-allowed');
    assert.match(error.message, /does not allow deleting/);
  });

  it('a server that accepts and never answers times out', async () => {
    const host = await serve(() => undefined);
    const error = await failure(client(host, undefined, 500).ping());
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not answer within/);
  });

  it('an endless answer is cut off at the size cap', async () => {
    const host = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 32);
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const error = await failure(client(host).tags('x'));
    assert.equal(error.kind, 'protocol');
    assert.match(error.message, /answered more than/);
  });

  it('a next-page link to another host is not followed', async () => {
    const host = await serve((_req, res) => res.writeHead(200, { Link: '<http://169.254.169.254/v2/_catalog>; rel="next"' }).end('{"repositories":["a"]}'));
    const error = await failure(client(host).catalog());
    assert.equal(error.kind, 'protocol');
    assert.match(error.message, /not followed/);
  });

  it('nothing listening is unreachable', async () => {
    const host = await serve(() => undefined);
    const port = host.split(':')[1];
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const error = await failure(client(`127.0.0.1:${port}`).ping());
    assert.ok(isRegistryError(error, 'unreachable'));
    assert.match(error.message, /refused the connection/);
  });

  it('a token realm over plain http to a non-loopback host is refused, credentials unsent', async () => {
    const host = await serve((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="http://auth.example/token",service="x"' }).end());
    const error = await failure(client(host, alice).ping());
    assert.equal(error.kind, 'insecure');
  });
});
