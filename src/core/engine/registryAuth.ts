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
  if (helper) {
    const fromHelper = await askCredentialHelper(helper, keys[0] as string).catch(() => undefined);
    if (fromHelper) {
      return fromHelper;
    }
  }
  const entry = keys.map((key) => config.auths?.[key]).find((value) => value?.auth || value?.identitytoken);
  if (!entry) {
    return undefined;
  }
  if (entry.identitytoken) {
    return { identitytoken: entry.identitytoken, serveraddress: registry };
  }
  const decoded = Buffer.from(entry.auth ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: registry };
}

/** `docker-credential-<helper> get`, the protocol the CLI uses (server URL on stdin, JSON out). */
function askCredentialHelper(helper: string, serverUrl: string): Promise<RegistryCredentials | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(`docker-credential-${helper}`, ['get'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        resolve(undefined);
        return;
      }
      const answer = JSON.parse(output) as { Username?: string; Secret?: string };
      resolve(answer.Username === '<token>' ? { identitytoken: answer.Secret ?? '', serveraddress: serverUrl } : { username: answer.Username ?? '', password: answer.Secret ?? '', serveraddress: serverUrl });
    });
    child.stdin.end(serverUrl);
  });
}
