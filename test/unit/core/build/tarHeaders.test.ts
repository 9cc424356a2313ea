import * as assert from 'node:assert/strict';
import * as tarStream from 'tar-stream';
import { headerLength, padded, writeHeader } from '../../../../src/core/build/tarHeaders';

interface Entry {
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink';
  readonly mode: number;
  readonly mtime: number;
  readonly content?: string;
  readonly linkname?: string;
}

const TYPEFLAG = { file: 0, directory: 5, symlink: 2 } as const;

/** The archive tar-stream 2 writes for these entries, named as the packer named them before it wrote its own headers. */
async function viaTarStream(entries: readonly Entry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => pack.on('end', resolve));
  for (const e of entries) {
    const content = Buffer.from(e.content ?? '');
    pack.entry({ name: e.type === 'directory' ? `${e.name}/` : e.name, type: e.type, mode: e.mode, mtime: new Date(e.mtime * 1000), size: content.length, uid: 0, gid: 0, ...(e.linkname && { linkname: e.linkname }) }, e.type === 'file' ? content : undefined);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

function viaOurHeaders(entries: readonly Entry[]): Buffer {
  const buffer = Buffer.alloc(1024 * 1024);
  let used = 0;
  for (const e of entries) {
    const content = Buffer.from(e.content ?? '');
    const name = e.type === 'directory' ? `${e.name}/` : e.name;
    const before = used;
    used += writeHeader(buffer, used, name, TYPEFLAG[e.type], e.mode, e.mtime, content.length, e.linkname);
    assert.equal(used - before, headerLength(name, e.linkname), `headerLength agrees with writeHeader for ${name}`);
    content.copy(buffer, used);
    used += padded(content.length);
  }
  return buffer.subarray(0, used + 1024);
}

describe('tar headers (byte for byte as tar-stream 2 writes them)', () => {
  it('match tar-stream for plain, split, PAX (long and non-ASCII) names, directories, symlinks and odd modes', async () => {
    const deep = `${'segment/'.repeat(18)}file.txt`; // 152 characters: split into prefix and name
    const entries: Entry[] = [
      { name: 'Dockerfile', type: 'file', mode: 0o644, mtime: 1_700_000_000, content: 'FROM scratch\n' },
      { name: 'dir', type: 'directory', mode: 0o755, mtime: 1_700_000_001 },
      { name: deep, type: 'file', mode: 0o600, mtime: 1_700_000_002, content: 'x'.repeat(513) },
      { name: `${'n'.repeat(120)}.txt`, type: 'file', mode: 0o4755, mtime: 1_700_000_003, content: 'long single name' },
      { name: 'café/naïve ü.txt', type: 'file', mode: 0o640, mtime: 1_700_000_004, content: 'non-ASCII name' },
      { name: 'link', type: 'symlink', mode: 0o777, mtime: 1_700_000_005, linkname: 'Dockerfile' },
      { name: 'long-link', type: 'symlink', mode: 0o777, mtime: 1_700_000_006, linkname: `${'t'.repeat(110)}/ziel-ü` },
      { name: 'empty', type: 'file', mode: 0o644, mtime: 0, content: '' },
      { name: 'exactly-512', type: 'file', mode: 0o644, mtime: 1_700_000_007, content: 'y'.repeat(512) },
    ];
    const ours = viaOurHeaders(entries);
    const theirs = await viaTarStream(entries);
    assert.equal(ours.length, theirs.length);
    assert.ok(ours.equals(theirs), 'the archives are identical, byte for byte');
  });
});
