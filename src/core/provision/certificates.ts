import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import * as forge from 'node-forge';

/** The CA and the one client certificate of this computer's machine store; made once, reused for every provisioned machine. */
export interface TlsAuthority { readonly caCert: string; readonly caKey: string; readonly clientCert: string; readonly clientKey: string }
export interface ServerCertificate { readonly cert: string; readonly key: string; readonly notAfter: Date; readonly names: readonly string[] }
export interface CertificateFacts {
  readonly notBefore: Date; readonly notAfter: Date; readonly dnsNames: readonly string[]; readonly ipAddresses: readonly string[]; readonly issuer: string; readonly fingerprint256: string;
}

const DAY_MS = 86_400_000;
const AUTHORITY_VALID_DAYS = 3650;
// The longest validity clients such as Apple's accept for a server certificate; renewing is cheap.
const SERVER_VALID_DAYS = 825;
// Backdating covers a remote machine whose clock runs behind ours.
const CLOCK_SKEW_MS = 3_600_000;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function createAuthority(commonName = 'Docker Hosts CA'): TlsAuthority {
  const ca = newKeyPair();
  const caCert = signCertificate({
    subject: commonName, publicKey: ca.publicKey, validDays: AUTHORITY_VALID_DAYS, now: new Date(), signer: { key: ca.privateKey },
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  const client = newKeyPair();
  const clientCert = signCertificate({
    subject: `${commonName} client`, publicKey: client.publicKey, validDays: AUTHORITY_VALID_DAYS, now: new Date(),
    signer: { cert: forge.pki.certificateFromPem(caCert), key: ca.privateKey },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return { caCert, caKey: ca.privateKey, clientCert, clientKey: client.privateKey };
}

export function createServerCertificate(authority: TlsAuthority, names: readonly string[], options: { validDays?: number; now?: Date } = {}): ServerCertificate {
  if (names.length === 0) throw new Error('A server certificate needs at least one host name or IP address.');
  const problem = names.map(validateCertificateName).find((message) => message !== undefined);
  if (problem) throw new Error(problem);
  const validDays = options.validDays ?? SERVER_VALID_DAYS;
  if (!Number.isFinite(validDays) || validDays <= 0) throw new Error(`A certificate must be valid for some days, not ${JSON.stringify(validDays)}.`);
  // Local connections (an SSH tunnel, the machine itself) must verify too.
  const allNames = [...new Set([...names, '127.0.0.1', 'localhost'].map(canonicalName))];
  const server = newKeyPair();
  const now = options.now ?? new Date();
  const cert = signCertificate({
    // X.520 caps a common name at 64 characters; clients read the alternative names anyway.
    subject: allNames.find((name) => name.length <= 64) ?? 'localhost', publicKey: server.publicKey, validDays, now,
    signer: { cert: forge.pki.certificateFromPem(authority.caCert), key: authority.caKey },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: allNames.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })) },
    ],
  });
  return { cert, key: server.privateKey, notAfter: describeCertificate(cert).notAfter, names: allNames };
}

/** Why this host name or IP address cannot go into a certificate, or undefined when it can. */
export function validateCertificateName(value: string): string | undefined {
  if (isIP(value) !== 0) {
    return value.includes('%') ? `${JSON.stringify(value)} has a zone index (%…), which a certificate cannot name.` : undefined;
  }
  const labels = (value.startsWith('*.') ? value.slice(2) : value).split('.');
  const valid = value.length <= 253 && labels.every((label) => DNS_LABEL.test(label)) && !/^\d+$/.test(labels[labels.length - 1] ?? '');
  return valid ? undefined : `${JSON.stringify(value)} is neither an IP address nor a host name (letters, digits, hyphens and dots; "*." may lead).`;
}

