/** What went wrong on an SSH machine, in the terms a user can act on. */
export type SshFailure =
  | 'host-key-changed'
  | 'host-key-revoked'
  | 'host-key-untrusted'
  | 'auth-failed'
  | 'refused'
  | 'timeout'
  | 'unresolved'
  | 'unreachable'
  | 'connection-lost'
  | 'engine-unreachable'
  | 'closed'
  | 'other';

/**
 * An SSH failure whose message is already the one sentence to show. Its `code` deliberately
 * matches none of the socket codes that describeEngineError words for local engines, so that
 * this message is what reaches the tree ("connection refused: is the engine running?" would
 * send the user to the wrong place).
 */
export class SshError extends Error {
  override readonly name = 'SshError';
  readonly code: string;

  constructor(readonly failure: SshFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = `ERR_SSH_${failure.toUpperCase().replace(/-/g, '_')}`;
  }
}

/** Where a connection went, for messages: "root@127.0.0.1:2222". */
export interface SshAddress {
  readonly user: string;
  readonly hostName: string;
  readonly port: number;
}

export function formatSshAddress(address: SshAddress, withUser = true): string {
  const host = address.hostName.includes(':') ? `[${address.hostName}]` : address.hostName;
  return `${withUser ? `${address.user}@` : ''}${host}:${address.port}`;
}

/**
 * Turns a failure on the SSH path (ours or ssh2's or the socket's) into one sentence a user can
 * act on. The raw error still belongs in the log.
 */
export function describeSshError(error: unknown, address: SshAddress, connectTimeoutMs?: number): string {
  if (error instanceof SshError) {
    return error.message;
  }
  const err = error as { code?: unknown; level?: unknown; message?: unknown } | undefined;
  const where = formatSshAddress(address, false);
  const message = typeof err?.message === 'string' ? err.message : String(error);
  switch (err?.code) {
    case 'ECONNREFUSED':
      return `SSH connection to ${where} was refused — is sshd running there and listening on port ${address.port}?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `SSH host "${address.hostName}" could not be resolved — check the name, or its HostName in ~/.ssh/config`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `SSH host ${where} is not reachable from here — check the network or VPN`;
    case 'ETIMEDOUT':
      return `SSH server ${where} did not answer — check the address, the port and any firewall`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `SSH connection to ${where} was closed by the other side`;
  }
  if (err?.level === 'client-timeout') {
    const within = connectTimeoutMs !== undefined ? ` within ${Math.round(connectTimeoutMs / 1000)} s` : '';
    return /keepalive/i.test(message)
      ? `SSH server ${where} stopped answering keep-alives; the connection was dropped`
      : `SSH server ${where} did not complete the handshake${within} — check the address, the port and any firewall`;
  }
  if (err?.level === 'client-authentication') {
    return `SSH login as ${address.user} to ${where} was refused — add your public key to the host's authorized_keys, load it into ssh-agent, or check the user name`;
  }
  if (err?.level === 'protocol' || err?.level === 'handshake') {
    return `SSH handshake with ${where} failed: ${message}`;
  }
  return `SSH connection to ${where} failed: ${message}`;
}

/** Wraps any failure as an SshError with the user-facing sentence, keeping the original as cause. */
export function toSshError(error: unknown, address: SshAddress, connectTimeoutMs?: number): SshError {
  if (error instanceof SshError) {
    return error;
  }
  return new SshError(failureOf(error), describeSshError(error, address, connectTimeoutMs), { cause: error });
}

function failureOf(error: unknown): SshFailure {
  const err = error as { code?: unknown; level?: unknown } | undefined;
  switch (err?.code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unresolved';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'unreachable';
    case 'ETIMEDOUT':
      return 'timeout';
  }
  if (err?.level === 'client-timeout') {
    return 'timeout';
  }
  if (err?.level === 'client-authentication') {
    return 'auth-failed';
  }
  return 'other';
}
