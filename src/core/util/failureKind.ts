import { isAbortError } from './abort';

/**
 * Why a machine or a request failed, as a kind the UI can decide on (what to show, what to
 * offer) without reading the sentence meant for people.
 */
export type FailureKind =
  | 'no-socket'
  | 'refused'
  | 'permission-denied'
  | 'timeout'
  | 'unresolved'
  | 'connection-lost'
  | 'tls-untrusted'
  | 'certificate-mismatch'
  | 'certificate-expired'
  | 'client-certificate-refused'
  | 'host-key-changed'
  | 'host-key-unknown'
  | 'auth-failed'
  | 'unsupported'
  | 'engine-error'
  | 'registry-auth'
  | 'in-use'
  | 'other';

export const FAILURE_KINDS: readonly FailureKind[] = [
  'no-socket', 'refused', 'permission-denied', 'timeout', 'unresolved', 'connection-lost', 'tls-untrusted', 'certificate-mismatch',
  'certificate-expired', 'client-certificate-refused', 'host-key-changed', 'host-key-unknown', 'auth-failed', 'unsupported',
  'engine-error', 'registry-auth', 'in-use', 'other',
];

const BY_CODE: Readonly<Record<string, FailureKind>> = {
  ENOENT: 'no-socket',
  ECONNREFUSED: 'refused',
  EACCES: 'permission-denied',
  ETIMEDOUT: 'timeout',
  ENOTFOUND: 'unresolved',
  EAI_AGAIN: 'unresolved',
  ECONNRESET: 'connection-lost',
  EPIPE: 'connection-lost',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls-untrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls-untrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls-untrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate-mismatch',
  CERT_HAS_EXPIRED: 'certificate-expired',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'client-certificate-refused',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'client-certificate-refused',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'client-certificate-refused',
  // SshError codes (ERR_SSH_<failure>), so that core/util needs no import from core/ssh.
  ERR_SSH_HOST_KEY_CHANGED: 'host-key-changed',
  ERR_SSH_HOST_KEY_REVOKED: 'host-key-changed',
  ERR_SSH_HOST_KEY_UNTRUSTED: 'host-key-unknown',
  ERR_SSH_AUTH_FAILED: 'auth-failed',
  ERR_SSH_REFUSED: 'refused',
  ERR_SSH_TIMEOUT: 'timeout',
  ERR_SSH_UNRESOLVED: 'unresolved',
  ERR_SSH_UNREACHABLE: 'refused',
  ERR_SSH_CONNECTION_LOST: 'connection-lost',
  ERR_SSH_CLOSED: 'connection-lost',
  ERR_SSH_ENGINE_UNREACHABLE: 'no-socket',
};

/** Registries word a refused login in several ways; this is the one place that reads them. */
const REGISTRY_AUTH = /unauthorized|authentication required|denied/i;

/** The kind of a transport, TLS, SSH or Engine API failure (see describeEngineError for the words). */
export function failureKindOf(error: unknown): FailureKind {
  if (isAbortError(error)) {
    return 'timeout';
  }
  const err = error as { code?: unknown; statusCode?: unknown; json?: unknown; message?: unknown } | undefined;
  const byCode = typeof err?.code === 'string' ? BY_CODE[err.code] : undefined;
  if (byCode) {
    return byCode;
  }
  if (err?.statusCode === 401 || (typeof err?.message === 'string' && REGISTRY_AUTH.test(err.message))) {
    return 'registry-auth';
  }
  if (err?.statusCode === 409) {
    return 'in-use';
  }
  return typeof err?.statusCode === 'number' ? 'engine-error' : 'other';
}

/** Kinds a new certificate for the engine fixes (Regenerate Certificates on provisioned machines). */
export function isCertificateRenewable(kind: FailureKind | undefined): boolean {
  return kind === 'certificate-mismatch' || kind === 'certificate-expired';
}
