// Mangled compose files (bytes cut, swapped, duplicated, tags and anchors thrown in): the editor
// check always answers with problems, and the per-file loader either loads or throws a
// ComposeFileError, never anything else.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkComposeText } from '../../../../../src/core/compose/model/checkText';
import { composeFileFromText } from '../../../../../src/core/compose/model/composeFile';
import { ComposeFileError } from '../../../../../src/core/compose/model/composeModel';
import { loadComposeProject } from '../../../../../src/core/compose/model/loadProject';

const SAMPLE = `name: demo
x-base: &base
  restart: always
services:
  web:
    <<: *base
    image: "busybox:\${TAG:-1}"
    ports: ["8080:80", {target: 81, published: "8081"}]
    environment: [A=1, "B=\${B:?need B}"]
    volumes: [data:/data:ro]
    depends_on: {db: {condition: service_healthy}}
    command: !reset null
  db:
    image: busybox
    healthcheck: {test: ["CMD", "true"], interval: 5s}
volumes:
  data: {}
`;

const PIECES = ['{', '}', '[', ']', ':', '- ', '&a ', '*a', '!reset ', '!override ', '<<: ', '"', "'", '\n', '  ', '${', '$$', '#', '|', '>', '? ', ',', '\t', 'x-k: 1\n', '---\n'];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function mangle(text: string, next: () => number, most = 4): string {
  let result = text;
  for (let step = 0; step < 1 + Math.floor(next() * most); step++) {
    const at = Math.floor(next() * result.length);
    const kind = Math.floor(next() * 3);
    if (kind === 0) {
      result = result.slice(0, at) + result.slice(at + 1 + Math.floor(next() * 10));
    } else if (kind === 1) {
      result = result.slice(0, at) + (PIECES[Math.floor(next() * PIECES.length)] as string) + result.slice(at);
    } else {
      const from = Math.floor(next() * result.length);
      result = result.slice(0, at) + result.slice(from, from + 20) + result.slice(at);
    }
  }
  return result;
}

describe('compose model: mangled files', function () {
  this.timeout(60_000);

  it('400 mangled variants: problems or a ComposeFileError, nothing else', () => {
    const next = random(7);
    const environment = { lookup: (name: string) => (name === 'B' ? 'b' : undefined), onMissing: () => undefined };
    for (let index = 0; index < 400; index++) {
      const text = mangle(SAMPLE, next);
      const problems = checkComposeText(text, 'c.yaml');
      assert.ok(Array.isArray(problems), `case ${index}`);
      for (const problem of problems) {
        assert.ok(problem.startLine >= 0 && problem.startColumn >= 0 && problem.endLine >= problem.startLine, `case ${index}: ${JSON.stringify(problem)}`);
      }
      try {
        composeFileFromText(text, 'c.yaml', environment);
      } catch (error) {
        assert.ok(error instanceof ComposeFileError, `case ${index}: ${String(error)}\n${text}`);
      }
    }
  });

  it('200 mangled base + override pairs through the whole loader: a project or a ComposeFileError', async () => {
    const next = random(23);
    const dir = mkdtempSync(path.join(tmpdir(), 'compose-fuzz-'));
    const override = 'services:\n  web:\n    environment: {C: "3"}\n    ports: !override ["1:1"]\n    volumes: ["./x:/data"]\n  db:\n    labels: [tier=data]\n';
    let loaded = 0;
    try {
      for (let index = 0; index < 200; index++) {
        writeFileSync(path.join(dir, 'compose.yaml'), mangle(SAMPLE, next, 1));
        writeFileSync(path.join(dir, 'compose.override.yaml'), index % 2 === 0 ? override : mangle(override, next, 1));
        try {
          await loadComposeProject({ files: [], workingDir: dir, environment: { B: 'b' } });
          loaded++;
        } catch (error) {
          assert.ok(error instanceof ComposeFileError, `case ${index}: ${(error as Error).stack}`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Some variants must get through, or normalisation and merging were never exercised.
    assert.ok(loaded >= 20, `${loaded} of 200 loaded`);
  });
});
