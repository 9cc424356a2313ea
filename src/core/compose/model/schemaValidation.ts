import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import composeSpecSchema from './schema/compose-spec.json';
import { formatKeyPath, keyPathFromPointer, type KeyPath, type KeyPathSegment } from './keyPath';

/** One way a file's mapping breaks the Compose Specification's schema. */
export interface SchemaProblem {
  /** Where: the key at fault (`key`) or its value. */
  readonly path: KeyPath;
  readonly key: boolean;
  /** Names the key: `services.web.ports[0] must be a number, string or object`. */
  readonly message: string;
}

/** The top-level mappings whose entries each follow one definition (`services.web` → `#/definitions/service`). */
const SECTIONS = ['services', 'networks', 'volumes', 'secrets', 'configs', 'models'] as const;

let compiled: ValidateFunction | undefined;

/** Compiled on first use (about half a second) and kept. */
function validator(): ValidateFunction {
  if (compiled === undefined) {
    // The vendored schema names draft-07 by an https URL ajv does not know; the keywords are draft-07.
    const schema: Record<string, unknown> = { ...(composeSpecSchema as Record<string, unknown>) };
    delete schema['$schema'];
    compiled = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);
  }
  return compiled;
}

/** Enough for an editor or a message; a file with thousands of mistakes is not worth listing them all. */
const MAX_PROBLEMS = 100;

/**
 * The problems (at most one per key and MAX_PROBLEMS in all). ajv gathering every error over a
 * mapping of thousands of `$ref`'d entries is quadratic (it concatenates the errors of each), so
 * the document is checked with its sections' entries left empty, then each entry on its own.
 */
export function validateComposeSchema(value: unknown): SchemaProblem[] {
  const validate = validator();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return validate(value) ? [] : summarise(validate.errors ?? [], value);
  }
  const document = value as Record<string, unknown>;
  const outline: Record<string, unknown> = { ...document };
  const entries: [string, string, unknown][] = [];
  for (const section of SECTIONS) {
    const members = document[section];
    if (typeof members === 'object' && members !== null && !Array.isArray(members)) {
      outline[section] = Object.fromEntries(Object.keys(members).map((key) => [key, {}]));
      for (const [key, member] of Object.entries(members)) {
        entries.push([section, key, member]);
      }
    }
  }
  const problems = validate(outline) ? [] : summarise(validate.errors ?? [], outline);
  for (const [section, key, member] of entries) {
    if (problems.length >= MAX_PROBLEMS) {
      break;
    }
    const single = { [section]: { [key]: member } };
    if (!validate(single)) {
      problems.push(...summarise(validate.errors ?? [], single));
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function summarise(errors: readonly ErrorObject[], root: unknown): SchemaProblem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  // Every proper ancestor of a failing path, so that "a deeper error exists" is one lookup.
  const ancestors = new Set<string>();
  for (const pointer of byPath.keys()) {
    for (let slash = pointer.lastIndexOf('/'); slash > 0; slash = pointer.lastIndexOf('/', slash - 1)) {
      ancestors.add(pointer.slice(0, slash));
    }
    if (pointer !== '') {
      ancestors.add('');
    }
  }
  const problems: SchemaProblem[] = [];
  for (const [pointer, errorsHere] of byPath) {
    let list = errorsHere;
    const path = typedPath(root, keyPathFromPointer(pointer));
    const unknownKeys = list.filter((error) => error.keyword === 'additionalProperties');
    if (unknownKeys.length > 0) {
      for (const error of unknownKeys) {
        const key = String((error.params as { additionalProperty: string }).additionalProperty);
        problems.push({ path: [...path, key], key: true, message: `${where(path)} has a key the Compose Specification does not know: ${key}` });
      }
      list = list.filter((error) => error.keyword !== 'additionalProperties' && error.keyword !== 'type' && error.keyword !== 'oneOf');
      if (list.length === 0) {
        continue;
      }
    }
    // A oneOf whose branches failed deeper down: the deeper error is the one the author meant.
    if (ancestors.has(pointer)) {
      continue;
    }
    problems.push({ path, key: false, message: `${formatKeyPath(path) || 'the file'} ${describe(list, valueAt(root, path))}` });
  }
  return problems;
}

function where(path: KeyPath): string {
  return path.length === 0 ? 'the file' : formatKeyPath(path);
}

function describe(errors: readonly ErrorObject[], value: unknown): string {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const specific = errors.find((error) => !['type', 'oneOf', 'anyOf', 'if', 'then'].includes(error.keyword) && (isObject || error.keyword !== 'required'));
  if (specific !== undefined) {
    return specificMessage(specific);
  }
  const types = [...new Set(errors.filter((error) => error.keyword === 'type').flatMap((error) => typeNames(error.params as { type: string | string[] })))];
  if (types.length > 0) {
    return `must be ${joinOr(types)}, not ${kindOf(value)}`;
  }
  return errors[0]?.message ?? 'is not valid';
}

function specificMessage(error: ErrorObject): string {
  switch (error.keyword) {
    case 'enum':
      return `must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'required':
      return `needs the key ${(error.params as { missingProperty: string }).missingProperty}`;
    case 'uniqueItems':
      return 'has the same item twice';
    case 'pattern':
      return `does not have the expected format (${(error.params as { pattern: string }).pattern})`;
    default:
      return error.message ?? 'is not valid';
  }
}

function typeNames(params: { type: string | string[] }): string[] {
  const names = Array.isArray(params.type) ? params.type : String(params.type).split(',');
  return names.map((name) => (name === 'integer' ? 'an integer' : name === 'object' ? 'a mapping' : name === 'array' ? 'a list' : name === 'null' ? 'empty' : `a ${name}`));
}

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) {
    return 'empty';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'a mapping' : `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the boolean' : 'the string'} ${JSON.stringify(value).slice(0, 40)}`;
}

/** Sequence indexes as numbers, so that `ports[0]` is written and found as one. */
function typedPath(root: unknown, segments: readonly KeyPathSegment[]): KeyPathSegment[] {
  const path: KeyPathSegment[] = [];
  let value = root;
  for (const segment of segments) {
    const step = Array.isArray(value) ? Number(segment) : segment;
    path.push(step);
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[step as string] : undefined;
  }
  return path;
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[segment as string];
  }
  return value;
}
