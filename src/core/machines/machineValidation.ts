import { Driver, DriverContext, DriverField, FieldValue } from './driver';
import { STORE_PREFIX, StoredMachine } from './machineStore';
import { LOCAL_MACHINE_ID } from './machine';

/**
 * Machines come from files other programs can write (the store, machine files, Docker contexts,
 * Docker Machine): each is checked with its driver's own field types and validators before it is
 * shown, used or saved.
 */
export function validateMachine(machine: StoredMachine, driver: Driver, context: DriverContext): string[] {
  const problems = [...nameProblems(machine.name), ...driver.fields.flatMap((field) => fieldProblems(field, machine.options[field.key], context))];
  return [...problems, ...(driver.validateOptions?.(machine.options) ?? [])];
}

/** The first problem, as one error to throw. */
export function requireValidMachine(machine: StoredMachine, driver: Driver, context: DriverContext): void {
  const problems = validateMachine(machine, driver, context);
  if (problems.length > 0) {
    throw new Error(`${machine.name || 'The machine'} cannot be used: ${problems.join('; ')}`);
  }
}

/** A store entry that is a machine in shape (id, name, driver, options of plain values), or why not. */
export function storedMachineShape(value: unknown): StoredMachine | string {
  const entry = value as Partial<Record<keyof StoredMachine, unknown>> | null;
  if (!entry || typeof entry !== 'object') {
    return 'not an object';
  }
  if (typeof entry.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(entry.id) || entry.id === LOCAL_MACHINE_ID) {
    return `its id ${JSON.stringify(entry.id)} is not a machine id`;
  }
  if (typeof entry.name !== 'string' || typeof entry.driver !== 'string') {
    return 'it has no name or driver';
  }
  if (!entry.options || typeof entry.options !== 'object' || Array.isArray(entry.options)) {
    return 'it has no options';
  }
  const odd = Object.entries(entry.options).find(([, option]) => !['string', 'number', 'boolean'].includes(typeof option));
  return odd ? `option ${odd[0]} is not text, a number or true/false` : (entry as StoredMachine);
}

function nameProblems(name: string): string[] {
  if (name.trim() === '' || name.length > 200 || /\p{Cc}/u.test(name)) {
    return ['Name: needs 1 to 200 characters and no control characters'];
  }
  return name.trim() === LOCAL_MACHINE_ID ? ['Name: "local" is the local engine'] : [];
}

function fieldProblems(field: DriverField, value: FieldValue | undefined, context: DriverContext): string[] {
  if (value === undefined || value === '') {
    return field.required && field.default === undefined ? [`${field.label}: required`] : [];
  }
  const expected = field.type === 'file' ? 'string' : field.type;
  if (typeof value !== expected) {
    return [`${field.label}: ${JSON.stringify(value)} is not ${expected === 'boolean' ? 'true or false' : `a ${expected}`}`];
  }
  if (field.type === 'file' && String(value).startsWith(STORE_PREFIX)) {
    try {
      context.resolvePath(String(value));
      return [];
    } catch (error) {
      return [`${field.label}: ${(error as Error).message}`];
    }
  }
  const problem = field.validate?.(String(value));
  return problem ? [`${field.label}: ${problem}`] : [];
}
