// Click tests for the Registries view, against registries the tests start (anonymous, htpasswd,
// token auth): Add Registry… from the view's title bar through its quick inputs, expanded down to
// a tag; right-click a tag → Pull to Machine… (the engine has the image), Delete Tag… (the modal;
// the registry no longer lists it), Copy Reference; Add Repository… and Refresh from the palette;
// Remove Registry… from the registry's row.
import * as http from 'node:http';
import * as net from 'node:net';
import { Locator } from 'playwright-core';
import { parseRegistryAddress } from '../../../../src/core/registry/registryAddress';
import { RegistryClient } from '../../../../src/core/registry/registryClient';
import { eventually, localDocker } from '../../../support/engine';
import { NO_CATALOG_PASSWORD, NO_CATALOG_USER, pushTestImage, REGISTRY_PASSWORD, REGISTRY_USER, startTestRegistries, TestRegistries } from '../../../support/testRegistries';
import type { ClickContext, ClickTest } from '../clickTests';
import type { Workbench } from '../workbench';

const STEP_MS = 30_000;
const REPOSITORY = 'click/app';

let started: Promise<TestRegistries> | undefined;

/** The registries, started once for these tests (stopped with the run's process), with click/app:1.0, 2.0 and doomed pushed. */
function testRegistries(): Promise<TestRegistries> {
  started ??= (async () => {
    const registries = await startTestRegistries();
    for (const tag of ['1.0', '2.0', 'doomed']) await pushTestImage(localDocker(), registries.anonymous.host, REPOSITORY, tag);
    return registries;
  })();
  return started;
}

function registriesPane(wb: Workbench): Locator {
  return wb.page.locator('.part.sidebar .pane').filter({ has: wb.page.locator('.pane-header', { hasText: /^Registries/i }) }).first();
}

/** Shows the Registries view (its pane expanded) in the Docker Hosts side bar. */
async function openRegistries(wb: Workbench): Promise<Locator> {
  await wb.openSideBar('Docker Hosts');
  const pane = registriesPane(wb);
  const header = pane.locator('.pane-header').first();
  await header.waitFor({ timeout: STEP_MS });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await header.hover();
  return pane;
}

function row(pane: Locator, level: number, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return pane.locator(`.monaco-list-row[aria-level="${level}"]`).filter({ has: pane.page().locator('.label-name', { hasText: new RegExp(`^${escaped}$`) }) }).first();
}

/** Clicks the row until it shows expanded, as a person clicks again when a repaint swallowed the first click. */
async function expand(target: Locator): Promise<void> {
  await target.waitFor({ timeout: STEP_MS });
  await eventually('the row to expand', STEP_MS, async () => {
    if ((await target.getAttribute('aria-expanded')) === 'true') return true;
    await target.click();
    await target.page().waitForTimeout(1_000);
    return (await target.getAttribute('aria-expanded')) === 'true' ? true : undefined;
  });
}

/** A view title action of the Registries pane (shown while the pointer is over its header). */
async function clickPaneAction(pane: Locator, label: string): Promise<void> {
  await pane.locator('.pane-header').first().hover();
  await pane.locator(`.pane-header .actions .action-label[aria-label^="${label}"]`).first().click({ timeout: STEP_MS });
}

async function tagsIn(host: string, credentials?: { username: string; password: string }): Promise<string[]> {
  const client = new RegistryClient({ address: parseRegistryAddress(host), credentials: async () => credentials && { ...credentials, serveraddress: host }, timeoutMs: 8000 });
  return client.tags(REPOSITORY);
}

/** The tag's row under registry → click/app (the other registries collapsed), its details loaded (digest · size · age). */
async function tagRow(pane: Locator, host: string, tag: string): Promise<Locator> {
  await clickPaneAction(pane, 'Collapse All');
  await expand(row(pane, 1, host));
  await expand(row(pane, 2, REPOSITORY));
  const tagRow = row(pane, 3, tag);
  await eventually(`${tag}'s digest and size`, STEP_MS, async () => (/[a-f0-9]{12} · [\d.]+[kM]B/.test(await tagRow.innerText()) ? true : undefined));
  return tagRow;
}

