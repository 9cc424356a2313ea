import * as assert from 'node:assert/strict';
import { acceptsInvocation, COMMAND_IDS, COMMAND_TABLE, CommandId, CommandLocation } from '../../../../src/extension/commands/commandTable';
import { readManifest } from '../manifest';

const manifest = readManifest();
const MENU_LOCATIONS: readonly CommandLocation[] = ['view/title', 'view/item/context', 'explorer/context', 'editor/title', 'editor/title/context', 'editor/context'];
const spec = (id: string): (typeof COMMAND_TABLE)[CommandId] | undefined => COMMAND_TABLE[id as CommandId];

describe('the command table against package.json', () => {
  it('lists exactly the commands package.json contributes', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual([...COMMAND_IDS].sort(), contributed);
    assert.equal(COMMAND_IDS.length, 130);
  });

  it('declares every menu location package.json puts a command in, and no menu location it lacks', () => {
    const problems: string[] = [];
    for (const [location, entries] of Object.entries(manifest.contributes.menus)) {
      if (location === 'commandPalette') continue;
      assert.ok((MENU_LOCATIONS as readonly string[]).includes(location), `menu location ${location} is not in the table's vocabulary`);
      for (const entry of entries) {
        if (!spec(entry.command)?.where.includes(location as CommandLocation)) problems.push(`${entry.command} is in ${location} but the table does not say so`);
      }
    }
    for (const id of COMMAND_IDS) {
      for (const location of COMMAND_TABLE[id].where.filter((l) => (MENU_LOCATIONS as readonly string[]).includes(l))) {
        if (!(manifest.contributes.menus[location] ?? []).some((entry) => entry.command === id)) problems.push(`${id} declares ${location} but no menu puts it there`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('hides from the palette exactly the commands the table does not allow there', () => {
    const hidden = (manifest.contributes.menus.commandPalette ?? []).filter((entry) => entry.when === 'false').map((entry) => entry.command).sort();
    const notInPalette = COMMAND_IDS.filter((id) => !COMMAND_TABLE[id].where.includes('palette')).sort();
    assert.deepEqual(hidden, notInPalette);
  });

  it('declares a keybinding location for every command bound to a key', () => {
    const unbound = (manifest.contributes.keybindings ?? []).filter((binding) => !spec(binding.command)?.where.includes('keybinding'));
    assert.deepEqual(unbound, []);
  });

  it('every command acting on tree nodes says which nodes, and only those have view/item/context', () => {
    for (const id of COMMAND_IDS) {
      const entry: { where: readonly CommandLocation[]; nodes?: readonly string[] } = COMMAND_TABLE[id];
      assert.equal(entry.where.includes('view/item/context'), (entry.nodes?.length ?? 0) > 0, id);
    }
  });

  it("refuses arguments a command's locations cannot pass", () => {
    const build = COMMAND_TABLE['dockerHosts.build.image'];
    assert.ok(acceptsInvocation(build, 'uri', false), 'Explorer and editor menus pass a URI');
    assert.ok(acceptsInvocation(build, 'none', false), 'the palette passes nothing');
    assert.ok(acceptsInvocation(build, 'uri', true), 'a script passes a URI and options');
    assert.ok(!acceptsInvocation(build, 'node', false), 'no tree menu has Build Image');
    const stop = COMMAND_TABLE['dockerHosts.container.stop'];
    assert.ok(acceptsInvocation(stop, 'node', false));
    assert.ok(!acceptsInvocation(stop, 'uri', false));
    assert.ok(!acceptsInvocation(COMMAND_TABLE['dockerHosts.refresh'], 'none', true), 'Refresh takes no options');
    assert.ok(acceptsInvocation(COMMAND_TABLE['dockerHosts.machines.filter'], 'node', false), "a view's title bar passes the focused node");
  });
});
