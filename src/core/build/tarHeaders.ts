// Tar headers written straight into a caller's buffer, byte for byte as tar-stream 2 encodes them
// (ustar, with a PAX header for long or non-ASCII names and long link targets; owners root).

/** A size rounded up to whole 512-byte tar blocks. */
export function padded(size: number): number {
  return Math.ceil(size / 512) * 512;
}

/** Where the name goes in a ustar header (name and prefix), or undefined when it needs a PAX header. */
function ustarName(fullName: string, linkname: string | undefined): { name: string; prefix: string } | undefined {
  let name = fullName;
  let prefix = '';
  if (Buffer.byteLength(name) !== name.length) return undefined; // not ASCII
  while (name.length > 100) {
    const i = name.indexOf('/');
    if (i === -1) return undefined;
    prefix += prefix ? `/${name.slice(0, i)}` : name.slice(0, i);
    name = name.slice(i + 1);
  }
  if (prefix.length > 155) return undefined;
  if (linkname && Buffer.byteLength(linkname) > 100) return undefined;
  return { name, prefix };
}

/** The bytes of an entry's header: one ustar block, or a PAX header block, its data and a ustar block. */
export function headerLength(name: string, linkname: string | undefined): number {
  return ustarName(name, linkname) ? 512 : 1024 + padded(paxData(name, linkname).length);
}

/** Writes an entry's header into a zero-filled buffer; returns its length. */
export function writeHeader(buf: Buffer, offset: number, name: string, typeflag: number, mode: number, mtime: number, size: number, linkname: string | undefined): number {
  const ustar = ustarName(name, linkname);
  if (ustar) {
    encodeHeader(buf, offset, ustar.name, ustar.prefix, typeflag, mode, mtime, size, linkname);
    return 512;
  }
  // tar-stream's _encodePax: the real name and link travel in the PAX data, the headers say PaxHeader.
  const pax = paxData(name, linkname);
  const paxLink = linkname && 'PaxHeader';
  encodeHeader(buf, offset, 'PaxHeader', '', 72, mode, mtime, pax.length, paxLink);
  pax.copy(buf, offset + 512);
  const next = offset + 512 + padded(pax.length);
  encodeHeader(buf, next, 'PaxHeader', '', typeflag, mode, mtime, size, paxLink);
  return next + 512 - offset;
}

function paxData(name: string, linkname: string | undefined): Buffer {
  return Buffer.from(paxRecord('path', name) + (linkname ? paxRecord('linkpath', linkname) : ''));
}

function paxRecord(key: string, value: string): string {
  const text = ` ${key}=${value}\n`;
  const length = Buffer.byteLength(text);
  let digits = Math.floor(Math.log(length) / Math.log(10)) + 1;
  if (length + digits >= Math.pow(10, digits)) digits++;
  return `${length + digits}${text}`;
}

/** tar-stream 2's headers.encode, into a zero-filled 512-byte block at `offset`. */
function encodeHeader(buf: Buffer, offset: number, name: string, prefix: string, typeflag: number, mode: number, mtime: number, size: number, linkname: string | undefined): void {
  buf.write(name, offset, 'latin1');
  buf.write(octal(mode & 0o7777, 6), offset + 100, 'latin1');
  buf.write('000000 \x00000000 ', offset + 108, 'latin1'); // uid and gid 0
  buf.write(octal(size, 11), offset + 124, 'latin1');
  buf.write(octal(mtime, 11), offset + 136, 'latin1');
  buf[offset + 156] = 48 + typeflag;
  if (linkname) buf.write(linkname, offset + 157, 100);
  buf.write('ustar\x0000', offset + 257, 'latin1');
  buf.write('000000 \x00000000 ', offset + 329, 'latin1'); // devmajor and devminor 0
  if (prefix) buf.write(prefix, offset + 345, 'latin1');
  let sum = 8 * 32;
  for (let i = offset; i < offset + 148; i++) sum += buf[i] as number;
  for (let i = offset + 156; i < offset + 512; i++) sum += buf[i] as number;
  buf.write(octal(sum, 6), offset + 148, 'latin1');
}

function octal(value: number, digits: number): string {
  const text = value.toString(8);
  return text.length > digits ? `${'7'.repeat(digits)} ` : `${'0'.repeat(digits - text.length)}${text} `;
}
