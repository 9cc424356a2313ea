import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Credentials for one registry, as the Engine API's X-Registry-Auth wants them. */
export interface RegistryCredentials {
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
  readonly serveraddress: string;
}

const DOCKER_HUB = 'https://index.docker.io/v1/';

/** The registry an image reference lives in: its first component when that names a host. */
export function registryOf(reference: string): string {
  const first = reference.split('/')[0] ?? '';
  const namesHost = reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return namesHost ? first : DOCKER_HUB;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/**
 * Looks up credentials the docker CLI would use: a credential helper (credHelpers, then
 * credsStore) or an `auths` entry of config.json. Undefined when the user has none there.
 */
export async function credentialsFromDockerConfig(registry: string, configDir: string): Promise<RegistryCredentials | undefined> {
  const file = path.join(configDir, 'config.json');
  if (!existsSync(file)) {
    return undefined;
  }
  const config = JSON.parse(readFileSync(file, 'utf8')) as DockerConfig;
  const keys = registry === DOCKER_HUB ? [DOCKER_HUB, 'index.docker.io', 'docker.io'] : [registry, `https://${registry}`, `http://${registry}`];
  const helper = keys.map((key) => config.credHelpers?.[key]).find(Boolean) ?? config.credsStore;
  let helperFailure: unknown;
  if (helper) {
    const fromHelper = await askCredentialHelper(helper, keys[0] as string).catch((error: NodeJS.ErrnoException) => {
      helperFailure = error.code === 'ENOENT' ? undefined : error; // not installed: as the CLI, use auths
      return undefined;
    });
    if (fromHelper) {
      return fromHelper;
    }
  }
  const entry = keys.map((key) => config.auths?.[key]).find((value) => value?.auth || value?.identitytoken);
  if (!entry) {
    if (helperFailure) {
      throw helperFailure;
    }
    return undefined;
  }
  if (entry.identitytoken) {
    return { identitytoken: entry.identitytoken, serveraddress: registry };
  }
  const decoded = Buffer.from(entry.auth ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: registry };
}

/** How long a credential helper may take (it may ask a keychain; it must not hang a pull). */
export const CREDENTIAL_HELPER_TIMEOUT_MS = 10_000;
/** More output than any credential needs is not a credential. */
const MAX_HELPER_OUTPUT = 64 * 1024;

/**
 * `docker-credential-<helper> get`, the protocol the CLI uses (server URL on stdin, JSON out).
 * Undefined when the helper has nothing for that server (non-zero exit, as the protocol says);
 * an error with the helper's name when it hangs, says too much or prints something not JSON.
 */
export function askCredentialHelper(helper: string, serverUrl: string, timeoutMs = CREDENTIAL_HELPER_TIMEOUT_MS): Promise<RegistryCredentials | undefined> {
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { stdio: ['pipe', 'pipe', 'ignore'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    const chunks: Buffer[] = [];
    let length = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_HELPER_OUTPUT) {
        child.kill('SIGKILL');
        return;
      }
      chunks.push(chunk);
    });
    child.on('error', reject);
    child.stdin.on('error', () => undefined); // a helper that exits without reading stdin
    child.on('close', (code, killedBy) => {
      if (killedBy) {
        reject(new Error(length > MAX_HELPER_OUTPUT ? `${program} printed more than ${MAX_HELPER_OUTPUT} bytes` : `${program} did not answer within ${Math.round(timeoutMs / 1000)} s`));
        return;
      }
      if (code !== 0) {
        resolve(undefined);
        return;
      }
      const answer = parseHelperAnswer(Buffer.concat(chunks).toString('utf8'));
      if (!answer) {
        reject(new Error(`${program} did not answer with credentials (its output is not the JSON the credential helper protocol asks for)`));
        return;
      }
      resolve(answer.Username === '<token>' ? { identitytoken: answer.Secret, serveraddress: serverUrl } : { username: answer.Username, password: answer.Secret, serveraddress: serverUrl });
    });
    child.stdin.end(serverUrl);
  });
}

function parseHelperAnswer(output: string): { Username: string; Secret: string } | undefined {
  try {
    const answer = JSON.parse(output) as unknown;
    if (answer && typeof answer === 'object') {
      const { Username, Secret } = answer as { Username?: unknown; Secret?: unknown };
      if (typeof Username === 'string' && typeof Secret === 'string') {
        return { Username, Secret };
      }
    }
  } catch {
    // not JSON: reported by the caller with the helper's name
  }
  return undefined;
}
