import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveLocalEndpoint } from '../../../../src/core/engine/resolveLocalEndpoint';

/** A throw-away home directory with a ~/.docker laid out as the docker CLI writes it. */
function home(config?: object, contexts: Record<string, { host: string; skipTls?: boolean; tls?: boolean }> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-home-'));
  const docker = path.join(dir, '.docker');
  mkdirSync(docker);
  if (config) {
    writeFileSync(path.join(docker, 'config.json'), JSON.stringify(config));
  }
  for (const [name, ctx] of Object.entries(contexts)) {
    const digest = createHash('sha256').update(name).digest('hex');
    mkdirSync(path.join(docker, 'contexts', 'meta', digest), { recursive: true });
    writeFileSync(
      path.join(docker, 'contexts', 'meta', digest, 'meta.json'),
      JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: ctx.host, SkipTLSVerify: ctx.skipTls ?? false } } }),
    );
    if (ctx.tls) {
      const tls = path.join(docker, 'contexts', 'tls', digest, 'docker');
      mkdirSync(tls, { recursive: true });
      for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
        writeFileSync(path.join(tls, file), 'pem');
      }
    }
  }
  return dir;
}

describe('resolveLocalEndpoint (the local engine, found as the docker CLI finds it)', () => {
  it('uses the default socket when nothing is configured', () => {
    const resolved = resolveLocalEndpoint({}, home());
    assert.deepEqual(resolved, { endpoint: { kind: 'unix', socketPath: '/var/run/docker.sock' }, source: 'default socket' });
  });

  it('prefers DOCKER_HOST over the current context', () => {
    const dir = home({ currentContext: 'remote' }, { remote: { host: 'tcp://10.1.1.1:2375' } });
    const resolved = resolveLocalEndpoint({ DOCKER_HOST: 'unix:///tmp/x.sock' }, dir);
    assert.deepEqual(resolved, { endpoint: { kind: 'unix', socketPath: '/tmp/x.sock' }, source: 'DOCKER_HOST' });
  });

  it('takes TLS material from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const certs = mkdtempSync(path.join(os.tmpdir(), 'dh-certs-'));
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
      writeFileSync(path.join(certs, file), 'pem');
    }
    const { endpoint } = resolveLocalEndpoint({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }, home());
    assert.deepEqual(endpoint, {
      kind: 'tcp', host: 'h', port: 2376,
      tls: { verify: true, caPath: path.join(certs, 'ca.pem'), certPath: path.join(certs, 'cert.pem'), keyPath: path.join(certs, 'key.pem') },
    });
  });

  it('follows currentContext in config.json to the context store, with its TLS files', () => {
    const dir = home({ currentContext: 'prod' }, { prod: { host: 'tcp://prod.example:2376', tls: true } });
    const { endpoint, source } = resolveLocalEndpoint({}, dir);
    assert.equal(source, 'context prod');
    assert.equal(endpoint.kind, 'tcp');
    assert.equal(endpoint.kind === 'tcp' && endpoint.tls?.verify, true);
  });

  it('lets DOCKER_CONTEXT override the config, and treats "default" as no context', () => {
    const dir = home({ currentContext: 'prod' }, { prod: { host: 'tcp://prod.example:2376' }, dev: { host: 'unix:///dev.sock' } });
    assert.deepEqual(resolveLocalEndpoint({ DOCKER_CONTEXT: 'dev' }, dir).endpoint, { kind: 'unix', socketPath: '/dev.sock' });
    assert.equal(resolveLocalEndpoint({ DOCKER_CONTEXT: 'default' }, dir).source, 'default socket');
  });

  it('keeps SkipTLSVerify as an explicit, per-context opt-out', () => {
    const dir = home({ currentContext: 'lab' }, { lab: { host: 'tcp://lab:2376', tls: true, skipTls: true } });
    const { endpoint } = resolveLocalEndpoint({}, dir);
    assert.equal(endpoint.kind === 'tcp' && endpoint.tls?.verify, false);
  });

  it('reports a context that does not exist instead of silently using another engine', () => {
    const { endpoint } = resolveLocalEndpoint({ DOCKER_CONTEXT: 'ghost' }, home());
    assert.equal(endpoint.kind, 'unsupported');
    assert.match(endpoint.kind === 'unsupported' ? endpoint.reason : '', /Docker context "ghost" does not exist/);
  });

  it('honours DOCKER_CONFIG for where the config lives', () => {
    const dir = home({ currentContext: 'dev' }, { dev: { host: 'unix:///dev.sock' } });
    const resolved = resolveLocalEndpoint({ DOCKER_CONFIG: path.join(dir, '.docker') }, '/nonexistent-home');
    assert.deepEqual(resolved.endpoint, { kind: 'unix', socketPath: '/dev.sock' });
  });

  it('says which file is broken when config.json is not JSON', () => {
    const dir = home();
    writeFileSync(path.join(dir, '.docker', 'config.json'), '{ nope');
    assert.throws(() => resolveLocalEndpoint({}, dir), /config\.json is not valid JSON/);
  });
});
