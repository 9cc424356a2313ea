import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writePrivateFile } from '../../../../src/core/util/privateFile';

describe('writePrivateFile (exported machines hold a client key)', () => {
  it('creates the file 0600', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-priv-')), 'm.json');
    await writePrivateFile(file, 'secret');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(readFileSync(file, 'utf8'), 'secret');
  });

  it('makes an existing, world-readable file 0600 and replaces all of its content', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-priv-')), 'm.json');
    writeFileSync(file, 'a much longer old content');
    chmodSync(file, 0o644);
    await writePrivateFile(file, 'new');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(readFileSync(file, 'utf8'), 'new');
  });

  it('does not follow a symbolic link to somewhere else', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-priv-'));
    writeFileSync(path.join(dir, 'target'), 'untouched');
    symlinkSync(path.join(dir, 'target'), path.join(dir, 'link'));
    await assert.rejects(writePrivateFile(path.join(dir, 'link'), 'x'), /ELOOP/);
    assert.equal(readFileSync(path.join(dir, 'target'), 'utf8'), 'untouched');
  });
});
