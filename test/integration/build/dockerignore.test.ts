// .dockerignore against the reference: each case of the table is built by the docker CLI
// (classic builder) and from the extension's packed context, on the same real engine; the files
// each build sees (`find` inside the build) must be the same.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { packContext, planContext } from '../../../src/core/build/buildContext';
import { BASE_IMAGE, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { CONTEXT_TREE, IGNORE_CASES, IgnoreCase } from './dockerignoreCases';

const run = promisify(execFile);
const docker = localDocker();
const runId = newRunId();
const LISTING = `FROM ${BASE_IMAGE}\nCOPY . /ctx\nRUN cd /ctx && find . -mindepth 1 \\( -type f -o -type l -o -type d -empty \\) | sort | sed 's|^\\./|CTX:|'; echo CTX-$((40+2))\n`;

function makeContext(testCase: IgnoreCase): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-ignore-'));
  for (const entry of CONTEXT_TREE) {
    const [name, target] = entry.split(' -> ') as [string, string | undefined];
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    if (target) {
      symlinkSync(target, full);
    } else if (name.endsWith('/')) {
      mkdirSync(full, { recursive: true });
    } else {
      writeFileSync(full, name);
    }
  }
  writeFileSync(path.join(dir, testCase.dockerfile ?? 'Dockerfile'), LISTING);
  if (testCase.ignore !== undefined) {
    writeFileSync(path.join(dir, '.dockerignore'), testCase.ignore);
  }
  return dir;
}

/** The files the build saw; throws when the listing did not run to its end marker. */
const listed = (output: string): string[] => {
  if (!output.includes('CTX-42')) {
    throw new Error(`the listing did not run:\n${output}`);
  }
  return output.split('\n').filter((l) => l.startsWith('CTX:')).map((l) => l.slice(4)).sort();
};

async function throughCli(dir: string, testCase: IgnoreCase): Promise<string[] | Error> {
  try {
    const { stdout } = await run('docker', ['build', '--no-cache', '--rm', '--force-rm', '--label', `${TEST_LABEL}=${runId}`, '-f', path.join(dir, testCase.dockerfile ?? 'Dockerfile'), dir], {
      env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_HOST: 'unix:///var/run/docker.sock' },
      maxBuffer: 10 * 1024 * 1024,
    });
    return listed(stdout);
  } catch (error) {
    return error as Error;
  }
}

async function throughExtension(dir: string, testCase: IgnoreCase): Promise<string[] | Error> {
  try {
    const plan = await planContext(dir, path.join(dir, testCase.dockerfile ?? 'Dockerfile'));
    const stream = await docker.buildImage(packContext(plan) as never, { dockerfile: plan.dockerfile, nocache: true, rm: true, forcerm: true, labels: { [TEST_LABEL]: runId } } as never);
    const output: string[] = [];
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream as never, (error: Error | null) => (error ? reject(error) : resolve()), (m: { stream?: string; error?: string }) => {
        if (m.error) reject(new Error(m.error));
        output.push(m.stream ?? '');
      }),
    );
    return listed(output.join(''));
  } catch (error) {
    return error as Error;
  }
}

describe(`.dockerignore: ${IGNORE_CASES.length} cases, the docker CLI as reference`, function () {
  this.timeout(120_000);
  after(() => docker.pruneImages({ filters: { label: [`${TEST_LABEL}=${runId}`], dangling: ['true'] } }));

  for (const testCase of IGNORE_CASES) {
    it(`${testCase.name}: ${JSON.stringify(testCase.ignore ?? null)}`, async () => {
      const dir = makeContext(testCase);
      const [expected, actual] = await Promise.all([throughCli(dir, testCase), throughExtension(dir, testCase)]);
      if (testCase.malformed) {
        assert.ok(expected instanceof Error, 'the CLI refuses it');
        assert.ok(actual instanceof Error, 'the extension refuses it');
        assert.match(actual.message, /syntax error in pattern|unclosed/);
        return;
      }
      assert.ok(!(expected instanceof Error), `the CLI build failed: ${String(expected)}`);
      assert.ok(!(actual instanceof Error), `the extension's build failed: ${String(actual)}`);
      assert.deepEqual(actual, expected);
    });
  }
});
