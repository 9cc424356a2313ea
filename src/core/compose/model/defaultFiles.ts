import { statSync } from 'node:fs';
import * as path from 'node:path';

/** The files docker compose looks for when none is named, in the order it prefers them. */
const DEFAULT_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;
/** The override file read after the default file when it is present. */
const OVERRIDE_FILE_NAMES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const;

/** Every file name that is a compose file by name alone (defaults and their overrides). */
export const COMPOSE_FILE_NAMES: readonly string[] = [...DEFAULT_FILE_NAMES, ...OVERRIDE_FILE_NAMES];

export function isComposeFileName(name: string): boolean {
  return COMPOSE_FILE_NAMES.includes(path.basename(name));
}

/** The first default compose file in `dir`, then its override when there is one; absolute paths; [] when none. */
export function findDefaultComposeFiles(dir: string): string[] {
  const main = firstFile(dir, DEFAULT_FILE_NAMES);
  if (main === undefined) {
    return [];
  }
  const override = firstFile(dir, OVERRIDE_FILE_NAMES);
  return override === undefined ? [main] : [main, override];
}

function firstFile(dir: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const candidate = path.resolve(dir, name);
    try {
      if (statSync(candidate).isFile()) {
        return candidate;
      }
    } catch {
      // Not there: try the next name.
    }
  }
  return undefined;
}
