import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ImportCandidate, ImportScan, scanEach } from './importCandidate';
import { readJson, readTlsFiles } from './dockerContexts';

/** The parts of a Docker Machine `config.json` that say how to reach its engine (as read: unchecked). */
interface MachineConfig {
  Name?: unknown;
  DriverName?: unknown;
  Driver?: { IPAddress?: unknown; EnginePort?: unknown };
  HostOptions?: { EngineOptions?: { TlsVerify?: unknown } };
}

/**
 * Machines made by Docker Machine, from its store (`~/.docker/machine/machines/<name>/`):
 * each becomes a TLS machine with copies of that machine's ca.pem, cert.pem and key.pem.
 */
export async function listDockerMachines(storageDir: string): Promise<ImportScan> {
  const machinesDir = path.join(storageDir, 'machines');
  const names = await fs.readdir(machinesDir).catch(() => [] as string[]);
  return scanEach(names, (dirName) => readMachine(path.join(machinesDir, dirName), dirName));
}

async function readMachine(dir: string, dirName: string): Promise<ImportCandidate | undefined> {
  const config = await readJson<MachineConfig>(path.join(dir, 'config.json'));
  const address = config?.Driver?.IPAddress;
  if (!config || typeof address !== 'string' || address === '') {
    return undefined; // never started, or a driver that kept no address: nothing to connect to
  }
  const port = config.Driver?.EnginePort ?? 2376;
  const driverName = typeof config.DriverName === 'string' ? config.DriverName : 'unknown driver';
  return {
    name: typeof config.Name === 'string' ? config.Name : dirName,
    driver: 'tcp',
    // Only a boolean false turns verification off; the values are checked by the tcp driver on import.
    options: { host: address, port: port as number, tls: true, ...(config.HostOptions?.EngineOptions?.TlsVerify === false ? { skipVerify: true } : {}) },
    files: await readTlsFiles(dir),
    description: `Docker Machine (${driverName}) · tcp://${address}:${String(port)}`,
  };
}
