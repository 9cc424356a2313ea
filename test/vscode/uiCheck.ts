// One check the way a person sees it: the Docker Hosts view in the browser, local → Containers
// expanded, the container's name on screen. The screenshot is kept as an artifact.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { Browser } from 'playwright-core';
import { cleanUp, createContainer, localDocker, newRunId } from '../support/engine';
import { CodeServer, PROJECT_DIR } from './codeServer';

export const SCREENSHOT = path.join(PROJECT_DIR, 'artifacts', 'machines-view.png');

export async function checkMachinesViewInBrowser(server: CodeServer, browser: Browser): Promise<void> {
  const docker = localDocker();
  const runId = newRunId();
  const name = `dh-ui-${runId}`;
  try {
    await (await createContainer(docker, runId, name)).start();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspace)}`);
    await page.locator('.part.activitybar [aria-label^="Docker Hosts"]').first().click({ timeout: 60_000 });
    const tree = page.locator('.part.sidebar .monaco-list[aria-label*="Machines"], .part.sidebar .monaco-list').first();
    await tree.locator('.monaco-list-row[aria-label*="local"]').first().waitFor({ timeout: 30_000 });
    await tree.locator('.monaco-list-row', { hasText: /^Containers/ }).first().click({ timeout: 30_000 });
    const row = tree.locator('.monaco-list-row', { hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.hover(); // shows the row as a user pointing at it would
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    const text = await row.innerText();
    if (!text.includes(name)) {
      throw new Error(`the row shows "${text}", not the container's name ${name}`);
    }
    await page.close();
  } finally {
    await cleanUp(docker, runId);
  }
}
