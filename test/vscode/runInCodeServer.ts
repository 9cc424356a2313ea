// Runs the VS Code suite inside real VS Code (code-server) opened in Debian's Chromium, then the
// browser UI check and the UI-driven click suite against the packaged .vsix. Exit code: 0 only
// when all passed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { recordTier, runTier } from '../support/summary';
import type { Browser } from 'playwright-core';
import { CodeServer, launchBrowser, PROJECT_DIR, startCodeServer, testWorkbenchUrl, waitForSuiteResults } from './codeServer';
import { checkMachinesViewInBrowser, SCREENSHOT } from './uiCheck';
import { runClickSuite } from './ui/runClickSuite';

// The whole suite (builds, SSH hosts, compose projects) on a 2-core machine shared with other work.
const SUITE_TIMEOUT_MS = 20 * 60_000; // about 10 min here with the Local VM tests (TCG boots), container files, registries and Podman

/** DOCKER_HOSTS_VSCODE_PARTS (e.g. "ui-clicks") runs only those of suite, ui, ui-clicks; unset runs all (npm test). */
const parts = new Set((process.env.DOCKER_HOSTS_VSCODE_PARTS ?? 'suite,ui,ui-clicks').split(',').map((part) => part.trim()));

async function main(): Promise<number> {
  const vsix = path.join(PROJECT_DIR, 'dist', 'docker-hosts.vsix');
  if (!existsSync(vsix)) {
    throw new Error(`${vsix} is missing: run "npm run package" first`);
  }
  // The docker CLI's config folder the extension reads (contexts to import): a private one the click suite fills.
  const dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'dh-docker-config-'));
  // Per run: two runs at once (a tier and someone's single suite) must not read each other's results.
  const resultsDir = mkdtempSync(path.join(os.tmpdir(), 'dh-vscode-results-'));
  const resultsFile = path.join(resultsDir, 'vscode-results.json');
  const server = await startCodeServer({ env: { DOCKER_HOSTS_TEST_RESULTS: resultsFile, DOCKER_CONFIG: dockerConfig }, vsix });
  const browser = await launchBrowser();
  let failed = 0;
  try {
    if (parts.has('suite')) {
      console.log(`VS Code suite in code-server ${server.url} (log: ${server.dir}/code-server.log)`);
      const page = await browser.newPage();
      await page.goto(testWorkbenchUrl(server, PROJECT_DIR, path.join(__dirname, 'suite', 'index.js')));
      const result = await waitForSuiteResults(resultsFile, SUITE_TIMEOUT_MS);
      console.log(result.lines.join('\n'));
      recordTier({ tier: 'vscode', passed: result.passed, failed: result.failed, skipped: 0 });
      failed += result.failed;
      if (result.passed + result.failed === 0) {
        throw new Error('the VS Code suite ran no test');
      }
      await page.close();
    }

    if (parts.has('ui')) {
      failed += await uiCheck(server, browser);
    }
    if (parts.has('ui-clicks')) {
      failed += await clickSuite(server, browser, dockerConfig);
    }
  } finally {
    await browser.close();
    server.stop();
    rmSync(dockerConfig, { recursive: true, force: true });
    rmSync(resultsDir, { recursive: true, force: true });
  }
  return failed === 0 ? 0 : 1;
}

async function uiCheck(server: CodeServer, browser: Browser): Promise<number> {
  console.log('UI check: the Machines view in the browser');
  try {
    await checkMachinesViewInBrowser(server, browser);
    console.log(`  ✓ local → Containers shows the container (screenshot: ${SCREENSHOT})`);
    recordTier({ tier: 'ui', passed: 1, failed: 0, skipped: 0 });
    return 0;
  } catch (error) {
    console.log(`  ✗ UI check failed: ${String((error as Error).stack ?? error)}`);
    recordTier({ tier: 'ui', passed: 0, failed: 1, skipped: 0 });
    return 1;
  }
}

async function clickSuite(server: CodeServer, browser: Browser, dockerConfig: string): Promise<number> {
  console.log('UI clicks: each kind of entry point as a person reaches it (screenshots: artifacts/ui/)');
  try {
    const clicks = await runClickSuite(server, browser, dockerConfig);
    console.log(clicks.lines.join('\n'));
    recordTier({ tier: 'ui-clicks', passed: clicks.passed, failed: clicks.failed, skipped: 0 });
    return clicks.failed;
  } catch (error) {
    console.log(`  ✗ the click suite could not run: ${String((error as Error).stack ?? error)}`);
    recordTier({ tier: 'ui-clicks', passed: 0, failed: 1, skipped: 0 });
    return 1;
  }
}

runTier('vscode', main);
