// What the BuildKit file sync sends for a planned context: walk order kept, the parent folders
// fsutil needs added, the engine's include patterns honoured, stats in Go's file-mode bits.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planContext } from '../../../../src/core/build/buildContext';
import { contextEntries, statOf } from '../../../../src/core/build/contextSync';
import { outputProblems } from '../../../../src/core/build/buildOutput';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-sync-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('contextEntries and statOf (BuildKit file sync of a planned context)', () => {
  it('adds the excluded folder above an exception, right before its first entry', async () => {
    const dir = folder({ Dockerfile: 'FROM x', '.dockerignore': 'build\n!build/keep.txt\n', 'a.txt': 'a', 'build/keep.txt': 'k', 'build/out.o': 'o', 'z.txt': 'z' });
    const plan = await planContext(dir, path.join(dir, 'Dockerfile'));
    assert.ok(!plan.entries.some((e) => e.name === 'build'), 'the plan itself has no build folder (the tar needs none)');
    assert.deepEqual(contextEntries(plan, []).map((e) => `${e.type}:${e.name}`), [
      'file:.dockerignore', 'file:Dockerfile', 'file:a.txt', 'directory:build', 'file:build/keep.txt', 'file:z.txt',
    ]);
  });

  it('narrows to what the engine includes (followpaths), with the folders that lead there', async () => {
    const dir = folder({ Dockerfile: 'FROM x', '.dockerignore': '', 'src/app/main.c': 'c', 'src/other.c': 'o', 'docs/a.md': 'm' });
    const plan = await planContext(dir, path.join(dir, 'Dockerfile'));
    assert.deepEqual(contextEntries(plan, ['.dockerignore']).map((e) => e.name), ['.dockerignore']);
    assert.deepEqual(contextEntries(plan, ['src/app']).map((e) => e.name), ['src', 'src/app', 'src/app/main.c']);
  });

  it('gives modes in Go file-mode bits, owners as root, mtimes in nanoseconds', () => {
    const base = { mtime: 1, mtimeMs: 1_700_000_000_123.456, size: 0 };
    assert.deepEqual(statOf({ ...base, name: 'd', type: 'directory', mode: 0o755 }), { path: 'd', mode: (0x80000000 | 0o755) >>> 0, uid: 0, gid: 0, size: 0, modTime: 1_700_000_000_123_456_000, linkname: '' });
    assert.equal((statOf({ ...base, name: 'l', type: 'symlink', mode: 0o777, linkTarget: 't' }) as { mode: number }).mode, 0x08000000 | 0o777);
    assert.equal((statOf({ ...base, name: 's', type: 'file', mode: 0o4755, size: 3 }) as { mode: number; size: number }).mode, 0x00800000 | 0o755);
    assert.equal((statOf({ ...base, name: 's', type: 'file', mode: 0o644, size: 3 }) as { size: number }).size, 3);
  });
});

describe('outputProblems (a build output from tasks.json)', () => {
  it('accepts local and tar with an absolute destination, and says what is wrong otherwise', () => {
    assert.deepEqual(outputProblems(undefined), []);
    assert.deepEqual(outputProblems({ type: 'local', dest: '/tmp/out' }), []);
    assert.deepEqual(outputProblems({ type: 'registry', dest: 'out' }), ['output.type must be "local" or "tar"', 'output.dest must be an absolute path']);
    assert.deepEqual(outputProblems('dist'), ['"output" must be an object with "type" and "dest"']);
  });
});
