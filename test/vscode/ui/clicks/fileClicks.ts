// Click tests for containers' Files: expand a container in the Machines tree, open and save a file,
// and the Files context menu (New File…, New Folder…, Rename…, Delete…, Download…, Upload…,
// Refresh); each checks the container's file system through the engine afterwards.
import Docker from 'dockerode';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Locator } from 'playwright-core';
import { createContainer, eventually } from '../../../support/engine';
import type { ClickContext, ClickTest } from '../clickTests';
import type { Workbench } from '../workbench';

const ENGINE_MS = 60_000;
const STEP_MS = 30_000;

/** The container's file as the engine's archive has it (undefined when there is none). */
async function fileInContainer(docker: Docker, id: string, file: string): Promise<string | undefined> {
  const archive = await docker.getContainer(id).getArchive({ path: file }).catch(() => undefined);
  if (!archive) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of archive as AsyncIterable<Buffer>) chunks.push(chunk);
  const tar = Buffer.concat(chunks);
  const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0/g, '').trim() || '0', 8);
  return tar.subarray(512, 512 + size).toString('utf8');
}

async function exists(docker: Docker, id: string, file: string): Promise<boolean> {
  return docker.getContainer(id).infoArchive({ path: file }).then(() => true, () => false);
}

/** A tree row whose label is exactly `label` (rows show label and description). */
function row(wb: Workbench, label: string): Locator {
  return wb.machinesTree.locator('.monaco-list-row').filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
}

/**
 * Brings a row into view: the tree renders only the rows it shows, so ArrowDown (the tree has the
 * focus after the last click) moves down until the row is there.
 */
async function reveal(wb: Workbench, label: string): Promise<Locator> {
  const target = row(wb, label);
  for (let step = 0; step < 60 && !(await target.isVisible()); step++) {
    await wb.page.keyboard.press('ArrowDown');
  }
  await target.waitFor({ timeout: STEP_MS });
  return target;
}

async function expand(target: Locator): Promise<void> {
  await target.waitFor({ timeout: STEP_MS });
  if ((await target.getAttribute('aria-expanded')) !== 'true') await target.click();
  await eventually('the row to expand', STEP_MS, async () => ((await target.getAttribute('aria-expanded')) === 'true' ? true : undefined));
}

/**
 * A running container with /<folder>/note.txt, shown as a person opens it: local → Containers →
 * the container → Files → the folder. The folder is named after the run, so its row is unique.
 */
async function containerFolderInView(context: ClickContext, suffix: string): Promise<{ id: string; name: string; folder: string; folderRow: Locator }> {
  const { wb, docker, runId } = context;
  const name = `dh-click-${runId}-${suffix}`;
  const folder = `work-${suffix}`;
  const container = await createContainer(docker, runId, name, { Cmd: ['sh', '-c', `mkdir -p /${folder} && echo first line > /${folder}/note.txt && exec sleep 600`] });
  await container.start();
  await eventually(`/${folder}/note.txt in ${name}`, ENGINE_MS, async () => ((await exists(docker, container.id, `/${folder}/note.txt`)) ? true : undefined));
  // Collapse All first: then only this test's container is expanded, and its Files row is the one shown.
  await wb.openSideBar('Docker Hosts');
  // The view's title actions show while the pointer is over its header (the side bar has more than one view).
  await wb.page.locator('.part.sidebar .pane-header', { hasText: /machines/i }).first().hover();
  await wb.clickViewTitleAction('Collapse All', { timeout: STEP_MS });
  await expand(row(wb, 'local'));
  await wb.expandLocalGroup('Containers');
  await expand(await reveal(wb, name));
  await expand(await reveal(wb, 'Files'));
  const folderRow = await reveal(wb, folder);
  await expand(folderRow);
  return { id: container.id, name, folder, folderRow };
}