export function describeCertificate(pem: string): CertificateFacts {
  const cert = new X509Certificate(pem);
  const altNames = parseSubjectAltName(cert.subjectAltName ?? '');
  return {
    notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo),
    dnsNames: altNames.filter((n) => n.type === 'DNS').map((n) => n.value),
    ipAddresses: altNames.filter((n) => n.type === 'IP Address').map((n) => canonicalName(n.value)),
    issuer: cert.issuer, fingerprint256: cert.fingerprint256,
  };
}

/** Whether a client dialing this host name or IP address would accept the certificate's names. */
export function certificateCovers(pem: string, address: string): boolean {
  const cert = new X509Certificate(pem);
  const host = address.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) !== 0 ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined;
}

export function issuedBy(pem: string, caPem: string): boolean {
  const cert = new X509Certificate(pem);
  const ca = new X509Certificate(caPem);
  return cert.checkIssued(ca) && cert.verify(ca.publicKey);
}

/** Whole days until the certificate expires; negative once it has. */
export function daysLeft(pem: string, now = new Date()): number {
  return Math.floor((describeCertificate(pem).notAfter.getTime() - now.getTime()) / DAY_MS);
}

interface CertificateSpec {
  readonly subject: string; readonly publicKey: forge.pki.PublicKey; readonly validDays: number; readonly now: Date;
  readonly extensions: object[];
  /** The issuing CA's certificate and key; without a certificate, the certificate signs itself. */
  readonly signer: { readonly cert?: forge.pki.Certificate; readonly key: string };
}

function signCertificate(spec: CertificateSpec): string {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = randomSerial();
  cert.publicKey = spec.publicKey;
  cert.validity.notBefore = new Date(spec.now.getTime() - CLOCK_SKEW_MS);
  cert.validity.notAfter = new Date(spec.now.getTime() + spec.validDays * DAY_MS);
  cert.setSubject([{ name: 'commonName', value: spec.subject }]);
  cert.setIssuer(spec.signer.cert ? spec.signer.cert.subject.attributes : [{ name: 'commonName', value: spec.subject }]);
  // forge's `keyIdentifier: true` would name the new certificate's own key, not the CA's.
  const authorityKeyIdentifier = spec.signer.cert ? [{ name: 'authorityKeyIdentifier', keyIdentifier: subjectKeyIdentifier(spec.signer.cert) }] : [];
  cert.setExtensions([...spec.extensions, ...authorityKeyIdentifier]);
  cert.sign(forge.pki.privateKeyFromPem(spec.signer.key), forge.md.sha256.create()); // forge signs with SHA-1 unless told
  return forge.pki.certificateToPem(cert);
}

function subjectKeyIdentifier(cert: forge.pki.Certificate): string {
  const extension = cert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined;
  return extension?.subjectKeyIdentifier ? forge.util.hexToBytes(extension.subjectKeyIdentifier) : cert.generateSubjectKeyIdentifier().getBytes();
}

/** An RSA key made by Node (native, fast) rather than forge's JavaScript, with the public half in forge's form. */
function newKeyPair(): { privateKey: string; publicKey: forge.pki.PublicKey } {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { privateKey: pair.privateKey, publicKey: forge.pki.publicKeyFromPem(pair.publicKey) };
}

/** 16 random bytes, positive and minimally encoded: Go (the Docker daemon) rejects a DER integer with a redundant leading zero. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) || 0x01;
  return bytes.toString('hex');
}

/** One spelling per name, so duplicates collapse: lower-case host names, compressed IPv6 without a dotted tail (which forge cannot encode). */
function canonicalName(name: string): string {
  if (isIP(name) === 6) return new URL(`http://[${name}]`).hostname.slice(1, -1);
  return isIP(name) === 4 ? name : name.toLowerCase();
}

function parseSubjectAltName(text: string): { type: string; value: string }[] {
  // Node quotes a value that holds a comma or quote as a JSON string.
  return [...text.matchAll(/(DNS|IP Address):("(?:[^"\\]|\\.)*"|[^,]*)/g)].map(([, type = '', value = '']) => ({
    type, value: value.startsWith('"') ? (JSON.parse(value) as string) : value,
  }));
}