export const REGISTRY_CLICK_TESTS: readonly ClickTest[] = [
  {
    name: 'Registries view/title: Add Registry… (address, User name and password, user, hidden password) lists the htpasswd registry; expanded down to a tag with digest, size and age',
    shot: 'registries-add',
    async run({ wb }: ClickContext) {
      const registries = await testRegistries();
      const pane = await openRegistries(wb);
      await clickPaneAction(pane, 'Add Registry');
      await wb.type(registries.basic.host, /Add Registry \(1\/2\)/);
      await wb.pick(/^User name and password/, /Add Registry \(2\/2\)/);
      await wb.type(REGISTRY_USER, /user name for/);
      await wb.waitForQuickInputTitle(/password or access token/);
      if ((await wb.quickInputBox.getAttribute('type')) !== 'password') throw new Error('the password input does not hide what is typed');
      await wb.type(REGISTRY_PASSWORD, /password or access token/);
      await tagRow(pane, registries.basic.host, '1.0');
    },
  },
  {
    name: 'Registries: right-click a tag → Pull to Machine… → local; the engine has the image',
    shot: 'registries-pull',
    async run({ wb, docker }: ClickContext) {
      const registries = await testRegistries();
      const reference = `${registries.basic.host}/${REPOSITORY}:2.0`;
      await docker.getImage(reference).remove({ force: true }).catch(() => undefined);
      const pane = await openRegistries(wb);
      await wb.contextMenu(await tagRow(pane, registries.basic.host, '2.0'), 'Pull to Machine…');
      // The machine is asked only when the tree has more than one (an earlier test may have added
      // one): answer the question whenever it shows, until the engine has the image.
      const machineQuestion = wb.quickInput.locator('.quick-input-title', { hasText: /to which machine\?/ });
      await eventually(`${reference} in the engine`, 120_000, async () => {
        if (await machineQuestion.isVisible()) await wb.pick(/^local/);
        return docker.getImage(reference).inspect();
      });
      await docker.getImage(reference).remove({ force: true }).catch(() => undefined);
    },
  },
  {
    name: 'Registries: right-click a tag → Delete Tag… names it in a modal; Delete, and the registry no longer lists it',
    shot: 'registries-delete',
    async run({ wb }: ClickContext) {
      const registries = await testRegistries();
      const pane = await openRegistries(wb);
      await wb.contextMenu(await tagRow(pane, registries.basic.host, 'doomed'), 'Delete Tag…');
      const message = await wb.answerDialog('Delete');
      if (!message.includes(`${registries.basic.host}/${REPOSITORY}:doomed`)) throw new Error(`the modal does not name the tag: ${message}`);
      await eventually('doomed gone from the registry', STEP_MS, async () => (!(await tagsIn(registries.anonymous.host)).includes('doomed') ? true : undefined));
      await row(pane, 3, 'doomed').waitFor({ state: 'detached', timeout: STEP_MS });
      // The view listed again: the tags left show their details again.
      for (const tag of ['1.0', '2.0']) {
        await eventually(`${tag}'s details after the delete`, STEP_MS, async () => (/[a-f0-9]{12} · [\d.]+[kM]B/.test(await row(pane, 3, tag).innerText()) ? true : undefined));
      }
    },
  },
  {
    name: 'Registries: right-click a tag → Copy Reference → the tag reference; pasted into the palette it reads host/click/app:1.0',
    shot: 'registries-copy',
    async run({ wb }: ClickContext) {
      const registries = await testRegistries();
      const pane = await openRegistries(wb);
      await wb.contextMenu(await tagRow(pane, registries.basic.host, '1.0'), 'Copy Reference');
      const expected = `${registries.basic.host}/${REPOSITORY}:1.0`;
      await wb.pick(expected, /Copy which reference/);
      await wb.quickInput.waitFor({ state: 'hidden', timeout: STEP_MS });
      // The clipboard as a person sees it: pasted into a quick input.
      await wb.page.keyboard.press('F1');
      await wb.quickInputBox.waitFor({ state: 'visible', timeout: STEP_MS });
      await wb.quickInputBox.fill('');
      await wb.page.keyboard.press('Control+V');
      const pasted = await eventually('the pasted reference', 10_000, async () => (await wb.quickInputBox.inputValue()) || undefined);
      await wb.dismissQuickInput();
      if (pasted !== expected) throw new Error(`pasted ${JSON.stringify(pasted)}, not ${expected}`);
    },
  },
  {
    name: 'Registries: a registry without catalog access (token auth) says so; Add Repository… from the palette shows the named repository with its tags; Refresh in the title bar keeps it',
    shot: 'registries-add-repository',
    async run({ wb }: ClickContext) {
      const registries = await testRegistries();
      const pane = await openRegistries(wb);
      await wb.runFromPalette('Docker Hosts: Add Registry…');
      await wb.type(registries.token.host, /Add Registry \(1\/2\)/);
      await wb.pick(/^User name and password/, /Add Registry \(2\/2\)/);
      await wb.type(NO_CATALOG_USER, /user name for/);
      await wb.type(NO_CATALOG_PASSWORD, /password or access token/);
      await expand(row(pane, 1, registries.token.host));
      await row(pane, 2, 'Not listed by this registry: Add Repository…').waitFor({ timeout: STEP_MS });
      await wb.runFromPalette('Docker Hosts: Add Repository…');
      await wb.pick(registries.token.host, /Choose a registry/);
      await wb.type(REPOSITORY, /Add a repository of/);
      await clickPaneAction(pane, 'Refresh Registries');
      await tagRow(pane, registries.token.host, '1.0');
    },
  },
  {
    name: 'Registries: right-click the registry → Add Repository… one it does not have: its row says the registry does not know it (404); palette Refresh Registries keeps the entry',
    shot: 'registries-missing-repository',
    async run({ wb }: ClickContext) {
      const registries = await testRegistries();
      const pane = await openRegistries(wb);
      await clickPaneAction(pane, 'Collapse All');
      await wb.contextMenu(row(pane, 1, registries.token.host), 'Add Repository…');
      await wb.type('click/missing', /Add a repository of/);
      await expand(row(pane, 1, registries.token.host));
      await row(pane, 2, 'click/missing').waitFor({ timeout: STEP_MS });
      await wb.runFromPalette('Docker Hosts: Refresh Registries');
      await expand(row(pane, 2, 'click/missing'));
      await pane.locator('.monaco-list-row[aria-level="3"]', { hasText: /404: NAME_UNKNOWN/ }).first().waitFor({ timeout: STEP_MS });
      await row(pane, 3, 'Retry').waitFor({ timeout: STEP_MS });
      // The registry row's own Refresh lists it again: the added repository is still there.
      await wb.contextMenu(row(pane, 1, registries.token.host), 'Refresh Registries');
      await expand(row(pane, 1, registries.token.host));
      await row(pane, 2, 'click/missing').waitFor({ timeout: STEP_MS });
    },
  },
  {
    name: 'Registries: right-click the registry → Remove Registry… asks in a modal; Remove, and its row is gone',
    shot: 'registries-remove',
    async run({ wb }: ClickContext) {
      const registries = await testRegistries();
      const pane = await openRegistries(wb);
      const target = row(pane, 1, registries.token.host);
      await wb.contextMenu(target, 'Remove Registry…');
      await wb.answerDialog('Remove');
      await target.waitFor({ state: 'detached', timeout: STEP_MS });
      // The other registry stays, and still lists (its password is still there).
      await tagRow(pane, registries.basic.host, '1.0');
    },
  },
  {
    name: 'Registries: palette Add Registry… on a registry that answers 500 says so and adds nothing; palette Remove Registry… removes the htpasswd one',
    shot: 'registries-500-remove',
    async run({ wb }: ClickContext) {
      const registries = await testRegistries();
      const failing = http.createServer((_req, res) => res.writeHead(500).end('{"errors":[{"code":"UNKNOWN","message":"storage is down"}]}'));
      await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
      const failingHost = `127.0.0.1:${(failing.address() as net.AddressInfo).port}`;
      try {
        const pane = await openRegistries(wb);
        await wb.runFromPalette('Docker Hosts: Add Registry…');
        await wb.type(failingHost, /Add Registry \(1\/2\)/);
        await wb.pick(/^Anonymous/, /Add Registry \(2\/2\)/);
        await wb.notification(/500: UNKNOWN storage is down.*The registry was not added/).waitFor({ timeout: STEP_MS });
        if (await row(pane, 1, failingHost).isVisible()) throw new Error('the failing registry was added');
        await wb.runFromPalette('Docker Hosts: Remove Registry…');
        await wb.pick(`http://${registries.basic.host}`, /Choose a registry/);
        await wb.answerDialog('Remove');
        await row(pane, 1, registries.basic.host).waitFor({ state: 'detached', timeout: STEP_MS });
      } finally {
        failing.close();
      }
    },
  },
];
