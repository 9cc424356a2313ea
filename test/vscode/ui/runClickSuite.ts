// Runs the UI-driven tests in one workbench page of the running code-server (the packaged
// extension installed), each followed by a screenshot under artifacts/ui/. A private sshd with a
// fresh key and an empty known_hosts stands behind the New Machine wizard.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Browser } from 'playwright-core';
import { cleanUp, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { makeClientKey, tempDir, TestSshd } from '../../support/sshd';
import { CodeServer } from '../codeServer';
import { CLICK_TESTS, ClickContext, writeDockerfile } from './clickTests';
import { SCREENSHOTS, Workbench } from './workbench';

export interface ClickSuiteResult {
  readonly passed: number;
  readonly failed: number;
  readonly lines: string[];
}

/** A test that has not finished by then has hung on a step; the suite goes on with the next. */
const TEST_BOUND_MS = 3 * 60_000;

/** `dockerConfig` is the DOCKER_CONFIG the code-server was started with; DOCKER_HOSTS_CLICK_GREP (a regular expression) picks tests by name. */
export async function runClickSuite(server: CodeServer, browser: Browser, dockerConfig: string, grep = process.env.DOCKER_HOSTS_CLICK_GREP): Promise<ClickSuiteResult> {
  const tests = CLICK_TESTS.filter((test) => !grep || new RegExp(grep).test(test.name));
  if (tests.length === 0) throw new Error(`no click test's name matches ${JSON.stringify(grep)}`);
  const docker = localDocker();
  const runId = newRunId();
  const temp = tempDir('dh-click-');
  const sshd = await TestSshd.start();
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  try {
    const sshKey = makeClientKey(temp.dir, 'click');
    sshd.authorize(sshKey);
    const knownHosts = path.join(temp.dir, 'known_hosts');
    writeFileSync(knownHosts, '');
    const userData = path.join(server.dir, 'user-data');
    setUserSetting(userData, 'dockerHosts.ssh.knownHostsFile', knownHosts);
    writeDockerfile(server.workspace, runId);
    mkdirSync(SCREENSHOTS, { recursive: true });

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
    const wb = new Workbench(page);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await wb.openSideBar('Docker Hosts'); // the extension activates with its view
    await wb.closeAllEditors(); // the Welcome page
    const context: ClickContext = { wb, docker, runId, workspace: server.workspace, userData, dockerConfig, temp: temp.dir, sshd, sshKey, knownHosts };
    for (const test of tests) {
      try {
        await bounded(test.run(context), `${test.name} did not finish`);
        const shot = await wb.screenshot(test.shot);
        lines.push(`  ✓ ${test.name} (${path.relative(process.cwd(), shot)})`);
        passed++;
      } catch (error) {
        const shot = await wb.screenshot(`${test.shot}-failed`).catch(() => 'no screenshot');
        const message = String((error as Error).message ?? error).replace(/\x1b\[[0-9;]*m/g, ''); // Playwright colours its call log
        const dialog = await wb.openDialogText().catch(() => undefined);
        lines.push(`  ✗ ${test.name}\n      ${message.split('\n').join('\n      ')}${dialog ? `\n      (a modal dialog is open: ${dialog})` : ''}\n      (screenshot: ${shot})`);
        failed++;
      }
      await settle(wb).catch(() => undefined); // the next test reports what is still wrong
    }
    await page.close();
  } finally {
    await cleanUp(docker, runId);
    await removeUntagged(docker, runId);
    await sshd.stop();
    temp.cleanup();
  }
  return { passed, failed, lines };
}

/**
 * Leaves nothing open that the next test would type into: quick inputs, menus, dialogs, editors.
 * A dialog that Escape does not close (VS Code's "Cannot reconnect") would block every later
 * click, so the page is reloaded instead.
 */
async function settle(wb: Workbench): Promise<void> {
  for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Escape');
  if (await wb.openDialogText().catch(() => undefined)) {
    await wb.page.reload();
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await wb.openSideBar('Docker Hosts');
  }
  await wb.closeAllEditors().catch(() => undefined);
  await wb.dismissQuickInput().catch(() => undefined);
}

function setUserSetting(userData: string, key: string, value: unknown): void {
  const file = path.join(userData, 'User', 'settings.json');
  mkdirSync(path.dirname(file), { recursive: true });
  const settings = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8') || '{}') as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...settings, [key]: value }, undefined, 2));
}

function bounded<T>(work: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${TEST_BOUND_MS / 60_000} minutes`)), TEST_BOUND_MS);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** A build that was not tagged leaves a <none> image, which cleanUp (it removes tags) does not reach. */
async function removeUntagged(docker: ReturnType<typeof localDocker>, runId: string): Promise<void> {
  for (const image of await docker.listImages({ filters: { label: [`${TEST_LABEL}=${runId}`] } })) {
    await docker.getImage(image.Id).remove({ force: true }).catch(() => undefined);
  }
}
