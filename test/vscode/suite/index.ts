// Entry point that VS Code's extension host calls (the extensionTestsPath contract shared by
// @vscode/test-electron and code-server): runs every *.test.js in this folder with mocha.
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: number;
  failed: number;
  lines: string[];
}

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}

/** Runs every *.test.js of `dir` in this extension host (other suites, such as the untrusted one, share it). */
export function runTestsIn(dir: string): Promise<void> {
  // DOCKER_HOSTS_TEST_GREP runs only the matching tests (for working on one area; npm test sets none).
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'dot', grep: process.env.DOCKER_HOSTS_TEST_GREP || undefined });
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(dir, file));
  }
  const result: SuiteResult = { passed: 0, failed: 0, lines: [] };
  // The launcher reads the outcome from this file: the extension host's console is not ours.
  const resultsFile = process.env.DOCKER_HOSTS_TEST_RESULTS;
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultsFile) {
        writeFileSync(resultsFile, JSON.stringify(result, undefined, 2));
      }
      if (failures > 0) {
        reject(new Error(`${failures} VS Code test(s) failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', (test) => {
      result.passed++;
      result.lines.push(`  ✓ ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test, error: Error) => {
      result.failed++;
      result.lines.push(`  ✗ ${test.fullTitle()}\n      ${String(error.stack ?? error).split('\n').join('\n      ')}`);
    });
  });
}
