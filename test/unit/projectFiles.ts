import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/** The project's root (package.json next to src/), found upwards from here: specs run from out/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'src', 'extension'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('the project root (package.json and src/) was not found');
    dir = parent;
  }
  return dir;
}

/** Every .ts file below `dir`. */
export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? typeScriptFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}
