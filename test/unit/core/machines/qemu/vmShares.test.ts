import * as assert from 'node:assert/strict';
import type { SshConnection } from '../../../../../src/core/ssh/sshConnection';
import { folderSharesProblem, mountFolderShares, parseFolderShares } from '../../../../../src/core/machines/drivers/qemu/vmShares';

describe('Local VM folder shares: what the user types', () => {
  it('reads host[:guest] entries separated by commas; the VM path defaults to the host\'s', () => {
    assert.deepEqual(parseFolderShares(' /home/me/src:/mnt/src , /srv/data '), [
      { hostPath: '/home/me/src', guestPath: '/mnt/src' },
      { hostPath: '/srv/data', guestPath: '/srv/data' },
    ]);
    assert.deepEqual(parseFolderShares(''), []);
    assert.deepEqual(parseFolderShares(' , '), []);
  });

  it('takes absolute folders, each VM folder once, none of the VM\'s system folders', () => {
    assert.equal(folderSharesProblem(''), undefined);
    assert.equal(folderSharesProblem('/home/me/src:/mnt/src, /srv/data'), undefined);
    assert.match(folderSharesProblem('src:/mnt/src') ?? '', /"src": the folder on this computer must be an absolute path/);
    assert.match(folderSharesProblem('/src:mnt') ?? '', /"mnt": the folder in the VM must be an absolute path/);
    assert.match(folderSharesProblem('/a:/b:/c') ?? '', /give host-folder:vm-folder/);
    assert.match(folderSharesProblem('/a:/mnt/x, /b:/mnt/x/') ?? '', /"\/mnt\/x\/" is shared twice/);
    for (const system of ['/', '/etc', '/usr/', '/var/lib/docker', '/proc']) {
      assert.match(folderSharesProblem(`/home/me:${system}`) ?? '', /a share cannot cover the VM's/, system);
    }
    assert.match(folderSharesProblem('/home/m\te:/mnt/x') ?? '', /control character/);
  });

  it('a folder that is not on this computer is said before the VM is asked anything', async () => {
    const untouched = new Proxy({}, { get: (_target, key) => { throw new Error(`the VM was asked (${String(key)})`); } }) as SshConnection;
    await assert.rejects(mountFolderShares(untouched, [{ hostPath: '/nonexistent/dh-share', guestPath: '/mnt/x' }]), /Sharing \/nonexistent\/dh-share: there is no such folder on this computer/);
  });
});
