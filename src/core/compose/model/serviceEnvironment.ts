import { existsSync } from 'node:fs';
import { FieldError } from './fieldError';
import { readEnvFile } from './envFile';
import { resolveHostPath, toBoolean, type PathBase } from './serviceVolumes';

/**
 * A service's environment: its `env_file`s in order (a missing one is an error unless
 * `required: false`), then `environment`, which wins. A variable named without a value takes
 * the project's environment (process, then .env), else stays `null` (left out of the container).
 */
export async function serviceEnvironment(
  raw: Record<string, unknown>,
  lookup: (name: string) => string | undefined,
  base: PathBase,
): Promise<Record<string, string | null>> {
  const result: Record<string, string | null> = {};
  const envFiles = Array.isArray(raw['env_file']) ? (raw['env_file'] as unknown[]) : [];
  for (let index = 0; index < envFiles.length; index++) {
    const entry = envFiles[index];
    const long = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : { path: entry };
    const file = resolveHostPath(String(long['path']), base);
    const required = long['required'] === undefined ? true : toBoolean(long['required']);
    if (!required && !existsSync(file)) {
      continue;
    }
    let values: Map<string, string | undefined>;
    try {
      values = await readEnvFile(file, lookup);
    } catch (failure) {
      throw new FieldError(['env_file', index], (failure as Error).message);
    }
    for (const [name, value] of values) {
      result[name] = value ?? lookup(name) ?? null;
    }
  }
  const environment = raw['environment'];
  if (typeof environment === 'object' && environment !== null) {
    for (const [name, value] of Object.entries(environment)) {
      result[name] = value === null || value === undefined ? (lookup(name) ?? null) : String(value);
    }
  }
  return result;
}
