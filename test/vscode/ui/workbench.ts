// What a person does in the VS Code workbench, as Playwright steps: open the palette, pick from a
// quick input, right-click a row, press a title-bar button, answer a modal. Selectors are the
// workbench's own DOM (VS Code 1.100 in code-server); menus and dialogs are real clicks.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { Locator, Page } from 'playwright-core';
import { PROJECT_DIR } from '../codeServer';

export const SCREENSHOTS = path.join(PROJECT_DIR, 'artifacts', 'ui');
const STEP_MS = 30_000;

export class Workbench {
  constructor(readonly page: Page) {}

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  /** The Machines view's tree (in the Docker Hosts side bar). */
  get machinesTree(): Locator {
    return this.page.locator('.part.sidebar .monaco-list').first();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** F1, the command's title as the palette shows it, Enter. */
  async runFromPalette(title: string): Promise<void> {
    // Exactly this command: "Stop Container" also matches "Prune Stopped Containers".
    const row = this.quickInput.locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) }).first();
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      await this.openPaletteWith(`>${title}`);
      try {
        await row.click({ timeout: 10_000 });
        return;
      } catch (error) {
        // A palette that closed under us ran nothing: open it again. One that is open without the row is a real failure.
        if (Date.now() > deadline || (await this.quickInput.isVisible())) throw error;
      }
    }
  }

  /**
   * Opens the palette and types `text`. While the workbench is still starting (the Welcome page,
   * an extension's view coming up), focus can move and close the palette just after it opened:
   * then open it again, until the deadline.
   */
  private async openPaletteWith(text: string): Promise<void> {
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      await this.dismissQuickInput();
      await this.page.keyboard.press('F1');
      try {
        await this.quickInputBox.waitFor({ state: 'visible', timeout: 5_000 });
        await this.quickInputBox.fill(text, { timeout: 5_000 });
        if ((await this.quickInputBox.inputValue()) === text && (await this.quickInputBox.isVisible())) return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`the command palette did not stay open to take ${JSON.stringify(text)}`);
    }
  }

  /** A row of the open quick pick whose label contains `text`. */
  quickPickRow(text: string | RegExp): Locator {
    return this.quickInput.locator('.monaco-list-row', { hasText: text }).first();
  }

  /** Clicks the quick pick's row (after the quick input shows `title`, when given). */
  async pick(text: string | RegExp, title?: string | RegExp): Promise<void> {
    if (title) await this.waitForQuickInputTitle(title);
    const row = this.quickPickRow(text);
    await row.waitFor({ state: 'visible', timeout: STEP_MS });
    await row.click();
  }

  async waitForQuickInputTitle(title: string | RegExp): Promise<void> {
    await this.quickInput.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: STEP_MS });
  }

  /** Types into the quick input (replacing what is there) once it shows `title`; Enter unless told not to. */
  async type(text: string, title?: string | RegExp, enter = true): Promise<void> {
    if (title) await this.waitForQuickInputTitle(title);
    await this.quickInputBox.waitFor({ state: 'visible', timeout: STEP_MS });
    await this.quickInputBox.fill(text);
    if (enter) await this.page.keyboard.press('Enter');
  }

  /**
   * Chooses `folder` in VS Code's own folder dialog (code-server has no native one). The dialog
   * writes its starting folder into the input once it has read it, over anything typed before
   * (seen under load): so type the folder until the input keeps it, then OK.
   */
  async chooseFolderInDialog(folder: string, title: string | RegExp): Promise<void> {
    await this.waitForQuickInputTitle(title);
    const wanted = `${folder.replace(/\/+$/, '')}/`;
    const deadline = Date.now() + STEP_MS;
    let value = '';
    for (;;) {
      await this.quickInputBox.fill(wanted);
      await this.page.waitForTimeout(500);
      value = await this.quickInputBox.inputValue();
      if (value === wanted) break;
      if (Date.now() > deadline) throw new Error(`the folder dialog's input holds ${JSON.stringify(value)}, not ${wanted}`);
    }
    await this.clickOk();
  }

  /** The quick input's OK button: accepts a multi-select pick as ticked, or the folder a file dialog shows. */
  async clickOk(): Promise<void> {
    await this.quickInput.locator('.quick-input-action .monaco-button', { hasText: /^OK$/ }).click({ timeout: STEP_MS });
  }

  /** A notification toast whose message contains `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
  }

  async quickInputTitle(): Promise<string> {
    return (await this.quickInput.locator('.quick-input-title').innerText()).trim();
  }

  /** The quick input's title with its "(n/m)" step counter. */
  async stepCounter(): Promise<string> {
    return (await this.quickInput.locator('.quick-input-title').innerText()).trim();
  }

  async clickBack(): Promise<void> {
    await this.quickInput.locator('.quick-input-titlebar .action-label[aria-label^="Back"]').click();
  }

  async dismissQuickInput(): Promise<void> {
    if (await this.quickInput.isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: STEP_MS });
    }
  }

  /** Shows a view container in the side bar (its activity bar icon's tooltip starts with `name`); a click on the shown one would hide it. */
  async openSideBar(name: string): Promise<void> {
    const shown = this.page.locator('.part.sidebar .composite.title', { hasText: new RegExp(`^${name}`, 'i') });
    if (await shown.isVisible()) return;
    const item = this.page.locator(`.part.activitybar [aria-label^="${name}"]`).first();
    await item.click({ timeout: 60_000 });
    await shown.waitFor({ state: 'visible', timeout: STEP_MS });
    // The icon's hover ("Explorer (Ctrl+Shift+E)") would lie over the side bar's rows and take the next click.
    await this.page.mouse.move(700, 450);
  }

  /** A row of the Machines tree whose text contains `text` (a regexp to anchor it). */
  machineRow(text: string | RegExp): Locator {
    return this.machinesTree.locator('.monaco-list-row', { hasText: text }).first();
  }

  /** Expands local → Containers (or Compose, Images), as a person does to see them. */
  async expandLocalGroup(group: 'Containers' | 'Compose' | 'Images'): Promise<void> {
    await this.openSideBar('Docker Hosts');
    await this.machineRow(/^local/).waitFor({ timeout: STEP_MS });
    const row = this.machinesTree.locator('.monaco-list-row', { hasText: new RegExp(`^${group}$`) }).first();
    await row.waitFor({ timeout: STEP_MS });
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
    }
  }

  /** Right-clicks `target` and clicks the context menu's item labelled `label`. */
  async contextMenu(target: Locator, label: string, position?: { x: number; y: number }): Promise<void> {
    await target.click({ button: 'right', ...(position ? { position } : {}) });
    const item = this.menuItem(label);
    await item.waitFor({ state: 'visible', timeout: STEP_MS });
    // A menu takes clicks once it has settled under the pointer: point at the item, wait until it is the focused one.
    await item.hover();
    await this.page.locator('.monaco-menu .action-item.focused .action-label', { hasText: label }).first().waitFor({ timeout: STEP_MS });
    await item.click();
    // Seen once under load: the click was lost and the menu stayed open with the item focused.
    // The menu closes on the item's activation, so still open after 5 s means not activated: Enter does it.
    if (!(await this.menuItem(label).waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false))) {
      await this.page.keyboard.press('Enter');
      await this.menuItem(label).waitFor({ state: 'hidden', timeout: STEP_MS });
    }
  }

  menuItem(label: string): Locator {
    return this.page.locator('.monaco-menu .action-item:not(.disabled) .action-label', { hasText: label }).first();
  }

  /** A button of the modal dialog now open. */
  async answerDialog(button: string): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: STEP_MS });
    const message = await dialog.innerText();
    await dialog.locator('.monaco-button', { hasText: button }).first().click();
    return message;
  }

  /** The text of a modal dialog left open (say, "Cannot reconnect"), for a failure's message; undefined when none is. */
  async openDialogText(): Promise<string | undefined> {
    const dialog = this.page.locator('.monaco-dialog-box');
    return (await dialog.isVisible()) ? (await dialog.innerText({ timeout: 2_000 })).replace(/\s+/g, ' ') : undefined;
  }

  /**
   * Clicks a title-bar action of the Machines view (its tooltip starts with `label`). With the
   * Registries view beside it, VS Code shows a view's actions in its pane header only while the
   * pointer is over that header: hover it first, as a person does.
   */
  async clickViewTitleAction(label: string, options: { timeout: number }): Promise<void> {
    const pane = this.page.locator('.part.sidebar .pane').filter({ has: this.page.locator('.pane-header', { hasText: /^Machines/i }) }).first();
    const single = this.page.locator(`.part.sidebar .title-actions .action-label[aria-label^="${label}"]`).first();
    if (await single.isVisible()) {
      await single.click(options);
      return;
    }
    await pane.locator('.pane-header').first().hover({ timeout: options.timeout });
    await pane.locator(`.pane-header .actions .action-label[aria-label^="${label}"]`).first().click(options);
  }

  async closeAllEditors(): Promise<void> {
    await this.dismissQuickInput();
    await this.runFromPalette('View: Close All Editors');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
