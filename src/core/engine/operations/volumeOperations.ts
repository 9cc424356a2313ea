import { EngineClient, SLOW_CALL_ALLOWANCE_MS } from '../engineClient';
import { PruneResult } from './containerOperations';
import { splitShellWords } from '../../util/shellWords';

export interface VolumeSpec {
  readonly name: string;
  readonly driver?: string;
  readonly driverOptions?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** Docker's rule for volume names. */
export function validateVolumeName(name: string): string | undefined {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name) ? undefined : 'Volume names start with a letter or digit and contain only letters, digits, _ . and -';
}

export async function createVolume(client: EngineClient, spec: VolumeSpec): Promise<void> {
  const problem = validateVolumeName(spec.name);
  if (problem) {
    throw new Error(problem);
  }
  await client.call((d, abortSignal) => d.createVolume({ Name: spec.name, Driver: spec.driver ?? 'local', DriverOpts: { ...spec.driverOptions }, Labels: { ...spec.labels }, abortSignal } as never));
}

/** The engine refuses (409) while a container uses the volume; that refusal reaches the user in words. */
export async function removeVolume(client: EngineClient, name: string): Promise<void> {
  await client.call((d, abortSignal) => d.getVolume(name).remove({ abortSignal } as never));
}

export async function pruneVolumes(client: EngineClient, labelFilter?: string): Promise<PruneResult> {
  const filters = labelFilter ? { filters: { label: [labelFilter] } } : {};
  const result = (await client.call((d, abortSignal) => d.pruneVolumes({ ...filters, abortSignal } as never), { allowanceMs: SLOW_CALL_ALLOWANCE_MS })) as { VolumesDeleted?: string[] | null; SpaceReclaimed?: number };
  return { deleted: result.VolumesDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
}

/** "key=value" lines (labels, driver options) as a record; throws on a line without "=". */
/** What is wrong with a space-separated `key=value` list as typed (quotes allowed), or undefined. */
export function keyValueProblem(text: string): string | undefined {
  try {
    parseKeyValues(splitShellWords(text));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function parseKeyValues(lines: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const line of lines.map((l) => l.trim()).filter((l) => l !== '')) {
    const equals = line.indexOf('=');
    if (equals <= 0) {
      throw new Error(`"${line}" is not key=value`);
    }
    record[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return record;
}
