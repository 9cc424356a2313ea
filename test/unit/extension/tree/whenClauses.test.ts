import * as assert from 'node:assert/strict';
import { ACTION_APPLIES_TO, ContainerAction } from '../../../../src/core/engine/operations/containerOperations';
import { COMMAND_TABLE, CommandId } from '../../../../src/extension/commands/commandTable';
import { nodeKindOf } from '../../../../src/extension/tree/contextValues';
import { parseWhen, WhenContext } from '../whenClause';
import { allContextValues, CONTAINER_STATES, machineSamples } from './contextSamples';
import { MenuEntry, readManifest } from '../manifest';

// The extension's own views: menus may show in these.
const VIEWS = ['dockerHosts.machines', 'dockerHosts.registries'];
const itemMenus = (readManifest().contributes.menus['view/item/context'] ?? []).map((entry) => ({ ...entry, shows: parseWhen(entry.when ?? 'true') }));
// Every combination of the other context keys the menus read.
const contexts = (viewItem: string, views: readonly string[] = VIEWS): WhenContext[] =>
  views.flatMap((view) => [true, false].flatMap((showDangling) => [true, false].map((trusted) => ({ view, viewItem, 'config.dockerHosts.images.showDangling': showDangling, isWorkspaceTrusted: trusted }))));
const showsOn = (entry: (typeof itemMenus)[number], viewItem: string, view?: string): boolean => contexts(viewItem, view === undefined ? VIEWS : [view]).some((context) => entry.shows(context));
const describeEntry = (entry: MenuEntry): string => `${entry.command} (${entry.group ?? 'no group'}) when ${entry.when ?? 'always'}`;

describe('package.json view/item/context menus against the contextValues the node builders produce', () => {
  const values = allContextValues();

  it('the when clause of every menu entry parses', () => {
    assert.ok(itemMenus.length > 50, `only ${itemMenus.length} entries`);
  });

  it('every entry shows on at least one node (none can never show)', () => {
    const never = itemMenus.filter((entry) => !values.some((value) => showsOn(entry, value)));
    assert.deepEqual(never.map(describeEntry), []);
  });

  it('every entry shows only on nodes its command acts on (the command table says which)', () => {
    const wrong = itemMenus.flatMap((entry) => {
      const accepted: readonly string[] = COMMAND_TABLE[entry.command as CommandId]?.nodes ?? [];
      return values.filter((value) => showsOn(entry, value) && !accepted.includes(nodeKindOf(value))).map((value) => `${describeEntry(entry)} shows on ${value}`);
    });
    assert.deepEqual(wrong, []);
  });

  it('no entry shows in another view', () => {
    const leaking = itemMenus.filter((entry) => values.some((value) => showsOn(entry, value, 'explorer')));
    assert.deepEqual(leaking.map(describeEntry), []);
  });

  it('container Start/Stop/Restart/Pause/Unpause show on exactly the states the engine operation applies to', () => {
    for (const action of Object.keys(ACTION_APPLIES_TO) as ContainerAction[]) {
      const entries = itemMenus.filter((entry) => entry.command === `dockerHosts.container.${action}`);
      assert.ok(entries.length > 0, `no menu entry for ${action}`);
      for (const entry of entries) {
        const shown = CONTAINER_STATES.filter((state) => showsOn(entry, `container:${state}`) && showsOn(entry, `container:${state}:published`));
        assert.deepEqual([...shown].sort(), [...ACTION_APPLIES_TO[action]].sort(), describeEntry(entry));
      }
    }
  });

  it('machine entries follow stored, driver operations and state, not driver names in the extension', () => {
    const edit = itemMenus.find((entry) => entry.command === 'dockerHosts.machine.edit');
    const ssh = itemMenus.find((entry) => entry.command === 'dockerHosts.machine.ssh');
    const retryInline = itemMenus.find((entry) => entry.command === 'dockerHosts.machine.retry' && entry.group === 'inline');
    const reprovision = itemMenus.find((entry) => entry.command === 'dockerHosts.machine.reprovision');
    assert.ok(edit && ssh && retryInline && reprovision);
    assert.ok(itemMenus.every((entry) => !/:(generic|ssh|tcp|local|qemu):/.test(entry.when ?? '')), 'no menu names a driver');
    for (const value of machineSamples()) {
      assert.equal(showsOn(edit, value), value.includes(':stored'), `Edit on ${value}`);
      assert.equal(showsOn(ssh, value), value.includes(' op-ssh'), `SSH on ${value}`);
      assert.equal(showsOn(retryInline, value), value.startsWith('machine:unreachable'), `inline Retry on ${value}`);
      assert.equal(showsOn(reprovision, value), value.includes(':stored') && value.includes(' provisioned'), `Re-provision on ${value}`);
    }
  });

  it('a VM this window is stopping offers only Kill Machine… of the VM verbs (Stop, Restart and Start wait for the stop)', () => {
    const verbs = ['startVm', 'stopVm', 'restartVm', 'killVm'].map((verb) => itemMenus.find((entry) => entry.command === `dockerHosts.machine.${verb}`));
    const stopping = machineSamples().filter((value) => value.includes(' vm-stopping'));
    assert.ok(stopping.length > 0, 'the samples have a stopping VM');
    for (const value of stopping) {
      assert.deepEqual(verbs.map((entry) => (entry ? showsOn(entry, value) : undefined)), [false, false, false, true], value);
    }
  });

  it('Disconnect shows on an attached container and on networks, nowhere else', () => {
    const disconnect = itemMenus.filter((entry) => entry.command === 'dockerHosts.network.disconnect');
    assert.ok(disconnect.some((entry) => showsOn(entry, 'networkMember')));
    assert.ok(!disconnect.some((entry) => showsOn(entry, 'container:running')));
  });
});