export const FILE_CLICK_TESTS: readonly ClickTest[] = [
  {
    name: 'Files: expand a container → Files → a folder → click a file, type, Ctrl+S: the container has the new content',
    shot: 'files-edit-save',
    async run(context) {
      const { wb, docker } = context;
      const { id, folder } = await containerFolderInView(context, 'fedit');
      await (await reveal(wb, 'note.txt')).click();
      const editor = wb.page.locator('.editor-instance .monaco-editor .view-lines').first();
      await editor.waitFor({ timeout: STEP_MS });
      await wb.page.locator('.editor-instance .view-line', { hasText: 'first line' }).first().waitFor({ timeout: STEP_MS });
      await editor.click();
      await wb.page.keyboard.press('Control+End');
      await wb.page.keyboard.type('typed in VS Code');
      await wb.page.keyboard.press('Control+S');
      await eventually(`/${folder}/note.txt with the typed line`, ENGINE_MS, async () => ((await fileInContainer(docker, id, `/${folder}/note.txt`)) === 'first line\ntyped in VS Code' ? true : undefined)).catch(async (error: Error) => {
        throw new Error(`${error.message}; the container has ${JSON.stringify(await fileInContainer(docker, id, `/${folder}/note.txt`))}`);
      });
      await wb.screenshot('files-edit-save-editor');
      await wb.closeAllEditors();
    },
  },
  {
    name: 'Files: right-click a folder → New File… (typed name) and New Folder…: both exist in the container',
    shot: 'files-new',
    async run(context) {
      const { wb, docker } = context;
      const { id, folder, folderRow } = await containerFolderInView(context, 'fnew');
      await wb.contextMenu(folderRow, 'New File…');
      await wb.type('made-by-click.txt', new RegExp(`New file in /${folder}`));
      await eventually(`/${folder}/made-by-click.txt in the container`, ENGINE_MS, async () => ((await exists(docker, id, `/${folder}/made-by-click.txt`)) ? true : undefined));
      // New File… opens the new file: wait for its editor, which takes the focus (and would close the next input).
      await wb.page.locator('.tabs-container .tab', { hasText: 'made-by-click.txt' }).first().waitFor({ timeout: STEP_MS });
      await wb.contextMenu(folderRow, 'New Folder…');
      await wb.type('sub-by-click', new RegExp(`New folder in /${folder}`));
      await eventually(`/${folder}/sub-by-click in the container`, ENGINE_MS, async () => ((await exists(docker, id, `/${folder}/sub-by-click`)) ? true : undefined));
      await row(wb, 'sub-by-click').waitFor({ timeout: STEP_MS });
      await row(wb, 'made-by-click.txt').waitFor({ timeout: STEP_MS });
      await wb.screenshot('files-new-tree');
      await wb.closeAllEditors();
    },
  },
  {
    name: 'Files: right-click a file → Rename… (typed name), then Delete… with its modal: renamed, then gone from the container',
    shot: 'files-rename-delete',
    async run(context) {
      const { wb, docker } = context;
      const { id, folder } = await containerFolderInView(context, 'fdel');
      await wb.contextMenu(await reveal(wb, 'note.txt'), 'Rename…');
      await wb.type('renamed.txt', new RegExp(`Rename /${folder}/note.txt`));
      await eventually(`/${folder}/renamed.txt in the container`, ENGINE_MS, async () => ((await exists(docker, id, `/${folder}/renamed.txt`)) && !(await exists(docker, id, `/${folder}/note.txt`)) ? true : undefined));
      const renamed = row(wb, 'renamed.txt');
      await renamed.waitFor({ timeout: STEP_MS });
      await wb.contextMenu(renamed, 'Delete…');
      const message = await wb.answerDialog('Delete');
      if (!message.includes(`/${folder}/renamed.txt`)) throw new Error(`the Delete modal does not name the file:\n${message}`);
      await eventually(`/${folder}/renamed.txt gone from the container`, ENGINE_MS, async () => ((await exists(docker, id, `/${folder}/renamed.txt`)) ? undefined : true));
      await renamed.waitFor({ state: 'detached', timeout: STEP_MS });
    },
  },
  {
    name: 'Files: Download… (right-click a file, folder typed in the dialog), Upload… (right-click a folder, file typed), Refresh (inline button) shows a file made by another process',
    shot: 'files-transfer',
    async run(context) {
      const { wb, docker } = context;
      const { id, folder, folderRow } = await containerFolderInView(context, 'fxfer');
      const local = path.join(context.temp, 'files-download');
      mkdirSync(local, { recursive: true });
      await wb.contextMenu(await reveal(wb, 'note.txt'), 'Download…');
      await wb.chooseFolderInDialog(local, new RegExp(`Download /${folder}/note.txt into`));
      const downloaded = path.join(local, 'note.txt');
      await eventually(`${downloaded} on disk`, ENGINE_MS, () => (existsSync(downloaded) && readFileSync(downloaded, 'utf8') === 'first line\n' ? true : undefined));
      const source = path.join(context.temp, 'to-upload.txt');
      writeFileSync(source, 'uploaded by click\n');
      await wb.contextMenu(folderRow, 'Upload…');
      await wb.waitForQuickInputTitle(new RegExp(`Upload into /${folder}`));
      await typeIntoFileDialog(wb, source);
      await eventually(`/${folder}/to-upload.txt in the container`, ENGINE_MS, async () => ((await fileInContainer(docker, id, `/${folder}/to-upload.txt`)) === 'uploaded by click\n' ? true : undefined));
      await row(wb, 'to-upload.txt').waitFor({ timeout: STEP_MS });
      await docker.getContainer(id).exec({ Cmd: ['sh', '-c', `echo > /${folder}/made-elsewhere.txt`] }).then((exec) => exec.start({}));
      await eventually('the other process\'s file', ENGINE_MS, async () => ((await exists(docker, id, `/${folder}/made-elsewhere.txt`)) ? true : undefined));
      await folderRow.hover();
      await folderRow.locator('.action-label[aria-label^="Refresh"]').first().click({ timeout: STEP_MS });
      await row(wb, 'made-elsewhere.txt').waitFor({ timeout: STEP_MS });
    },
  },
];

/** Types a file's path into VS Code's own file dialog (code-server has no native one) until it holds, then Enter. */
async function typeIntoFileDialog(wb: Workbench, file: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    await wb.quickInputBox.fill(file);
    await wb.page.waitForTimeout(500);
    if ((await wb.quickInputBox.inputValue()) === file) break;
    if (Date.now() > deadline) throw new Error(`the file dialog's input does not keep ${file}`);
  }
  await wb.clickOk();
}
