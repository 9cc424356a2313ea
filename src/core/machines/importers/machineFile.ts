import { CERTIFICATE_SIZE_CAP } from '../../util/boundedFile';
import { Driver, FieldValue } from '../driver';
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

export interface ExportedMachine {
  readonly text: string;
  /** True when the machine's client key is inlined: whoever has the file can use the engine. */
  readonly containsClientKey: boolean;
}

/**
 * A machine as a file to take to another computer: its options and certificate files, never a
 * secret (passwords and passphrases stay in this computer's secret storage).
 */
export async function exportMachine(machine: StoredMachine, driver: Pick<Driver, 'exportRefusal'> | undefined, readStoreFile: (value: string) => Promise<Buffer>): Promise<ExportedMachine> {
  const refusal = driver?.exportRefusal?.(machine);
  if (refusal) {
    throw new Error(refusal);
  }
  const options: Record<string, FieldValue> = {};
  const files: MachineFile['files'] = [];
  for (const [key, value] of Object.entries(machine.options)) {
    if (typeof value === 'string' && value.startsWith('store:')) {
      files.push({ option: key, name: value.split('/').pop() ?? key, base64: (await readStoreFile(value)).toString('base64') });
    } else {
      options[key] = value;
    }
  }
  const file: MachineFile = { format: MACHINE_FILE_FORMAT, version: 1, name: machine.name, driver: machine.driver, options, files };
  return { text: `${JSON.stringify(file, undefined, 2)}\n`, containsClientKey: files.some((f) => f.option === 'keyPath') };
}

function isInlinedFile(value: unknown): value is MachineFile['files'][number] {
  const file = value as Partial<MachineFile['files'][number]> | null;
  return !!file && typeof file.option === 'string' && typeof file.name === 'string' && typeof file.base64 === 'string' && file.base64.length <= (CERTIFICATE_SIZE_CAP * 4) / 3 + 4;
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
  const files: unknown = value.files ?? [];
  if (!Array.isArray(files) || !files.every(isInlinedFile)) {
    throw new Error('Not a Docker Hosts machine file: its files are not a list of {option, name, base64} of at most 64 KiB each');
  }
  return {
    name: value.name,
    driver: value.driver,
    options: value.options ?? {},
    files: files.map((f) => ({ option: f.option, name: f.name, content: Buffer.from(f.base64, 'base64') })),
    description: 'exported machine',
  };
}
