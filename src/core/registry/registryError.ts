/**
 * Why a registry request failed, as a kind the UI can act on (offer Add Repository… when the
 * registry keeps its catalog to itself, ask for credentials again after `auth`).
 */
export type RegistryFailure =
  | 'auth' // 401/403 after the credentials were tried, or the token server refused them
  | 'no-catalog' // the registry does not list its repositories
  | 'not-allowed' // the registry does not allow this operation (deleting)
  | 'not-found'
  | 'server' // 5xx
  | 'timeout'
  | 'unreachable' // connection refused, reset, unresolved, TLS failure
  | 'insecure' // plain http where it is not allowed
  | 'protocol'; // an answer that is not what the Distribution API says (too large, not JSON, odd links)

export class RegistryError extends Error {
  constructor(readonly kind: RegistryFailure, message: string) {
    super(message);
    this.name = 'RegistryError';
  }
}

export function isRegistryError(error: unknown, kind?: RegistryFailure): error is RegistryError {
  return error instanceof RegistryError && (kind === undefined || error.kind === kind);
}

/** The first error the registry put in its body (`{"errors":[{"code":"UNSUPPORTED","message":"…"}]}`), if any. */
export function registryErrorOf(body: Buffer): { code: string; message: string } | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
    if (first && typeof first.code === 'string') {
      return { code: first.code, message: typeof first.message === 'string' ? first.message.slice(0, 300) : '' };
    }
  } catch {
    // not the registry's error JSON
  }
  return undefined;
}
