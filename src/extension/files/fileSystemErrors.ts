import * as vscode from 'vscode';
import { ContainerFileError, ContainerFileErrorKind } from '../../core/containerFiles/fileErrors';

type Maker = (message: string) => vscode.FileSystemError;

/**
 * FileSystemError per core kind. A gone container is Unavailable, not FileNotFound: VS Code shows
 * its own "file not found" words for FileNotFound, and "the container is gone" is what happened.
 */
const BY_KIND: Readonly<Record<ContainerFileErrorKind, Maker>> = {
  'not-found': (m) => vscode.FileSystemError.FileNotFound(m),
  exists: (m) => vscode.FileSystemError.FileExists(m),
  'not-a-directory': (m) => vscode.FileSystemError.FileNotADirectory(m),
  'is-a-directory': (m) => vscode.FileSystemError.FileIsADirectory(m),
  'read-only': (m) => vscode.FileSystemError.NoPermissions(m),
  'needs-running': (m) => vscode.FileSystemError.NoPermissions(m),
  'no-tool': (m) => vscode.FileSystemError.NoPermissions(m),
  'too-large': (m) => vscode.FileSystemError.Unavailable(m),
  'too-many-entries': (m) => vscode.FileSystemError.Unavailable(m),
  'container-gone': (m) => vscode.FileSystemError.Unavailable(m),
  unavailable: (m) => vscode.FileSystemError.Unavailable(m),
  failed: (m) => vscode.FileSystemError.Unavailable(m),
};

/** What a provider method throws: a FileSystemError of the core failure's kind, with its words. */
export function toFileSystemError(error: unknown): Error {
  if (error instanceof vscode.FileSystemError) {
    return error;
  }
  if (error instanceof ContainerFileError) {
    return BY_KIND[error.kind](error.message);
  }
  return vscode.FileSystemError.Unavailable((error as Error | undefined)?.message ?? String(error));
}

/** A workspace.fs failure's words without VS Code's "(FileNotFound)"-style code suffix. */
export function readableFsMessage(error: unknown): string {
  const message = (error as Error | undefined)?.message ?? String(error);
  return message.replace(/\s*\((FileNotFound|FileExists|FileNotADirectory|FileIsADirectory|NoPermissions|Unavailable|Unknown)\)\s*$/, '');
}
