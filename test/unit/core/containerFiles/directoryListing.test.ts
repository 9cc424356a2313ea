import * as assert from 'node:assert/strict';
import { directChildName, normalizeContainerPath, parseShellListing } from '../../../../src/core/containerFiles/directoryListing';

describe('container folder listings', () => {
  it("reads the listing script's NUL-ended records, folders first, names with newlines and spaces intact", () => {
    const output = Buffer.from('f/b.txt\0d/etc\0L/etclink\0l/link\0o/dangling\0s/fifo\0f/new\nline\0f/with space\0', 'utf8');
    assert.deepEqual(parseShellListing(output), [
      { name: 'etc', type: 'directory', link: false },
      { name: 'etclink', type: 'directory', link: true },
      { name: 'b.txt', type: 'file', link: false },
      { name: 'dangling', type: 'other', link: true },
      { name: 'fifo', type: 'other', link: false },
      { name: 'link', type: 'file', link: true },
      { name: 'new\nline', type: 'file', link: false },
      { name: 'with space', type: 'file', link: false },
    ]);
  });

  it('leaves out stray output and names that are not one path component', () => {
    const output = Buffer.from('sh: warning\0x/unknown\0f/..\0f/a/b\0f/\0f/ok\0trailing without NUL', 'utf8');
    assert.deepEqual(parseShellListing(output), [{ name: 'ok', type: 'file', link: false }]);
  });

  it("takes a folder's direct children from its recursive archive names", () => {
    assert.equal(directChildName('etc/passwd', 'etc'), 'passwd');
    assert.equal(directChildName('etc/ssl/', 'etc'), 'ssl');
    assert.equal(directChildName('etc/ssl/certs/a.pem', 'etc'), undefined);
    assert.equal(directChildName('etc/', 'etc'), undefined);
    assert.equal(directChildName('other/passwd', 'etc'), undefined);
    assert.equal(directChildName('./bin', '.'), 'bin', 'the archive of / names its entries ./x');
    assert.equal(directChildName('bin', ''), 'bin');
  });

  it('normalises paths to absolute ones that cannot climb above /', () => {
    assert.equal(normalizeContainerPath(''), '/');
    assert.equal(normalizeContainerPath('/'), '/');
    assert.equal(normalizeContainerPath('etc//ssl/'), '/etc/ssl');
    assert.equal(normalizeContainerPath('/../../etc/./passwd'), '/etc/passwd');
  });
});
