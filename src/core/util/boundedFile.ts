import { constants, promises as fs } from 'node:fs';

/** Certificates and keys are a few KiB; anything much larger is not one. */
export const CERTIFICATE_SIZE_CAP = 64 * 1024;

/**
 * Reads a small regular file without ever blocking on it: opened non-blocking (a FIFO does not
 * wait for a writer), refused unless fstat says regular file, and never more than `cap` bytes
 * read (so /dev/zero or a file that grows cannot fill memory).
 */
export async function readSmallRegularFile(file: string, cap = CERTIFICATE_SIZE_CAP, what = 'a certificate or key'): Promise<Buffer> {
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new Error(`${file} is not a regular file`);
    }
    if (stat.size > cap) {
      throw new Error(`${file} is larger than ${cap / 1024} KiB, too large for ${what}`);
    }
    const buffer = Buffer.alloc(cap + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) {
        break;
      }
      length += bytesRead;
    }
    if (length > cap) {
      throw new Error(`${file} is larger than ${cap / 1024} KiB, too large for ${what}`);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
