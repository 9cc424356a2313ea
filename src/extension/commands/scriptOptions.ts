// The one shape in which scripts, tests, keybindings and other extensions pass arguments to a
// command. It carries `programmatic: true`, which no menu ever passes, so a menu's own arguments
// (a node and the selection, a URI and the selected URIs) can never be read as a tag or a flag.
// No `vscode` import: unit tests use the guards.

export interface ScriptOptions {
  readonly programmatic: true;
  /** The machine (by id) the command acts on, instead of a tree node or a pick. */
  readonly machine?: string;
  readonly [field: string]: unknown;
}

/** Marks an options object as the programmatic shape: `executeCommand(id, scripted({ tag }))`. */
export function scripted<T extends Record<string, unknown>>(options: T): T & { readonly programmatic: true } {
  return { ...options, programmatic: true };
}

export function isScriptOptions(value: unknown): value is ScriptOptions {
  return isRecord(value) && value.programmatic === true && (value.machine === undefined || typeof value.machine === 'string');
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A guard for one option's value. */
export type Check<T> = (value: unknown) => value is T;

export const isString: Check<string> = (value): value is string => typeof value === 'string';
export const isBoolean: Check<boolean> = (value): value is boolean => typeof value === 'boolean';
export const isStrings: Check<readonly string[]> = (value): value is readonly string[] => Array.isArray(value) && value.every(isString);

export function isOneOf<T extends string>(...allowed: readonly T[]): Check<T> {
  return (value): value is T => typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/**
 * An object whose fields the core operation validates itself (a run spec, a network spec): only
 * its being an object is checked here, so that a wrong type fails there with a message.
 */
export function isSpec<T extends object>(): Check<Partial<T>> {
  return (value): value is Partial<T> => isRecord(value);
}

export type Schema = Readonly<Record<string, Check<unknown>>>;
export type OptionsOf<S extends Schema> = { readonly [K in keyof S]?: S[K] extends Check<infer T> ? T : never };

/** The declared options of a command, each checked; an undeclared or ill-typed one is an error. */
export function readOptions<S extends Schema>(options: ScriptOptions | undefined, schema: S): OptionsOf<S> {
  if (!options) {
    return {};
  }
  const read: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'programmatic' || key === 'machine' || value === undefined) {
      continue;
    }
    const check = schema[key];
    if (!check) {
      throw new Error(`Unknown option "${key}" (known: ${['machine', ...Object.keys(schema)].join(', ')})`);
    }
    if (!check(value)) {
      throw new Error(`Option "${key}" has the wrong type: ${JSON.stringify(value)}`);
    }
    read[key] = value;
  }
  return read as OptionsOf<S>; // each field passed its own check above
}
