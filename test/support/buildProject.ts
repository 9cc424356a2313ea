// A throwaway build project for build tests: a Dockerfile and the files beside it, in a new
// temporary folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function buildProject(dockerfile: string, files: Record<string, string> = {}, prefix = 'dh-build-'): { dir: string; dockerfile: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return { dir, dockerfile: path.join(dir, 'Dockerfile') };
}
