import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { askCredentialHelper, credentialsFromDockerConfig, registryOf } from '../../../../src/core/engine/registryAuth';

describe('registry credentials from ~/.docker/config.json', () => {
  it('finds the registry of a reference as the CLI does', () => {
    assert.equal(registryOf('nginx'), 'https://index.docker.io/v1/');
    assert.equal(registryOf('team/app:1'), 'https://index.docker.io/v1/');
    assert.equal(registryOf('registry.example:5000/team/app'), 'registry.example:5000');
    assert.equal(registryOf('localhost/app'), 'localhost');
  });

  it('decodes an auths entry and returns nothing when there is none', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-auth-'));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { 'registry.example:5000': { auth: Buffer.from('me:s3cr:et').toString('base64') } } }));
    assert.deepEqual(await credentialsFromDockerConfig('registry.example:5000', dir), { username: 'me', password: 's3cr:et', serveraddress: 'registry.example:5000' });
    assert.equal(await credentialsFromDockerConfig('other.example', dir), undefined);
    assert.equal(await credentialsFromDockerConfig('x', path.join(dir, 'missing')), undefined);
  });

  it('falls back to auths when the configured credential helper is not installed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-auth-'));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'nonexistent-helper', auths: { 'r.example': { auth: Buffer.from('u:p').toString('base64') } } }));
    assert.deepEqual(await credentialsFromDockerConfig('r.example', dir), { username: 'u', password: 'p', serveraddress: 'r.example' });
  });
});

describe('credential helpers that misbehave', () => {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'dh-helpers-'));
  const helper = (name: string, script: string): void => writeFileSync(path.join(bin, `docker-credential-${name}`), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  const savedPath = process.env.PATH;
  before(() => {
    helper('sleeps', 'exec sleep 30');
    helper('garbage', 'echo "this is not json"');
    helper('wrongshape', 'echo \'{"Username": 5}\'');
    helper('good', 'read url; printf \'{"ServerURL":"%s","Username":"me","Secret":"s3cret"}\' "$url"');
    process.env.PATH = `${bin}:${savedPath ?? ''}`;
  });
  after(() => {
    process.env.PATH = savedPath;
  });

  it('gives up on a helper that does not answer, with its name in the error', async () => {
    await assert.rejects(askCredentialHelper('sleeps', 'r.example', 300), /docker-credential-sleeps did not answer within 0 s/);
  });

  it('reports output that is not the protocol\'s JSON as an error, not a crash', async () => {
    await assert.rejects(askCredentialHelper('garbage', 'r.example'), /docker-credential-garbage did not answer with credentials/);
    await assert.rejects(askCredentialHelper('wrongshape', 'r.example'), /docker-credential-wrongshape did not answer with credentials/);
  });

  it('passes the helper error on when config.json has nothing else for the registry, and reads a good helper', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-auth-'));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'garbage' }));
    await assert.rejects(credentialsFromDockerConfig('r.example', dir), /docker-credential-garbage did not answer with credentials/);
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'good' }));
    assert.deepEqual(await credentialsFromDockerConfig('r.example', dir), { username: 'me', password: 's3cret', serveraddress: 'r.example' });
  });
});
