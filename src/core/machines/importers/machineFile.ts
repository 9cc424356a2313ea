import { FieldValue } from '../driver';
import { StoredMachine } from '../machineStore';
import { ImportCandidate } from './importCandidate';

export const MACHINE_FILE_FORMAT = 'docker-hosts-machine';

interface MachineFile {
  format: typeof MACHINE_FILE_FORMAT;
  version: 1;
  name: string;
  driver: string;
  options: Record<string, FieldValue>;
  /** Files the store kept for it (certificates), inlined so the file works on another computer. */
  files: { option: string; name: string; base64: string }[];
}

/**
 * A machine as a file to take to another computer: its options and certificate files, never a
 * secret (passwords and passphrases stay in this computer's secret storage).
 */
export function exportMachine(machine: StoredMachine, readStoreFile: (value: string) => Buffer): string {
  if (machine.driver === 'generic') {
    // Its client key is in this editor's secret storage; a copy elsewhere could not connect, and
    // provisioning the host again from another computer would replace this computer's CA on it.
    throw new Error(`${machine.name} was provisioned from this computer and its client key stays here; on another computer, reach the host as an SSH machine instead`);
  }
  const options: Record<string, FieldValue> = {};
  const files: MachineFile['files'] = [];
  for (const [key, value] of Object.entries(machine.options)) {
    if (typeof value === 'string' && value.startsWith('store:')) {
      files.push({ option: key, name: value.split('/').pop() ?? key, base64: readStoreFile(value).toString('base64') });
    } else {
      options[key] = value;
    }
  }
  const file: MachineFile = { format: MACHINE_FILE_FORMAT, version: 1, name: machine.name, driver: machine.driver, options, files };
  return `${JSON.stringify(file, undefined, 2)}\n`;
}

export function parseMachineFile(text: string): ImportCandidate {
  let value: Partial<MachineFile>;
  try {
    value = JSON.parse(text) as Partial<MachineFile>;
  } catch (error) {
    throw new Error(`Not a machine file: ${(error as Error).message}`);
  }
  if (value.format !== MACHINE_FILE_FORMAT || value.version !== 1 || typeof value.name !== 'string' || typeof value.driver !== 'string' || typeof value.options !== 'object') {
    throw new Error('Not a Docker Hosts machine file (format docker-hosts-machine, version 1)');
  }
  return {
    name: value.name,
    driver: value.driver,
    options: value.options ?? {},
    files: (value.files ?? []).map((f) => ({ option: f.option, name: f.name, content: Buffer.from(f.base64, 'base64') })),
    description: 'exported machine',
  };
}
