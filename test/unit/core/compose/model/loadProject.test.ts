// loadComposeProject as the engine side relies on it: stable JSON for the config hash, positions
// and keys on errors, where services were declared, and the default files.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ComposeFileError } from '../../../../../src/core/compose/model/composeModel';
import { loadComposeProject } from '../../../../../src/core/compose/model/loadProject';

describe('loadComposeProject', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'compose-load-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same service written in another key order serialises to the same JSON', async () => {
    const one = write('one.yaml', 'services:\n  web:\n    image: busybox\n    environment: {B: "2", A: "1"}\n    labels: [z=1, a=2]\n');
    const two = write('two.yaml', 'services:\n  web:\n    labels: {a: "2", z: "1"}\n    environment: [A=1, B=2]\n    image: busybox\n');
    const first = await loadComposeProject({ files: [one], environment: {}, projectName: 'p' });
    const second = await loadComposeProject({ files: [two], environment: {}, projectName: 'p' });
    assert.equal(JSON.stringify(first.services['web']), JSON.stringify(second.services['web']));
    assert.deepEqual(Object.keys(first.services['web']?.environment ?? {}), ['A', 'B']);
  });

  it('servicePositions name the file and line of each service key, the first file that has it', async () => {
    const base = write('compose.yaml', 'services:\n  web:\n    image: busybox\n\n  db:\n    image: busybox\n');
    const override = write('compose.override.yaml', 'services:\n  cache:\n    image: busybox\n  web:\n    image: busybox:2\n');
    const project = await loadComposeProject({ files: [], workingDir: dir, environment: {} });
    assert.deepEqual(project.configFiles, [base, override]);
    assert.deepEqual(project.servicePositions, {
      web: { file: base, line: 2, column: 3 },
      db: { file: base, line: 5, column: 3 },
      cache: { file: override, line: 2, column: 3 },
    });
    assert.equal(project.services['web']?.image, 'busybox:2');
  });

  it('an error carries its position and key as fields, not only in the message', async () => {
    const file = write('compose.yaml', 'services:\n  web:\n    image: busybox\n    ports: ["80:http"]\n');
    const failure = await loadComposeProject({ files: [file], environment: {} }).catch((error: unknown) => error);
    assert.ok(failure instanceof ComposeFileError);
    assert.deepEqual(failure.position, { file, line: 4, column: 13 });
    assert.equal(failure.key, 'services.web.ports[0]');
    assert.match(failure.message, /compose\.yaml:4: services\.web\.ports\[0\]: "80:http" is not a port mapping/);
  });

  it('no files and no default file in the folder: one message naming the folder', async () => {
    await assert.rejects(loadComposeProject({ files: [], workingDir: dir, environment: {} }), (error: unknown) => error instanceof ComposeFileError && error.message.includes(dir));
  });

  it('an unset variable is a warning once, however often it is used', async () => {
    const file = write('compose.yaml', 'services:\n  web:\n    image: "busybox:${TAG}"\n    environment: {T: "${TAG}"}\n');
    const project = await loadComposeProject({ files: [file], environment: {} });
    assert.deepEqual(project.warnings, ['The "TAG" variable is not set. Defaulting to a blank string.']);
    assert.equal(project.services['web']?.image, 'busybox:');
  });

  it('an optional dependency on a missing service is dropped with a warning', async () => {
    const file = write('compose.yaml', 'services:\n  web:\n    image: busybox\n    depends_on:\n      ghost: {condition: service_started, required: false}\n');
    const project = await loadComposeProject({ files: [file], environment: {} });
    assert.deepEqual(project.services['web']?.depends_on, {});
    assert.match(project.warnings?.[0] ?? '', /web depends on ghost \(not required\)/);
  });

  it('relative -f paths are taken from the working dir', async () => {
    write('stack.yaml', 'services:\n  web:\n    image: busybox\n');
    const project = await loadComposeProject({ files: ['stack.yaml'], workingDir: dir, environment: {} });
    assert.deepEqual(project.configFiles, [path.join(dir, 'stack.yaml')]);
    assert.equal(project.name, path.basename(dir).toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, ''));
  });
});
