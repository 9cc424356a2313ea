import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { canonicalService } from './canonicalForms';
import type { ComposeFile } from './composeFile';
import {
  ComposeFileError,
  type ComposeFileObject,
  type ComposeLoadOptions,
  type ComposeNetwork,
  type ComposeProject,
  type ComposeService,
  type ComposeVolume,
  type SourcePosition,
} from './composeModel';
import { findDefaultComposeFiles } from './defaultFiles';
import { checkDependencies, findDependencyCycle } from './dependencies';
import { readEnvFile } from './envFile';
import { servicesOf } from './extendsResolution';
import { FieldError } from './fieldError';
import { formatKeyPath, type KeyPath } from './keyPath';
import { normaliseService } from './normaliseService';
import { activeProfiles, isEnabled } from './profiles';
import { normaliseFileObject, normaliseNetwork, normaliseVolume } from './projectResources';
import { isValidProjectName, normaliseProjectName } from './projectName';
import { loadRawModel } from './rawModel';
import { unappliedServiceKeys } from './unappliedKeys';
import { serviceEnvironment } from './serviceEnvironment';
import type { PathBase } from './serviceVolumes';
import { describePosition, positionOf } from './yamlDocument';

type Raw = Record<string, unknown>;

/**
 * Reads a Compose project as docker compose does: the files (or the default ones), `.env`,
 * interpolation, schema validation, `extends`, overrides merged in order, the project name,
 * profiles, and every short syntax in its long form. Throws ComposeFileError naming file:line
 * and key. Warnings (unset variables, ignored optional dependencies) are on `warnings`.
 */
export async function loadComposeProject(options: ComposeLoadOptions): Promise<ComposeProject> {
  const named = options.files.map((file) => path.resolve(options.workingDir ?? process.cwd(), file));
  const workingDir = path.resolve(options.workingDir ?? (named[0] === undefined ? process.cwd() : path.dirname(named[0])));
  const dotEnv = await readDotEnv(workingDir, options.environment);
  const lookup = (name: string): string | undefined => options.environment[name] ?? dotEnv.get(name);
  const files = named.length > 0 ? named : (composeFileVariable(lookup, workingDir) ?? defaultFiles(workingDir));
  const warnings = new Set<string>();
  const interpolation = {
    lookup,
    onMissing: (name: string) => warnings.add(`The "${name}" variable is not set. Defaulting to a blank string.`),
  };

  const { merged, files: loaded, servicePositions, serviceFiles } = await loadRawModel(files, workingDir, interpolation);

  const name = projectName(options, merged, lookup, workingDir, loaded);
  const base: PathBase = { workingDir, home: options.environment['HOME'] ?? homedir() };
  const profiles = activeProfiles(options.profiles ?? [], lookup('COMPOSE_PROFILES'));

  const services: Record<string, ComposeService> = {};
  const disabledServices: Record<string, ComposeService> = {};
  for (const [serviceName, rawService] of Object.entries((merged['services'] ?? {}) as Record<string, Raw>)) {
    const where = (at: KeyPath): SourcePosition => servicePosition(serviceFiles.get(serviceName) ?? [], serviceName, at) ?? (servicePositions[serviceName] as SourcePosition);
    let service: ComposeService;
    try {
      const canonical = canonicalService(rawService);
      const environment = await serviceEnvironment(canonical, lookup, base);
      service = normaliseService(serviceName, canonical, environment, base, lookup);
    } catch (failure) {
      if (failure instanceof FieldError) {
        const key = formatKeyPath(['services', serviceName, ...failure.path]);
        const position = where(failure.path);
        throw new ComposeFileError(`${describePosition(position)}: ${key}: ${failure.message}`, position, key);
      }
      throw failure;
    }
    if (service.image === undefined && service.build === undefined) {
      const position = where([]);
      throw new ComposeFileError(`${describePosition(position)}: service ${serviceName} has neither an image nor a build context`, position, `services.${serviceName}`);
    }
    const unapplied = unappliedServiceKeys(rawService);
    if (unapplied.length > 0) {
      warnings.add(`service ${serviceName}: Docker Hosts does not apply ${unapplied.join(', ')} yet`);
    }
    (isEnabled(service, profiles) ? services : disabledServices)[serviceName] = service;
  }

  const dependencies = checkDependencies(services, disabledServices);
  const [problem] = dependencies.problems;
  if (problem !== undefined) {
    const position = servicePosition(serviceFiles.get(problem.service) ?? [], problem.service, ['depends_on', problem.dependency]) ?? servicePositions[problem.service];
    throw new ComposeFileError(`${position === undefined ? '' : `${describePosition(position)}: `}${problem.message}`, position, `services.${problem.service}.depends_on`);
  }
  dependencies.warnings.forEach((warning) => warnings.add(warning));
  const withoutOptional = dropMissingOptionalDependencies(services);
  const cycle = findDependencyCycle(withoutOptional);
  if (cycle !== undefined) {
    const position = servicePositions[cycle[0] as string];
    throw new ComposeFileError(`${position === undefined ? '' : `${describePosition(position)}: `}depends_on makes a cycle: ${cycle.join(' → ')}`, position, `services.${cycle[0]}.depends_on`);
  }

  const resources = projectResources(name, merged, { ...withoutOptional, ...disabledServices }, base, servicePositions);
  return {
    name,
    workingDir,
    configFiles: files,
    services: withoutOptional,
    disabledServices,
    ...resources,
    servicePositions,
    ...(warnings.size === 0 ? {} : { warnings: [...warnings] }),
  };
}

