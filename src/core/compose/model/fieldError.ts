import type { KeyPath } from './keyPath';

/** A value the normaliser cannot take; `path` is relative to the service (`ports[0]`). */
export class FieldError extends Error {
  constructor(
    readonly path: KeyPath,
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}

/** Runs `read`, turning a failure into a FieldError at `path`. */
export function atField<T>(path: KeyPath, read: () => T): T {
  try {
    return read();
  } catch (failure) {
    if (failure instanceof FieldError) {
      throw new FieldError([...path, ...failure.path], failure.message);
    }
    throw new FieldError(path, (failure as Error).message);
  }
}
