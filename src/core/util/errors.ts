import { isAbortError } from './abort';

/**
 * Turns a transport or Engine API failure into one sentence a user can act on.
 * The raw error still goes to the log; this is what the tree and notifications show.
 */
export function describeEngineError(error: unknown, address: string, timeoutMs?: number): string {
  const err = error as { code?: unknown; statusCode?: unknown; json?: unknown; reason?: unknown; message?: unknown } | undefined;
  if (isAbortError(error)) {
    return timeoutMs !== undefined
      ? `No answer from ${address} within ${Math.round(timeoutMs / 1000)} s`
      : `Request to ${address} was cancelled`;
  }
  switch (err?.code) {
    case 'ENOENT':
      return `No Docker socket at ${address}: is the engine installed and running?`;
    case 'ECONNREFUSED':
      return `Connection refused by ${address}: is the engine running?`;
    case 'EACCES':
      return `Permission denied on ${address}: add your user to the docker group or fix the socket's permissions`;
    case 'ETIMEDOUT':
      return `Connection to ${address} timed out`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Host of ${address} could not be resolved`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `Connection to ${address} was closed by the other side`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `TLS certificate of ${address} was not accepted (${String(err.code)}): check the machine's CA file`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate of ${address} does not name that address (${String(err.code)}): reach it by a name the certificate has, or regenerate the certificate`;
    case 'CERT_HAS_EXPIRED':
      return `TLS certificate of ${address} has expired (${String(err.code)}): renew it (Regenerate Certificates, for provisioned machines)`;
    case 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE':
    case 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED':
    case 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA':
      return `Engine at ${address} refused the client certificate: check the machine's certificate and key files`;
  }
  const engineMessage = engineErrorMessage(err?.json) ?? (typeof err?.reason === 'string' ? err.reason : undefined);
  if (typeof err?.statusCode === 'number' && engineMessage) {
    return `Engine at ${address} answered ${err.statusCode}: ${engineMessage}`;
  }
  return typeof err?.message === 'string' && err.message !== '' ? err.message : String(error);
}

/** The engine's own words for a failed call (its JSON `message`), else the error's message. */
export function engineMessageOf(error: unknown): string {
  return engineErrorMessage((error as { json?: unknown } | undefined)?.json) ?? String((error as Error | undefined)?.message ?? error);
}

function engineErrorMessage(json: unknown): string | undefined {
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message;
  }
  if (typeof json === 'string' && json.trim() !== '') {
    return json.trim();
  }
  return undefined;
}