/** COMPOSE_FILE (process environment, then .env): files separated by COMPOSE_PATH_SEPARATOR, else ':' (';' on Windows). */
function composeFileVariable(lookup: (name: string) => string | undefined, workingDir: string): string[] | undefined {
  const files = (lookup('COMPOSE_FILE') ?? '')
    .split(lookup('COMPOSE_PATH_SEPARATOR') || path.delimiter)
    .filter((file) => file !== '')
    .map((file) => path.resolve(workingDir, file));
  return files.length > 0 ? files : undefined;
}

function defaultFiles(dir: string): string[] {
  const files = findDefaultComposeFiles(dir);
  if (files.length === 0) {
    throw new ComposeFileError(`No compose file in ${dir} (compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml)`);
  }
  return files;
}

async function readDotEnv(workingDir: string, environment: ComposeLoadOptions['environment']): Promise<Map<string, string | undefined>> {
  const file = path.join(workingDir, '.env');
  if (!existsSync(file)) {
    return new Map();
  }
  try {
    return await readEnvFile(file, (name) => environment[name]);
  } catch (failure) {
    throw failure instanceof ComposeFileError ? failure : new ComposeFileError((failure as Error).message);
  }
}

/**
 * As docker compose v2 (compose-go's name precedence): the `projectName` option, else
 * COMPOSE_PROJECT_NAME (process, then .env), else `name:` (interpolated), else the folder's name.
 * A name given explicitly (option or variable) must already be valid; `name:` and the folder's
 * name are normalised first.
 */
function projectName(options: ComposeLoadOptions, merged: Raw, lookup: (name: string) => string | undefined, workingDir: string, files: readonly ComposeFile[]): string {
  const fromFile = merged['name'] === undefined || merged['name'] === null ? '' : String(merged['name']);
  const candidates: { raw: string | undefined; source: string; normalise: boolean }[] = [
    { raw: options.projectName, source: 'the project name given', normalise: false },
    { raw: lookup('COMPOSE_PROJECT_NAME'), source: 'COMPOSE_PROJECT_NAME', normalise: false },
    { raw: fromFile, source: 'name:', normalise: true },
    { raw: path.basename(workingDir), source: `the folder name ${path.basename(workingDir)}`, normalise: true },
  ];
  for (const { raw, source, normalise } of candidates) {
    if (raw === undefined || raw === '') {
      continue;
    }
    const name = normalise ? normaliseProjectName(raw) : raw;
    if (!isValidProjectName(name)) {
      const named = source === 'name:' ? files.find((file) => file.value['name'] !== undefined) : undefined;
      const position = named === undefined ? undefined : positionOf(named.yaml, ['name']);
      throw new ComposeFileError(
        `${position === undefined ? '' : `${describePosition(position)}: `}"${raw}" (${source}) is not a valid project name: it must start with a lower-case letter or digit and hold only a-z, 0-9, _ and -`,
        position,
        source === 'name:' ? 'name' : undefined,
      );
    }
    return name;
  }
  throw new ComposeFileError('The project has no name');
}

