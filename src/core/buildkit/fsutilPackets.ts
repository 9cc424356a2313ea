// fsutil's file sync protocol, as BuildKit speaks it in both directions: the side with the files
// sends a STAT per entry (walk order) and an empty STAT, the other side asks for files by their
// STAT's index (REQ), the content comes as DATA (an empty DATA ends a file), and FIN ends it.

export const PACKET_STAT = 0;
export const PACKET_REQ = 1;
export const PACKET_DATA = 2;
export const PACKET_FIN = 3;
export const PACKET_ERR = 4;

/** Go's os.FileMode bits, which fsutil's Stat.mode carries. */
export const GO_MODE_DIR = 0x80000000;
export const GO_MODE_SYMLINK = 0x08000000;
export const GO_MODE_SETUID = 0x00800000;
export const GO_MODE_SETGID = 0x00400000;
export const GO_MODE_STICKY = 0x00100000;
/** Device, pipe, socket and other non-regular kinds. */
export const GO_MODE_SPECIAL = 0x04000000 | 0x02000000 | 0x01000000 | 0x00200000 | 0x00080000 | 0x00040000 | 0x00010000;

export interface Packet {
  readonly type?: number;
  readonly ID?: number;
  readonly data?: Buffer;
  readonly stat?: { readonly path?: string; readonly mode?: number; readonly size?: number; readonly linkname?: string } | null;
}
