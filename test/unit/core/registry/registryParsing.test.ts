// The registry's headers and manifests are its input: what the client reads from them.
import * as assert from 'node:assert/strict';
import { parseAuthChallenge } from '../../../../src/core/registry/authChallenge';
import { nextLink } from '../../../../src/core/registry/linkHeader';
import { createdOf, MEDIA_TYPES, summarizeManifest } from '../../../../src/core/registry/manifests';
import { apiRepositoryName, imageReference, parseRegistryAddress, validateRepositoryName } from '../../../../src/core/registry/registryAddress';
import { registryErrorOf } from '../../../../src/core/registry/registryError';

describe('WWW-Authenticate challenges', () => {
  it('reads a Bearer challenge with realm, service and scope', () => {
    const challenge = parseAuthChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"');
    assert.deepEqual(challenge, { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' } });
  });

  it('reads a Basic challenge, case-insensitively, with spaces and unquoted values', () => {
    assert.deepEqual(parseAuthChallenge('basic  Realm = "Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
    assert.deepEqual(parseAuthChallenge('Bearer realm=http://127.0.0.1:9/token, service=test'), { scheme: 'bearer', params: { realm: 'http://127.0.0.1:9/token', service: 'test' } });
  });

  it('keeps commas inside quoted scopes and unescapes quotes', () => {
    const challenge = parseAuthChallenge('Bearer realm="r",scope="repository:a:pull,push",error="say \\"no\\""');
    assert.equal(challenge?.params.scope, 'repository:a:pull,push');
    assert.equal(challenge?.params.error, 'say "no"');
  });

  it('knows no other scheme, and nothing from an empty header', () => {
    assert.equal(parseAuthChallenge('Negotiate abc'), undefined);
    assert.equal(parseAuthChallenge(''), undefined);
    assert.equal(parseAuthChallenge(undefined), undefined);
  });

  it('stays linear on a long hostile header', () => {
    const challenge = parseAuthChallenge(`Bearer realm="${'\\'.repeat(200_000)}`);
    assert.equal(challenge?.scheme, 'bearer');
  });
});

describe('Link header pagination', () => {
  it('finds the next page', () => {
    assert.equal(nextLink('</v2/_catalog?last=b&n=2>; rel="next"'), '/v2/_catalog?last=b&n=2');
    assert.equal(nextLink('<https://r/v2/x/tags/list?n=1&last=a>; rel=next'), 'https://r/v2/x/tags/list?n=1&last=a');
    assert.equal(nextLink('</prev>; rel="prev", </next>; rel="next"'), '/next');
  });

  it('says there is none without a next relation', () => {
    assert.equal(nextLink(undefined), undefined);
    assert.equal(nextLink('</v2/_catalog?last=b>; rel="prev"'), undefined);
    assert.equal(nextLink('garbage'), undefined);
  });
});

describe('manifest shapes', () => {
  const digest = (n: number): string => `sha256:${String(n).repeat(64).slice(0, 64)}`;

  it('sums config and layers of a Docker schema 2 image', () => {
    const body = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.dockerManifest, config: { mediaType: 'x', size: 100, digest: digest(1) }, layers: [{ size: 1000, digest: digest(2) }, { size: 24, digest: digest(3) }] });
    assert.deepEqual(summarizeManifest(body, MEDIA_TYPES.dockerManifest), { kind: 'image', mediaType: MEDIA_TYPES.dockerManifest, configDigest: digest(1), size: 1124, layers: 2 });
  });

  it('reads an OCI manifest without a mediaType field from its content type', () => {
    const body = JSON.stringify({ schemaVersion: 2, config: { size: 5, digest: digest(1) }, layers: [] });
    const summary = summarizeManifest(body, `${MEDIA_TYPES.ociManifest}; charset=utf-8`);
    assert.equal(summary.kind, 'image');
    assert.equal(summary.mediaType, MEDIA_TYPES.ociManifest);
  });

  it('lists the platforms of an index and leaves out attestations', () => {
    const body = JSON.stringify({
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: [
        { digest: digest(1), size: 1, platform: { os: 'linux', architecture: 'amd64' } },
        { digest: digest(2), size: 1, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
        { digest: digest(3), size: 1, platform: { os: 'unknown', architecture: 'unknown' } },
      ],
    });
    const summary = summarizeManifest(body, undefined);
    assert.equal(summary.kind, 'index');
    assert.deepEqual(summary.kind === 'index' && summary.platforms.map((p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`), ['linux/amd64', 'linux/arm/v7']);
  });

  it('shows other manifests (schema 1) by media type, and refuses a body that is not an object', () => {
    assert.deepEqual(summarizeManifest('{"schemaVersion":1,"fsLayers":[]}', 'application/vnd.docker.distribution.manifest.v1+prettyjws'), { kind: 'other', mediaType: 'application/vnd.docker.distribution.manifest.v1+prettyjws' });
    assert.throws(() => summarizeManifest('[1]', undefined), /not a JSON object/);
    assert.throws(() => summarizeManifest('not json', undefined));
  });

  it('takes the created date of a config, and none from a bad one', () => {
    assert.equal(createdOf('{"created":"2024-05-01T10:00:00Z"}')?.toISOString(), '2024-05-01T10:00:00.000Z');
    assert.equal(createdOf('{"created":"yesterday"}'), undefined);
    assert.equal(createdOf('nope'), undefined);
  });

  it("reads the registry's error body", () => {
    assert.deepEqual(registryErrorOf(Buffer.from('{"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]}')), { code: 'UNSUPPORTED', message: 'The operation is unsupported.' });
    assert.equal(registryErrorOf(Buffer.from('<html>')), undefined);
  });
});

describe('registry addresses', () => {
  it('reaches loopback over http and everything else over https', () => {
    assert.deepEqual(parseRegistryAddress('127.0.0.1:5000'), { origin: 'http://127.0.0.1:5000', host: '127.0.0.1:5000', dockerHub: false });
    assert.deepEqual(parseRegistryAddress('ghcr.io'), { origin: 'https://ghcr.io', host: 'ghcr.io', dockerHub: false });
    assert.deepEqual(parseRegistryAddress('https://localhost:5000/v2/'), { origin: 'https://localhost:5000', host: 'localhost:5000', dockerHub: false });
  });

  it('knows Docker Hub by its names', () => {
    for (const name of ['docker.io', 'https://index.docker.io', 'hub.docker.com', 'registry-1.docker.io']) {
      assert.deepEqual(parseRegistryAddress(name), { origin: 'https://registry-1.docker.io', host: 'docker.io', dockerHub: true }, name);
    }
  });

  it('refuses plain http to another host unless the user allows that host', () => {
    assert.throws(() => parseRegistryAddress('http://registry.lan:5000'), /dockerHosts\.registries\.allowHttp/);
    assert.equal(parseRegistryAddress('http://registry.lan:5000', ['registry.lan:5000']).origin, 'http://registry.lan:5000');
  });

  it('refuses credentials, paths and other schemes in the address', () => {
    assert.throws(() => parseRegistryAddress('https://u:p@r.example'), /own fields/);
    assert.throws(() => parseRegistryAddress('r.example/team'), /host only/);
    assert.throws(() => parseRegistryAddress('ftp://r.example'), /https/);
    assert.throws(() => parseRegistryAddress('  '), /Enter/);
  });

  it('names official images under library/ on Docker Hub only, and makes pullable references', () => {
    const hub = parseRegistryAddress('docker.io');
    const local = parseRegistryAddress('127.0.0.1:5000');
    assert.equal(apiRepositoryName(hub, 'busybox'), 'library/busybox');
    assert.equal(apiRepositoryName(hub, 'me/app'), 'me/app');
    assert.equal(apiRepositoryName(local, 'busybox'), 'busybox');
    assert.equal(imageReference(hub, 'library/busybox', 'latest'), 'busybox:latest');
    assert.equal(imageReference(local, 'team/app', '1.0'), '127.0.0.1:5000/team/app:1.0');
    assert.equal(imageReference(local, 'app', `sha256:${'a'.repeat(64)}`), `127.0.0.1:5000/app@sha256:${'a'.repeat(64)}`);
  });

  it('validates repository names', () => {
    assert.equal(validateRepositoryName('team/app-1'), undefined);
    assert.ok(validateRepositoryName('Team/App'));
    assert.ok(validateRepositoryName('a//b'));
  });
});
