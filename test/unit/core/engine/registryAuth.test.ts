import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { credentialsFromDockerConfig, registryOf } from '../../../../src/core/engine/registryAuth';

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
