import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ImportCandidate } from './importCandidate';

/** The parts of a Docker Machine `config.json` that say how to reach its engine. */
interface MachineConfig {
  Name?: string;
  DriverName?: string;
  Driver?: { IPAddress?: string; EnginePort?: number; SSHUser?: string; SSHPort?: number };
  HostOptions?: { EngineOptions?: { TlsVerify?: boolean } };
}

/**
 * Machines made by Docker Machine, from its store (`~/.docker/machine/machines/<name>/`):
 * each becomes a TLS machine with copies of that machine's ca.pem, cert.pem and key.pem.
 */
export function listDockerMachines(storageDir: string): ImportCandidate[] {
  const machinesDir = path.join(storageDir, 'machines');
  if (!existsSync(machinesDir)) {
    return [];
  }
  return readdirSync(machinesDir).flatMap((dirName) => {
    const dir = path.join(machinesDir, dirName);
    const configFile = path.join(dir, 'config.json');
    if (!existsSync(configFile)) {
      return [];
    }
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as MachineConfig;
    const address = config.Driver?.IPAddress;
    if (!address) {
      return []; // never started, or a driver that kept no address: nothing to connect to
    }
    const port = config.Driver?.EnginePort ?? 2376;
    const files = (['ca.pem', 'cert.pem', 'key.pem'] as const)
      .filter((name) => existsSync(path.join(dir, name)))
      .map((name) => ({ option: { 'ca.pem': 'caPath', 'cert.pem': 'certPath', 'key.pem': 'keyPath' }[name], name, content: readFileSync(path.join(dir, name)) }));
    return [
      {
        name: config.Name ?? dirName,
        driver: 'tcp',
        options: { host: address, port, tls: true, ...(config.HostOptions?.EngineOptions?.TlsVerify === false ? { skipVerify: true } : {}) },
        files,
        description: `Docker Machine (${config.DriverName ?? 'unknown driver'}) · tcp://${address}:${port}`,
      },
    ];
  });
}
