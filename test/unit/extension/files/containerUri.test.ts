import * as assert from 'node:assert/strict';
import { containerAuthority, parseContainerAuthority } from '../../../../src/extension/files/containerUri';

describe('docker-hosts-container URI authorities', () => {
  const id = 'a'.repeat(64);

  it('round-trips any machine id, whatever its characters', () => {
    for (const machineId of ['local', 'My Host.example:2376', 'ünïcode/…', '@x', 'UPPER']) {
      assert.deepEqual(parseContainerAuthority(containerAuthority({ machineId, containerId: id })), { machineId, containerId: id });
    }
  });

  it('survives the lower-casing VS Code does to authorities', () => {
    const authority = containerAuthority({ machineId: 'Host-B', containerId: id.toUpperCase() });
    assert.deepEqual(parseContainerAuthority(authority.toUpperCase()), { machineId: 'Host-B', containerId: id });
  });

  it('refuses container names and malformed authorities', () => {
    assert.throws(() => containerAuthority({ machineId: 'local', containerId: 'my-container' }), /not a container id/);
    assert.equal(parseContainerAuthority('local.abc'), undefined);
    assert.equal(parseContainerAuthority(`6c6f63616c${id}`), undefined);
    assert.equal(parseContainerAuthority(`6c6.${id}`), undefined);
  });
});
