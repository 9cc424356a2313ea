import * as assert from 'node:assert/strict';
import { Machine } from '../../../../src/core/machines/machine';
import { keyMaterialIn, machineForApi } from '../../../../src/extension/machines/apiMachine';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';
const provisioned: Machine = {
  id: 'p',
  name: 'provisioned',
  driver: 'generic',
  source: 'test',
  endpoint: { kind: 'tcp', host: '10.0.0.5', port: 2376, tls: { caPem: PEM, certPem: PEM, keyPem: PEM, verify: true } },
  cliEndpoint: { kind: 'tcp', host: '10.0.0.5', port: 2376, tls: { caPath: '/ca.pem', keyPem: PEM, verify: true } },
};

describe('machineForApi / keyMaterialIn (what the extension API hands out and takes)', () => {
  it('hands out a copy without any PEM, keeping the address, the verify flag and file paths', () => {
    const copy = machineForApi(provisioned);
    assert.doesNotMatch(JSON.stringify(copy), /BEGIN|Pem/);
    assert.deepEqual(copy.endpoint, { kind: 'tcp', host: '10.0.0.5', port: 2376, tls: { verify: true } });
    assert.deepEqual(copy.cliEndpoint, { kind: 'tcp', host: '10.0.0.5', port: 2376, tls: { caPath: '/ca.pem', verify: true } });
    assert.match(JSON.stringify(provisioned), /BEGIN/, 'the original is untouched');
  });

  it('refuses a machine that carries PEM, and accepts one that names files', () => {
    assert.match(keyMaterialIn(provisioned) ?? '', /carries certificates or keys in memory/);
    const withFiles: Machine = { ...provisioned, endpoint: { kind: 'tcp', host: 'h', port: 2376, tls: { caPath: '/ca', certPath: '/c', keyPath: '/k', verify: true } } };
    delete (withFiles as { cliEndpoint?: unknown }).cliEndpoint;
    assert.equal(keyMaterialIn(withFiles), undefined);
  });

  it("leaves a VM's in-memory SSH key out, keeping its pinned host key, and refuses one given in a call", () => {
    const vm: Machine = {
      id: 'v', name: 'vm', driver: 'qemu', source: 'test',
      endpoint: { kind: 'ssh', host: '127.0.0.1', port: 40022, user: 'docker', remoteSocketPath: '/var/run/docker.sock', privateKey: PEM, pinnedHostKeys: ['ssh-ed25519 AAAA'] },
    };
    const copy = machineForApi(vm);
    assert.doesNotMatch(JSON.stringify(copy), /BEGIN|privateKey/);
    assert.deepEqual(copy.endpoint, { kind: 'ssh', host: '127.0.0.1', port: 40022, user: 'docker', remoteSocketPath: '/var/run/docker.sock', pinnedHostKeys: ['ssh-ed25519 AAAA'] });
    assert.match(keyMaterialIn(vm) ?? '', /SSH private key in memory/);
  });
});
