import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDockerHost } from '../../engine/endpoint';
import { ImportCandidate } from './importCandidate';
import { endpointToMachineOptions } from './endpointToMachine';

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

/** The docker CLI's contexts (`docker context ls`), read from `<config dir>/contexts`. */
export function listDockerContexts(configDir: string): ImportCandidate[] {
  const metaRoot = path.join(configDir, 'contexts', 'meta');
  if (!existsSync(metaRoot)) {
    return [];
  }
  return readdirSync(metaRoot).flatMap((digest) => {
    const metaFile = path.join(metaRoot, digest, 'meta.json');
    if (!existsSync(metaFile)) {
      return [];
    }
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as ContextMeta;
    const host = meta.Endpoints?.docker?.Host;
    if (!meta.Name || !host) {
      return [];
    }
    const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
    const files = ['ca.pem', 'cert.pem', 'key.pem']
      .map((name) => ({ name, full: path.join(tlsDir, name) }))
      .filter((file) => existsSync(file.full))
      .map((file) => ({ option: OPTION_OF[file.name] as string, name: file.name, content: readFileSync(file.full) }));
    const endpoint = parseDockerHost(host, files.length > 0 ? { verify: meta.Endpoints?.docker?.SkipTLSVerify !== true } : undefined);
    const mapped = endpointToMachineOptions(endpoint);
    if (!mapped) {
      return [];
    }
    return [{ name: meta.Name, driver: mapped.driver, options: mapped.options, files, description: `Docker context · ${host}` }];
  });
}

const OPTION_OF: Record<string, string> = { 'ca.pem': 'caPath', 'cert.pem': 'certPath', 'key.pem': 'keyPath' };
