// Click tests for Podman machines: New Machine → Local socket with the set-up's Podman socket,
// saved in the store, its row saying "Podman 4.3.1"; then its container's row → right-click
// Stop Container, and podman itself says the container stopped.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Locator } from 'playwright-core';
import { createContainer, eventually } from '../../../support/engine';
import { PODMAN_SOCKET, podmanDocker } from '../../../support/podman';
import type { ClickContext, ClickTest } from '../clickTests';
import type { Workbench } from '../workbench';

const ENGINE_MS = 60_000;
const STEP_MS = 30_000;

function storedNames(context: ClickContext): string[] {
  try {
    const file = path.join(context.userData, 'User', 'globalStorage', 'docker-hosts.docker-hosts', 'machines.json');
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { machines?: { name?: string }[] } | { name?: string }[];
    const list = Array.isArray(parsed) ? parsed : (parsed.machines ?? []);
    return list.map((m) => String(m.name));
  } catch {
    return [];
  }
}

/** The first row at `level` labelled exactly `label` (rows show label, then description). */
function rowAt(wb: Workbench, level: number, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return wb.machinesTree.locator(`.monaco-list-row[aria-level="${level}"]`).filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${escaped}$`) }) }).first();
}

async function expand(target: Locator): Promise<void> {
  await target.waitFor({ timeout: STEP_MS });
  if ((await target.getAttribute('aria-expanded')) !== 'true') await target.click();
  await eventually('the row to expand', STEP_MS, async () => ((await target.getAttribute('aria-expanded')) === 'true' ? true : undefined));
}

/** The group row `label` of the machine `machine` (local has one of the same label): the first after it in the list. */
async function groupUnder(wb: Workbench, machine: Locator, label: string): Promise<Locator> {
  const machineIndex = Number(await machine.getAttribute('data-index'));
  return eventually(`${label} under the machine`, STEP_MS, async () => {
    const groups = wb.machinesTree.locator('.monaco-list-row[aria-level="2"]').filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
    let best: { index: number; row: Locator } | undefined;
    for (const row of await groups.all()) {
      const index = Number(await row.getAttribute('data-index'));
      if (index > machineIndex && (!best || index < best.index)) best = { index, row };
    }
    return best?.row;
  });
}

const machineName = (context: ClickContext): string => `podman-${context.runId}`;

export const PODMAN_CLICK_TESTS: readonly ClickTest[] = [
  {
    name: 'New Machine wizard → Local socket → the Podman socket: connection tested, saved in the store, its row says Podman 4.3.1',
    shot: 'podman-new-machine',
    async run(context) {
      const { wb } = context;
      const name = machineName(context);
      await wb.openSideBar('Docker Hosts');
      await wb.clickViewTitleAction('New Machine', { timeout: 30_000 });
      await wb.pick(/^Local socket/, /how is its engine reached/);
      await wb.waitForQuickInputTitle(/machine: Socket path/);
      const prompt = await wb.quickInput.locator('.quick-input-message').innerText().catch(() => '');
      if (!prompt.includes('Podman')) throw new Error(`the socket step does not mention Podman's socket: "${prompt}"`);
      await wb.type(PODMAN_SOCKET, /machine: Socket path/);
      await wb.type(name, /New Machine: name/);
      await eventually(`machine ${name} in the store`, ENGINE_MS, () => (storedNames(context).includes(name) ? true : undefined));
      const row = rowAt(wb, 1, name);
      await row.waitFor({ timeout: STEP_MS });
      await eventually(`${name}'s row to say Podman`, ENGINE_MS, async () => (/Podman 4\.3\.\d+/.test(await row.innerText()) ? true : undefined));
    },
  },
  {
    name: 'A Podman machine’s container row → right-click Stop Container: podman says it stopped, and the row shows it',
    shot: 'podman-stop-container',
    async run(context) {
      const { wb, runId } = context;
      const docker = podmanDocker();
      const name = `dh-click-pod-${runId}`;
      const container = await createContainer(docker, runId, name);
      try {
        await container.start();
        await wb.openSideBar('Docker Hosts');
        // The tree is long by now (earlier tests left local's containers and a Files folder open):
        // collapse it, or the podman machine's rows are below the fold and never drawn.
        await wb.clickViewTitleAction('Collapse All', { timeout: STEP_MS });
        const machine = rowAt(wb, 1, machineName(context));
        await expand(machine);
        await expand(await groupUnder(wb, machine, 'Containers'));
        const containerRow = rowAt(wb, 3, name);
        await containerRow.waitFor({ timeout: STEP_MS });
        await wb.contextMenu(containerRow, 'Stop Container');
        // Podman shows "stopping" while its stop timeout runs, then "exited".
        await eventually(`${name} exited on podman`, ENGINE_MS, async () => ((await docker.getContainer(container.id).inspect()).State.Status === 'exited' ? true : undefined));
        await eventually(`${name}'s row to show it exited`, ENGINE_MS, async () => (/Exited/i.test(await rowAt(wb, 3, name).innerText()) ? true : undefined));
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
      }
    },
  },
];
