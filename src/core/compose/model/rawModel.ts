import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { readComposeFile, type ComposeFile } from './composeFile';
import { ComposeFileError, type SourcePosition } from './composeModel';
import { readEnvFile } from './envFile';
import { rebaseService, resolveExtends } from './extendsResolution';
import type { InterpolationContext } from './interpolation';
import { mergeValues } from './mergeValues';
import { stripMergeTags } from './mergeTags';
import { describePosition, positionOf } from './yamlDocument';

type Raw = Record<string, unknown>;

/** The files merged into one plain model, before names, profiles and long forms. */
export interface RawModel {
  readonly merged: Raw;
  /** The files read, in order (included ones not counted). */
  readonly files: readonly ComposeFile[];
  readonly servicePositions: Record<string, SourcePosition>;
  /** For each service, the files that declare it, in merge order (for positions of its keys). */
  readonly serviceFiles: Map<string, ComposeFile[]>;
}

/**
 * Reads `files` in order: each interpolated and validated, its `include`s loaded first (each as
 * a model of its own, relative paths resolved against its project directory, then overridden by
 * the including file), its services' `extends` applied, and merged onto the files before it.
 */
export async function loadRawModel(files: readonly string[], workingDir: string, interpolation: InterpolationContext, includeChain: readonly string[] = []): Promise<RawModel> {
  const cache = new Map<string, Promise<ComposeFile>>();
  const readFile = (file: string): Promise<ComposeFile> => {
    let loaded = cache.get(file);
    if (loaded === undefined) {
      loaded = readComposeFile(file, interpolation);
      cache.set(file, loaded);
    }
    return loaded;
  };
  const loaded: ComposeFile[] = [];
  let merged: Raw = {};
  const servicePositions: Record<string, SourcePosition> = {};
  const serviceFiles = new Map<string, ComposeFile[]>();
  const noteServices = (names: readonly string[], file: ComposeFile, positions: Record<string, SourcePosition>): void => {
    for (const name of names) {
      servicePositions[name] ??= positions[name] ?? positionOf(file.yaml, ['services', name], true);
      serviceFiles.set(name, [...(serviceFiles.get(name) ?? []), file]);
    }
  };
  for (const file of files) {
    const composeFile = await readFile(file);
    loaded.push(composeFile);
    for (const included of await loadIncludes(composeFile, workingDir, interpolation, [...includeChain, file])) {
      merged = mergeValues(merged, included.merged, []) as Raw;
      for (const [name, declaredIn] of included.serviceFiles) {
        noteServices([name], declaredIn[0] as ComposeFile, included.servicePositions);
      }
    }
    const topLevel: Raw = { ...composeFile.value };
    delete topLevel['services'];
    delete topLevel['include'];
    const services = await resolveExtends(composeFile, readFile);
    noteServices(Object.keys(services), composeFile, {});
    merged = mergeValues(merged, { ...topLevel, services }, []) as Raw;
  }
  return { merged: stripMergeTags(merged) as Raw, files: loaded, servicePositions, serviceFiles };
}

interface IncludeEntry {
  readonly paths: string[];
  readonly projectDirectory?: string;
  readonly envFiles?: string[];
}

function includeEntries(value: unknown): IncludeEntry[] {
  return (Array.isArray(value) ? value : []).map((entry): IncludeEntry => {
    if (typeof entry === 'string') {
      return { paths: [entry] };
    }
    const long = entry as Raw;
    const list = (item: unknown): string[] => (Array.isArray(item) ? item.map(String) : item === undefined || item === null ? [] : [String(item)]);
    return {
      paths: list(long['path']),
      ...(long['project_directory'] === undefined ? {} : { projectDirectory: String(long['project_directory']) }),
      ...(long['env_file'] === undefined ? {} : { envFiles: list(long['env_file']) }),
    };
  });
}

/** Each `include` entry of a file, loaded as compose-go loads it; a cycle of includes is an error. */
async function loadIncludes(file: ComposeFile, workingDir: string, interpolation: InterpolationContext, chain: readonly string[]): Promise<RawModel[]> {
  const models: RawModel[] = [];
  for (const [index, entry] of includeEntries(file.value['include']).entries()) {
    const at = ['include', index];
    const position = positionOf(file.yaml, at);
    const fail = (message: string): ComposeFileError => new ComposeFileError(`${describePosition(position)}: include: ${message}`, position, `include[${index}]`);
    const paths = entry.paths.map((item) => path.resolve(workingDir, item));
    const main = paths[0];
    if (main === undefined) {
      throw fail('the entry names no file');
    }
    if (chain.includes(main)) {
      throw fail(`include cycle: ${[...chain, main].join(' → ')}`);
    }
    const projectDirectory = entry.projectDirectory === undefined ? path.dirname(main) : path.resolve(workingDir, entry.projectDirectory);
    const envFiles = entry.envFiles === undefined ? [path.join(projectDirectory, '.env')].filter((candidate) => existsSync(candidate)) : entry.envFiles.filter((item) => item !== '/dev/null').map((item) => path.resolve(workingDir, item));
    const variables = new Map<string, string | undefined>();
    for (const envFile of envFiles) {
      let values: Map<string, string | undefined>;
      try {
        values = await readEnvFile(envFile, (name) => interpolation.lookup(name) ?? variables.get(name));
      } catch (failure) {
        throw failure instanceof ComposeFileError ? failure : fail((failure as Error).message);
      }
      values.forEach((value, name) => variables.set(name, value));
    }
    // What the including project knows wins over the included project's env files (compose-go's Merge).
    const included: InterpolationContext = { lookup: (name) => interpolation.lookup(name) ?? variables.get(name), onMissing: interpolation.onMissing };
    const model = await loadRawModel(paths, projectDirectory, included, chain);
    models.push({ ...model, merged: absolutePaths(model.merged, projectDirectory) });
  }
  return models;
}

/** An included model's relative paths, made absolute against its project directory; its `name` is not the project's. */
function absolutePaths(model: Raw, projectDirectory: string): Raw {
  const result: Raw = { ...model };
  delete result['name'];
  const services = (model['services'] ?? {}) as Record<string, Raw>;
  result['services'] = Object.fromEntries(Object.entries(services).map(([name, service]) => [name, rebaseService(service, projectDirectory)]));
  for (const section of ['secrets', 'configs']) {
    const entries = model[section] as Record<string, Raw | null> | undefined;
    if (entries !== undefined) {
      result[section] = Object.fromEntries(
        Object.entries(entries).map(([name, value]) => [name, value !== null && typeof value['file'] === 'string' ? { ...value, file: path.resolve(projectDirectory, value['file']) } : value]),
      );
    }
  }
  return result;
}
