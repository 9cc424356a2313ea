// Runs the VS Code suite inside real VS Code (code-server) opened in Debian's Chromium, then the
// browser UI check against the packaged .vsix. Exit code: 0 only when both passed.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { recordTier } from '../support/summary';
import type { SuiteResult } from './suite';
import { launchBrowser, PROJECT_DIR, startCodeServer, testWorkbenchUrl } from './codeServer';
import { checkMachinesViewInBrowser, SCREENSHOT } from './uiCheck';

const SUITE_TIMEOUT_MS = 4 * 60_000;

async function main(): Promise<number> {
  const vsix = path.join(PROJECT_DIR, 'dist', 'docker-hosts.vsix');
  if (!existsSync(vsix)) {
    throw new Error(`${vsix} is missing: run "npm run package" first`);
  }
  const resultsFile = path.join(PROJECT_DIR, 'artifacts', 'vscode-results.json');
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  rmSync(resultsFile, { force: true });
  const server = await startCodeServer({ env: { DOCKER_HOSTS_TEST_RESULTS: resultsFile }, vsix });
  const browser = await launchBrowser();
  let failed = 0;
  try {
    console.log(`VS Code suite in code-server ${server.url} (log: ${server.dir}/code-server.log)`);
    const page = await browser.newPage();
    await page.goto(testWorkbenchUrl(server, PROJECT_DIR, path.join(__dirname, 'suite', 'index.js')));
    const result = await waitForResults(resultsFile);
    console.log(result.lines.join('\n'));
    recordTier({ tier: 'vscode', passed: result.passed, failed: result.failed, skipped: 0 });
    failed += result.failed;
    if (result.passed + result.failed === 0) {
      throw new Error('the VS Code suite ran no test');
    }
    await page.close();

    console.log('UI check: the Machines view in the browser');
    try {
      await checkMachinesViewInBrowser(server, browser);
      console.log(`  ✓ local → Containers shows the container (screenshot: ${SCREENSHOT})`);
      recordTier({ tier: 'ui', passed: 1, failed: 0, skipped: 0 });
    } catch (error) {
      console.log(`  ✗ UI check failed: ${String((error as Error).stack ?? error)}`);
      recordTier({ tier: 'ui', passed: 0, failed: 1, skipped: 0 });
      failed++;
    }
  } finally {
    await browser.close();
    server.stop();
  }
  return failed === 0 ? 0 : 1;
}

async function waitForResults(file: string): Promise<SuiteResult> {
  const deadline = Date.now() + SUITE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      return JSON.parse(readFileSync(file, 'utf8')) as SuiteResult;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no results from the VS Code suite within ${SUITE_TIMEOUT_MS / 60_000} minutes`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    recordTier({ tier: 'vscode', passed: 0, failed: 1, skipped: 0 });
    process.exit(1);
  },
);
