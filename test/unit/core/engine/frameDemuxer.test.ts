import * as assert from 'node:assert/strict';
import { FrameDemuxer } from '../../../../src/core/engine/frameDemuxer';

function frame(type: number, payload: string): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(Buffer.byteLength(payload), 4);
  return Buffer.concat([header, Buffer.from(payload)]);
}

function collect(demuxer: FrameDemuxer): Buffer[] {
  const out: Buffer[] = [];
  demuxer.on('data', (chunk: Buffer) => out.push(chunk));
  return out;
}

describe('FrameDemuxer (non-TTY logs and exec output, frames cut anywhere)', () => {
  it('merges stdout and stderr frames into the plain text, whatever the chunk boundaries', () => {
    const body = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err two\n'), frame(1, 'out three\n')]);
    for (let cut = 1; cut < body.length; cut += 3) {
      const demuxer = new FrameDemuxer();
      const out = collect(demuxer);
      for (let i = 0; i < body.length; i += cut) {
        demuxer.write(body.subarray(i, i + cut));
      }
      assert.equal(Buffer.concat(out).toString(), 'out one\nerr two\nout three\n', `chunks of ${cut}`);
    }
  });

  it('passes a frame that claims 4 GB on as its bytes arrive instead of holding it', () => {
    const header = Buffer.alloc(8);
    header.writeUInt8(1, 0);
    header.writeUInt32BE(0xffffffff, 4);
    const demuxer = new FrameDemuxer();
    const out = collect(demuxer);
    demuxer.write(header);
    const megabyte = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 8; i++) {
      demuxer.write(megabyte);
    }
    assert.equal(out.reduce((sum, chunk) => sum + chunk.length, 0), 8 * 1024 * 1024, 'every byte already passed on');
  });

  it('passes through a body that is not framed (a TTY, or garbage), header bytes included', () => {
    const demuxer = new FrameDemuxer();
    const out = collect(demuxer);
    demuxer.write(Buffer.from('plain text from a tty\n'));
    demuxer.write(Buffer.from('more\n'));
    assert.equal(Buffer.concat(out).toString(), 'plain text from a tty\nmore\n');
  });
});
