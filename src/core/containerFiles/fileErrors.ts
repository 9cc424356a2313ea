import { describeEngineError, engineMessageOf } from '../util/errors';
import { failureKindOf } from '../util/failureKind';

/**
 * What went wrong with a file in a container, as a kind the adapter maps to its own error types
 * (FileSystemError) without reading the sentence meant for people.
 */
export type ContainerFileErrorKind =
  | 'not-found'
  | 'exists'
  | 'not-a-directory'
  | 'is-a-directory'
  | 'read-only'
  | 'too-large'
  | 'too-many-entries'
  /** The container is gone (removed), so nothing of it can be read or written. */
  | 'container-gone'
  /** Delete, rename and listing by shell run a process in the container: it must be running and have the tool. */
  | 'needs-running'
  | 'no-tool'
  | 'unavailable'
  | 'failed';

export class ContainerFileError extends Error {
  override readonly name = 'ContainerFileError';

  constructor(readonly kind: ContainerFileErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isContainerFileError(error: unknown, kind?: ContainerFileErrorKind): error is ContainerFileError {
  return error instanceof ContainerFileError && (kind === undefined || error.kind === kind);
}

/**
 * The engine's words for a write to a read-only file system (Docker 20.10 answers them with 500,
 * newer engines with 403): "container rootfs is marked read-only", "mounted volume is marked read-only".
 */
const READ_ONLY = /marked read-only|read-only file system/i;

/** Transport failures: the machine, not the file, is the problem. */
const TRANSPORT = new Set(['no-socket', 'refused', 'timeout', 'unresolved', 'connection-lost', 'tls-untrusted', 'certificate-mismatch', 'certificate-expired', 'client-certificate-refused', 'host-key-changed', 'host-key-unknown', 'auth-failed']);

export interface FailureContext {
  /** The path the call was about, for the message. */
  readonly path: string;
  /** The machine's address, for transport messages. */
  readonly address: string;
  /** Asked on a 404 (which the engine answers for a missing container and a missing path alike). */
  readonly containerExists: () => Promise<boolean>;
}

/** Turns an Engine API failure of an archive call into a ContainerFileError of the right kind. */
export async function toContainerFileError(error: unknown, context: FailureContext): Promise<ContainerFileError> {
  if (error instanceof ContainerFileError) {
    return error;
  }
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 404) {
    if (!(await context.containerExists().catch(() => true))) {
      return new ContainerFileError('container-gone', `The container is gone (removed?), so ${context.path} cannot be reached any more`, { cause: error });
    }
    return new ContainerFileError('not-found', `${context.path} does not exist in the container`, { cause: error });
  }
  if (status === 403 || (typeof status === 'number' && READ_ONLY.test(engineMessageOf(error)))) {
    return new ContainerFileError('read-only', `${context.path} is on a read-only file system in the container (${engineMessageOf(error)}); nothing was written`, { cause: error });
  }
  if (TRANSPORT.has(failureKindOf(error))) {
    return new ContainerFileError('unavailable', describeEngineError(error, context.address), { cause: error });
  }
  return new ContainerFileError('failed', `${context.path}: ${typeof status === 'number' ? engineMessageOf(error) : describeEngineError(error, context.address)}`, { cause: error });
}
