import * as path from 'node:path';
import { canonicalService } from './canonicalForms';
import type { ComposeFile } from './composeFile';
import { ComposeFileError } from './composeModel';
import { mergeValues } from './mergeValues';
import { stripMergeTags } from './mergeTags';
import { describePosition, positionOf } from './yamlDocument';

/** Reads another compose file named by `extends.file` (interpolated and checked like the first). */
export type ComposeFileReader = (file: string) => Promise<ComposeFile>;

/**
 * The file's services with `extends` applied: the extended service (from this file or from
 * `extends.file`, itself extended first) with this service merged onto it. A service taken from
 * a file in another folder has its relative paths made absolute against that folder first.
 * A cycle is an error listing it.
 */
export async function resolveExtends(file: ComposeFile, readFile: ComposeFileReader): Promise<Record<string, Record<string, unknown>>> {
  const resolved = new Map<string, Record<string, unknown>>();
  const services = servicesOf(file);
  const result: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(services)) {
    result[name] = await resolveService(file, name, readFile, [], resolved);
  }
  return result;
}

export function servicesOf(file: ComposeFile): Record<string, unknown> {
  const services = file.value['services'];
  return typeof services === 'object' && services !== null ? (services as Record<string, unknown>) : {};
}

async function resolveService(
  file: ComposeFile,
  name: string,
  readFile: ComposeFileReader,
  chain: readonly string[],
  resolved: Map<string, Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const id = `${file.file}#${name}`;
  const done = resolved.get(id);
  if (done !== undefined) {
    return done;
  }
  const label = chain.length === 0 || chain[0]?.startsWith(`${file.file}#`) ? name : `${name} (${file.file})`;
  if (chain.some((entry) => entry.startsWith(`${id}|`))) {
    const start = chain.findIndex((entry) => entry.startsWith(`${id}|`));
    const cycle = [...chain.slice(start).map((entry) => entry.split('|')[1]), label].join(' → ');
    const position = positionOf(file.yaml, ['services', name, 'extends'], true);
    throw new ComposeFileError(`${describePosition(position)}: services.${name}.extends makes a cycle: ${cycle}`, position, `services.${name}.extends`);
  }
  const raw = servicesOf(file)[name];
  if (raw === undefined) {
    throw new ComposeFileError(`${file.file}: there is no service ${name} to extend`);
  }
  const service = canonicalService(raw);
  const extendsValue = service['extends'];
  delete service['extends'];
  let result = service;
  if (extendsValue !== undefined && extendsValue !== null) {
    const spec = typeof extendsValue === 'string' ? { service: extendsValue } : (extendsValue as { service: string; file?: string });
    let source = file;
    if (spec.file !== undefined) {
      const other = path.resolve(file.dir, spec.file);
      try {
        source = other === file.file ? file : await readFile(other);
      } catch (failure) {
        const position = positionOf(file.yaml, ['services', name, 'extends', 'file']);
        throw new ComposeFileError(`${describePosition(position)}: services.${name}.extends.file: ${(failure as Error).message}`, position, `services.${name}.extends.file`);
      }
    }
    if (servicesOf(source)[spec.service] === undefined) {
      const position = positionOf(file.yaml, ['services', name, 'extends']);
      throw new ComposeFileError(
        `${describePosition(position)}: services.${name} extends ${spec.service}, which ${source === file ? 'this file does not define' : `${source.file} does not define`}`,
        position,
        `services.${name}.extends`,
      );
    }
    let base = await resolveService(source, spec.service, readFile, [...chain, `${id}|${label}`], resolved);
    if (source.dir !== file.dir) {
      base = rebaseService(base, source.dir);
    }
    // The extended service's own tags were for its file; this service's tags stay for the next file.
    result = mergeValues(stripMergeTags(base), service, ['services', name]) as Record<string, unknown>;
  }
  resolved.set(id, result);
  return result;
}

/** Relative paths of a service taken from a file in another folder, made absolute against that folder. */
export function rebaseService(service: Record<string, unknown>, dir: string): Record<string, unknown> {
  const result = { ...service };
  const relative = (value: string): boolean => value.startsWith('.') || (!path.isAbsolute(value) && !value.startsWith('~') && !/^[a-z]+:\/\//i.test(value));
  const build = result['build'] as Record<string, unknown> | undefined;
  if (build !== undefined && typeof build['context'] === 'string' && relative(build['context'])) {
    result['build'] = { ...build, context: path.resolve(dir, build['context']) };
  } else if (build !== undefined && build['context'] === undefined) {
    result['build'] = { ...build, context: dir };
  }
  if (Array.isArray(result['env_file'])) {
    result['env_file'] = result['env_file'].map((entry: unknown) =>
      typeof entry === 'string' ? path.resolve(dir, entry) : { ...(entry as Record<string, unknown>), path: path.resolve(dir, String((entry as Record<string, unknown>)['path'])) },
    );
  }
  if (Array.isArray(result['volumes'])) {
    result['volumes'] = result['volumes'].map((entry: unknown) => {
      if (typeof entry === 'string') {
        const [source, ...rest] = entry.split(':');
        return rest.length > 0 && source !== undefined && source.startsWith('.') ? [path.resolve(dir, source), ...rest].join(':') : entry;
      }
      const long = entry as Record<string, unknown>;
      return long['type'] === 'bind' && typeof long['source'] === 'string' && !path.isAbsolute(long['source']) && !long['source'].startsWith('~')
        ? { ...long, source: path.resolve(dir, long['source']) }
        : entry;
    });
  }
  return result;
}
