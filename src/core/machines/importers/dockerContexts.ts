import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseDockerHost } from '../../engine/endpoint';
import { readSmallRegularFile } from '../../util/boundedFile';
import { ImportCandidate, ImportScan, scanEach } from './importCandidate';
import { endpointToMachineOptions } from './endpointToMachine';

interface ContextMeta {
  Name?: unknown;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

/** The docker CLI's contexts (`docker context ls`), read from `<config dir>/contexts`. */
export async function listDockerContexts(configDir: string): Promise<ImportScan> {
  const metaRoot = path.join(configDir, 'contexts', 'meta');
  const digests = await fs.readdir(metaRoot).catch(() => [] as string[]);
  return scanEach(digests, (digest) => readContext(configDir, digest));
}

async function readContext(configDir: string, digest: string): Promise<ImportCandidate | undefined> {
  const meta = await readJson<ContextMeta>(path.join(configDir, 'contexts', 'meta', digest, 'meta.json'));
  const host = meta?.Endpoints?.docker?.Host;
  if (!meta || typeof meta.Name !== 'string' || typeof host !== 'string' || meta.Name === '' || host === '') {
    return undefined;
  }
  const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
  const files = await readTlsFiles(tlsDir);
  // Only a boolean true opts out of verification, as in the docker CLI's own JSON.
  const endpoint = parseDockerHost(host, files.length > 0 ? { verify: meta.Endpoints?.docker?.SkipTLSVerify !== true } : undefined);
  const mapped = endpointToMachineOptions(endpoint);
  if (!mapped) {
    return undefined;
  }
  return { name: meta.Name, driver: mapped.driver, options: mapped.options, files, description: `Docker context · ${host}` };
}

const OPTION_OF: Record<string, string> = { 'ca.pem': 'caPath', 'cert.pem': 'certPath', 'key.pem': 'keyPath' };

/** ca.pem, cert.pem and key.pem of a context or machine directory, each a small regular file. */
export async function readTlsFiles(directory: string): Promise<ImportCandidate['files'][number][]> {
  const read = await Promise.all(
    Object.keys(OPTION_OF).map((name) =>
      readSmallRegularFile(path.join(directory, name)).then(
        (content) => ({ option: OPTION_OF[name] as string, name, content }),
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') {
            return undefined;
          }
          throw error;
        },
      ),
    ),
  );
  return read.filter((file) => file !== undefined);
}

/** A small JSON file, or undefined when there is none; anything else is an error naming the file. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  let content: Buffer;
  try {
    content = await readSmallRegularFile(file, 1024 * 1024);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  try {
    return JSON.parse(content.toString('utf8')) as T;
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
}
