import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { projectRoot, typeScriptFiles } from '../projectFiles';

// Folders follow data one way (DESIGN.md): core/<area> and extension/<area> must not import each
// other in a circle. The files directly in src/extension (activate(), the Services bundle, the
// API) are the composition root, which by design knows every folder; they are left out.

const SRC = path.join(projectRoot(), 'src');

/** "core/engine", "extension/commands"; undefined for the composition root's own files. */
function folderOf(file: string): string | undefined {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : undefined;
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of typeScriptFiles(SRC)) {
    const from = folderOf(file);
    for (const imported of ts.preProcessFile(readFileSync(file, 'utf8')).importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      const to = folderOf(path.resolve(path.dirname(file), imported.fileName));
      if (from && to && from !== to) {
        graph.set(from, (graph.get(from) ?? new Set()).add(to));
      }
    }
  }
  return graph;
}

/** Each cycle once, as "a -> b -> a". */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, at: string, trail: string[]): void => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) {
        const ring = [...trail];
        const first = ring.indexOf([...ring].sort()[0] ?? '');
        found.add([...ring.slice(first), ...ring.slice(0, first), ring[first]].join(' -> '));
      } else if (!trail.includes(next) && next > start) {
        walk(start, next, [...trail, next]);
      }
    }
  };
  for (const start of graph.keys()) walk(start, start, [start]);
  return [...found].sort();
}

describe('folders follow data one way', () => {
  const graph = folderGraph();

  it('sees the imports between folders', () => {
    assert.ok(graph.get('extension/commands')?.has('core/engine'), 'commands use core/engine');
  });

  it('core never imports the extension', () => {
    const upward = [...graph].filter(([from, to]) => from.startsWith('core/') && [...to].some((t) => t.startsWith('extension/')));
    assert.deepEqual(upward, []);
  });

  it('no two folders import each other, directly or around a circle', () => {
    assert.deepEqual(cycles(graph), []);
  });
});
