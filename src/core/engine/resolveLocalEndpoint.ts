import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_UNIX_SOCKET, EngineEndpoint, parseDockerHost, TlsFiles } from './endpoint';

export interface ResolvedEndpoint {
  readonly endpoint: EngineEndpoint;
  /** How it was found, e.g. "DOCKER_HOST" or "context colima"; shown in the machine's tooltip. */
  readonly source: string;
}

/**
 * Finds the local engine the way the docker CLI does: DOCKER_HOST, else DOCKER_CONTEXT or the
 * config's currentContext, else the default socket. Reads files only; never writes them.
 */
export function resolveLocalEndpoint(env: NodeJS.ProcessEnv, homeDir: string): ResolvedEndpoint {
  const configDir = nonEmpty(env.DOCKER_CONFIG) ?? path.join(homeDir, '.docker');
  const dockerHost = nonEmpty(env.DOCKER_HOST);
  if (dockerHost) {
    return { endpoint: parseDockerHost(dockerHost, tlsFromEnvironment(env, configDir)), source: 'DOCKER_HOST' };
  }
  const contextName = nonEmpty(env.DOCKER_CONTEXT) ?? currentContextFromConfig(configDir);
  if (contextName && contextName !== 'default') {
    return { endpoint: endpointOfContext(configDir, contextName), source: `context ${contextName}` };
  }
  return { endpoint: { kind: 'unix', socketPath: DEFAULT_UNIX_SOCKET }, source: 'default socket' };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** DOCKER_TLS_VERIFY turns on verified TLS; DOCKER_TLS alone is the CLI's unverified TLS. */
function tlsFromEnvironment(env: NodeJS.ProcessEnv, configDir: string): TlsFiles | undefined {
  const verify = nonEmpty(env.DOCKER_TLS_VERIFY) !== undefined;
  if (!verify && nonEmpty(env.DOCKER_TLS) === undefined) {
    return undefined;
  }
  const certDir = nonEmpty(env.DOCKER_CERT_PATH) ?? configDir;
  return tlsFilesIn(certDir, verify);
}

function tlsFilesIn(dir: string, verify: boolean): TlsFiles {
  const file = (name: string): string | undefined => {
    const full = path.join(dir, name);
    return existsSync(full) ? full : undefined;
  };
  const ca = file('ca.pem');
  const cert = file('cert.pem');
  const key = file('key.pem');
  return { verify, ...(ca && { caPath: ca }), ...(cert && { certPath: cert }), ...(key && { keyPath: key }) };
}

function currentContextFromConfig(configDir: string): string | undefined {
  const configFile = path.join(configDir, 'config.json');
  if (!existsSync(configFile)) {
    return undefined;
  }
  try {
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' ? nonEmpty(config.currentContext) : undefined;
  } catch (error) {
    throw new Error(`${configFile} is not valid JSON: ${(error as Error).message}`);
  }
}

interface ContextMeta {
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

/** Context stores are keyed by the SHA-256 of the context name (docker/cli context/store). */
function endpointOfContext(configDir: string, name: string): EngineEndpoint {
  const digest = createHash('sha256').update(name).digest('hex');
  const metaFile = path.join(configDir, 'contexts', 'meta', digest, 'meta.json');
  if (!existsSync(metaFile)) {
    return { kind: 'unsupported', url: `context ${name}`, reason: `Docker context "${name}" does not exist (${metaFile} is missing)` };
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as ContextMeta;
  const docker = meta.Endpoints?.docker;
  if (!docker?.Host) {
    return { kind: 'unsupported', url: `context ${name}`, reason: `Docker context "${name}" has no docker endpoint` };
  }
  const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
  const tls = existsSync(tlsDir) ? tlsFilesIn(tlsDir, docker.SkipTLSVerify !== true) : undefined;
  return parseDockerHost(docker.Host, tls);
}
