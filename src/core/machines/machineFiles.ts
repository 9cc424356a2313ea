import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EngineEndpoint } from '../engine/endpoint';
import { readSmallRegularFile } from '../util/boundedFile';

/** The files a connection to this endpoint will read: TLS certificates and key, SSH identity files. */
export function filesReadFor(endpoint: EngineEndpoint): string[] {
  if (endpoint.kind === 'tcp') {
    return [endpoint.tls?.caPath, endpoint.tls?.certPath, endpoint.tls?.keyPath].filter((file): file is string => file !== undefined);
  }
  return endpoint.kind === 'ssh' ? [...(endpoint.identityFiles ?? [])] : [];
}

/**
 * Why the endpoint's files cannot be used, or undefined: each must be a small regular file (read
 * here asynchronously and bounded, so a FIFO or /dev/zero named by a hostile machine fails fast
 * instead of blocking the extension host when the connection reads it), and one inside the store
 * must really be there (no symbolic link out of it). A missing file is left to the connection.
 */
export async function endpointFileProblem(endpoint: EngineEndpoint, storeDirectory: string): Promise<string | undefined> {
  const problems = await Promise.all(filesReadFor(endpoint).map((file) => fileProblem(file, storeDirectory)));
  return problems.find((problem) => problem !== undefined);
}

async function fileProblem(file: string, storeDirectory: string): Promise<string | undefined> {
  try {
    const store = await fs.realpath(storeDirectory).catch(() => path.resolve(storeDirectory));
    if (path.resolve(file).startsWith(`${path.resolve(storeDirectory)}${path.sep}`)) {
      const real = await fs.realpath(file);
      if (!real.startsWith(`${store}${path.sep}`)) {
        return `${file} leads out of the machine store`;
      }
    }
    await readSmallRegularFile(file);
    return undefined;
  } catch (error) {
    // A missing file is the connection's to report, as it always was; it cannot block.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : (error as Error).message;
  }
}
