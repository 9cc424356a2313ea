import * as assert from 'node:assert/strict';
import { requireAbsoluteSshFiles } from '../../../../src/core/ssh/sshSettings';

describe('requireAbsoluteSshFiles (SSH files named by settings)', () => {
  it('accepts absolute config and known_hosts paths, and none at all', () => {
    assert.doesNotThrow(() => requireAbsoluteSshFiles({ configFiles: ['/home/me/.ssh/config'], knownHostsFiles: ['/home/me/.ssh/known_hosts'] }));
    assert.doesNotThrow(() => requireAbsoluteSshFiles({}));
  });

  it('refuses a relative path with a message naming it (it would be read from the folder the editor runs in)', () => {
    assert.throws(() => requireAbsoluteSshFiles({ configFiles: ['.vscode/ssh_config'] }), /must be absolute paths; "\.vscode\/ssh_config" is relative/);
    assert.throws(() => requireAbsoluteSshFiles({ knownHostsFiles: ['known_hosts'] }), /"known_hosts" is relative/);
  });
});