/** Where `services.<name>.<at>` was written: the last file that declares the service and has the key, else the last that declares it. */
function servicePosition(files: readonly ComposeFile[], name: string, at: KeyPath): SourcePosition | undefined {
  for (let index = files.length - 1; index >= 0; index--) {
    const file = files[index] as ComposeFile;
    if (hasPath(servicesOf(file)[name], at)) {
      return positionOf(file.yaml, ['services', name, ...at], at.length === 0 || typeof at[at.length - 1] === 'string');
    }
  }
  const last = files[files.length - 1];
  return last === undefined ? undefined : positionOf(last.yaml, ['services', name], true);
}

function hasPath(value: unknown, at: KeyPath): boolean {
  let current = value;
  for (const segment of at) {
    if (typeof current !== 'object' || current === null) {
      return false;
    }
    current = Array.isArray(current) && typeof segment === 'string' ? current.find((item) => item === segment) : (current as Record<string, unknown>)[segment as string];
    if (current === undefined) {
      return false;
    }
  }
  return true;
}

function dropMissingOptionalDependencies(services: Record<string, ComposeService>): Record<string, ComposeService> {
  const result: Record<string, ComposeService> = {};
  for (const [name, service] of Object.entries(services)) {
    const dependsOn = Object.fromEntries(Object.entries(service.depends_on).filter(([dependency]) => services[dependency] !== undefined));
    result[name] = Object.keys(dependsOn).length === Object.keys(service.depends_on).length ? service : { ...service, depends_on: dependsOn };
  }
  return result;
}

/** Top-level networks, volumes, secrets and configs; `default` added when a service uses it; every reference checked. */
function projectResources(
  project: string,
  merged: Raw,
  services: Record<string, ComposeService>,
  base: PathBase,
  positions: Record<string, SourcePosition>,
): Pick<ComposeProject, 'networks' | 'volumes' | 'secrets' | 'configs'> {
  const section = (key: string): Record<string, Raw> =>
    Object.fromEntries(Object.entries((merged[key] ?? {}) as Record<string, Raw | null>).map(([name, value]) => [name, value ?? {}]));
  const networks: Record<string, ComposeNetwork> = {};
  for (const [key, raw] of Object.entries(section('networks'))) {
    networks[key] = normaliseNetwork(project, key, raw);
  }
  const volumes: Record<string, ComposeVolume> = {};
  for (const [key, raw] of Object.entries(section('volumes'))) {
    volumes[key] = normaliseVolume(project, key, raw);
  }
  const secrets: Record<string, ComposeFileObject> = {};
  for (const [key, raw] of Object.entries(section('secrets'))) {
    secrets[key] = normaliseFileObject(project, key, raw, base);
  }
  const configs: Record<string, ComposeFileObject> = {};
  for (const [key, raw] of Object.entries(section('configs'))) {
    configs[key] = normaliseFileObject(project, key, raw, base);
  }
  const undefinedReference = (service: string, kind: string, name: string): ComposeFileError => {
    const position = positions[service];
    return new ComposeFileError(
      `${position === undefined ? '' : `${describePosition(position)}: `}service ${service} uses the ${kind} ${name}, which the top-level ${kind}s do not define`,
      position,
      `services.${service}`,
    );
  };
  for (const [name, service] of Object.entries(services)) {
    for (const network of Object.keys(service.networks)) {
      if (networks[network] === undefined) {
        if (network !== 'default') {
          throw undefinedReference(name, 'network', network);
        }
        networks['default'] = normaliseNetwork(project, 'default', {});
      }
    }
    for (const volume of service.volumes) {
      if (volume.type === 'volume' && volume.source !== undefined && volumes[volume.source] === undefined) {
        throw undefinedReference(name, 'volume', volume.source);
      }
    }
    for (const secret of service.secrets) {
      if (secrets[secret.source] === undefined) {
        throw undefinedReference(name, 'secret', secret.source);
      }
    }
    for (const config of service.configs) {
      if (configs[config.source] === undefined) {
        throw undefinedReference(name, 'config', config.source);
      }
    }
  }
  return { networks, volumes, secrets, configs };
}
