// The fixture corpus: each folder under fixtures/ is a small compose project with a case.json
// saying what it proves and what the loader must produce (values at key paths of the resolved
// project, `$DIR` standing for the folder) or the error it must throw (all the fragments named).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ComposeFileError } from '../../../../../src/core/compose/model/composeModel';
import { loadComposeProject } from '../../../../../src/core/compose/model/loadProject';
import { projectRoot } from '../../../projectFiles';

interface FixtureCase {
  readonly proves: string;
  readonly files?: string[];
  readonly workingDir?: string;
  readonly environment?: Record<string, string>;
  readonly profiles?: string[];
  readonly projectName?: string;
  /** Dotted key path (`services.web.ports`) → the value there. */
  readonly expect?: Record<string, unknown>;
  /** A file in the case's folder holding the whole resolved project, as JSON. */
  readonly expectWhole?: string;
  /** Key paths that must not be set. */
  readonly absent?: string[];
  /** Warnings that must be among the project's warnings. */
  readonly warnings?: string[];
  /** Fragments the error message must contain (file:line, key, names). */
  readonly error?: string[];
}

const FIXTURES = path.join(projectRoot(), 'test', 'unit', 'core', 'compose', 'model', 'fixtures');

function withDir(value: unknown, dir: string): unknown {
  return JSON.parse(JSON.stringify(value).replace(/\$DIR/g, dir));
}

function valueAt(root: unknown, dotted: string): unknown {
  // Service and resource names may hold dots; keys are split on '.' only where the fixture wrote them.
  let value = root;
  for (const segment of dotted.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

describe('compose model: fixture corpus', () => {
  const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory());

  it('has the cases', () => {
    assert.ok(cases.length >= 20, `${cases.length} cases`);
  });

  for (const entry of cases) {
    const dir = path.join(FIXTURES, entry.name);
    const fixture = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as FixtureCase;
    it(`${entry.name}: ${fixture.proves}`, async () => {
      const workingDir = path.join(dir, fixture.workingDir ?? '');
      const load = loadComposeProject({
        files: (fixture.files ?? []).map((file) => path.join(dir, file)),
        workingDir,
        environment: { HOME: '/home/tester', ...fixture.environment },
        ...(fixture.profiles === undefined ? {} : { profiles: fixture.profiles }),
        ...(fixture.projectName === undefined ? {} : { projectName: fixture.projectName }),
      });
      if (fixture.error !== undefined) {
        const failure = await load.then(
          () => assert.fail('the project loaded, but it should not'),
          (error: unknown) => error,
        );
        assert.ok(failure instanceof ComposeFileError, `a ComposeFileError, not ${String(failure)}`);
        for (const fragment of withDir(fixture.error, dir) as string[]) {
          assert.ok(failure.message.includes(fragment), `"${failure.message}" names "${fragment}"`);
        }
        return;
      }
      const project = await load;
      if (fixture.expectWhole !== undefined) {
        const whole = JSON.parse(readFileSync(path.join(dir, fixture.expectWhole), 'utf8')) as unknown;
        assert.deepEqual(JSON.parse(JSON.stringify(project)), withDir(whole, dir));
      }
      for (const [key, expected] of Object.entries(fixture.expect ?? {})) {
        assert.deepEqual(valueAt(project, key), withDir(expected, dir), key);
      }
      for (const key of fixture.absent ?? []) {
        assert.equal(valueAt(project, key), undefined, `${key} is not set`);
      }
      for (const warning of fixture.warnings ?? []) {
        assert.ok(project.warnings?.includes(warning), `warning "${warning}" in ${JSON.stringify(project.warnings)}`);
      }
    });
  }
});
