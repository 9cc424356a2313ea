import { createHash } from 'node:crypto';

/** A server's public host key as it appears in known_hosts: a type name and the base64 blob. */
export interface HostKey {
  readonly type: string;
  readonly base64: string;
}

/** Reads the key type from an SSH wire-format public key blob (a length-prefixed string first). */
export function hostKeyFromBlob(blob: Buffer): HostKey {
  if (blob.length < 4) {
    throw new Error('host key blob is too short');
  }
  const length = blob.readUInt32BE(0);
  if (length === 0 || 4 + length > blob.length) {
    throw new Error('host key blob has no key type');
  }
  return { type: blob.subarray(4, 4 + length).toString('latin1'), base64: blob.toString('base64') };
}

/** The fingerprint exactly as OpenSSH prints it (`ssh-keygen -lf`): SHA256, base64, no padding. */
export function fingerprintOf(key: HostKey): string {
  const digest = createHash('sha256').update(Buffer.from(key.base64, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** Short names for prompts, as ssh-keygen shows them ("ED25519", "RSA"). */
export function keyTypeLabel(type: string): string {
  if (type === 'ssh-ed25519') {
    return 'ED25519';
  }
  if (type === 'ssh-rsa') {
    return 'RSA';
  }
  if (type.startsWith('ecdsa-sha2-')) {
    return 'ECDSA';
  }
  return type;
}

/** Host key signature algorithms, strongest first (ssh-rsa with SHA-1 is left out, as OpenSSH does). */
const HOST_KEY_ALGORITHMS: readonly string[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
];

const ALGORITHMS_OF_TYPE: Readonly<Record<string, readonly string[]>> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256'],
};

/**
 * Offers the key types already in known_hosts first, as OpenSSH does: otherwise a server with
 * several host keys could present one we have never seen and look "unknown" although we know it.
 */
export function hostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const preferred = knownTypes.flatMap((type) => ALGORITHMS_OF_TYPE[type] ?? [type]).filter((a) => HOST_KEY_ALGORITHMS.includes(a));
  return [...new Set([...preferred, ...HOST_KEY_ALGORITHMS])];
}
