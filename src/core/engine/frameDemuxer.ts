import { Transform, TransformCallback } from 'node:stream';

/**
 * Turns a non-TTY attach/logs/exec body (8-byte header frames: stream type, 3 zero bytes, length)
 * into the plain merged output, passing each payload on as it arrives. docker-modem's demuxer
 * keeps a frame until its declared length (up to 4 GB) has arrived, concatenating at every
 * chunk; this one holds at most one 8-byte header. A header that is not a frame header (a TTY
 * body, or garbage) switches to passing everything through, as docker-modem does.
 */
export class FrameDemuxer extends Transform {
  private readonly header = Buffer.alloc(8);
  private headerFilled = 0;
  private payloadLeft = 0;
  private passThrough = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.passThrough) {
        this.push(chunk.subarray(offset));
        break;
      }
      if (this.payloadLeft > 0) {
        const length = Math.min(this.payloadLeft, chunk.length - offset);
        this.push(chunk.subarray(offset, offset + length));
        this.payloadLeft -= length;
        offset += length;
        continue;
      }
      const length = Math.min(8 - this.headerFilled, chunk.length - offset);
      chunk.copy(this.header, this.headerFilled, offset, offset + length);
      this.headerFilled += length;
      offset += length;
      if (this.headerFilled === 8) {
        this.headerFilled = 0;
        const type = this.header[0] ?? 255;
        if (type > 2 || this.header[1] !== 0 || this.header[2] !== 0 || this.header[3] !== 0) {
          this.passThrough = true;
          this.push(Buffer.from(this.header));
        } else {
          this.payloadLeft = this.header.readUInt32BE(4);
        }
      }
    }
    done();
  }
}
