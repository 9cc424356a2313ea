import * as assert from 'node:assert/strict';
import { COMPOSE_PROJECT_STATES, composeProjectContextValue } from '../../../../src/extension/tree/contextValues';
import { readManifest } from '../manifest';
import { parseWhen } from '../whenClause';

const itemMenus = readManifest().contributes.menus['view/item/context'] ?? [];

/** The project states (with or without files here) on which the command's context menu entry shows, trusted or not. */
function shownOn(command: string, trusted: boolean): string[] {
  const entries = itemMenus.filter((entry) => entry.command === command && entry.group !== undefined && !entry.group.startsWith('inline'));
  assert.equal(entries.length, 1, `one context menu entry for ${command}`);
  const shows = parseWhen(entries[0]?.when ?? 'true');
  return COMPOSE_PROJECT_STATES.flatMap((state) => [true, false].map((files) => composeProjectContextValue(state, files)))
    .filter((viewItem) => shows({ view: 'dockerHosts.machines', viewItem, isWorkspaceTrusted: trusted }));
}

describe('the Compose project node’s menus', () => {
  it('offer Up, Up (select services), Pull and Build on projects whose files are here, only in a trusted workspace', () => {
    for (const verb of ['up', 'upServices', 'pull', 'build']) {
      assert.deepEqual(shownOn(`dockerHosts.compose.${verb}`, true), ['composeProject:running files', 'composeProject:partial files', 'composeProject:stopped files', 'composeProject:down files'], verb);
      assert.deepEqual(shownOn(`dockerHosts.compose.${verb}`, false), [], `${verb} untrusted`);
    }
  });

  it('offer Down and Logs on projects that are on the machine, Stop and Restart on running ones, Start on stopped ones; none needs the files or trust', () => {
    const onMachine = (states: string[]): string[] => states.flatMap((state) => [`composeProject:${state} files`, `composeProject:${state}`]);
    assert.deepEqual(shownOn('dockerHosts.compose.down', false), onMachine(['running', 'partial', 'stopped']));
    assert.deepEqual(shownOn('dockerHosts.compose.logs', false), onMachine(['running', 'partial', 'stopped']));
    assert.deepEqual(shownOn('dockerHosts.compose.stop', false), onMachine(['running', 'partial']));
    assert.deepEqual(shownOn('dockerHosts.compose.restart', false), onMachine(['running', 'partial']));
    assert.deepEqual(shownOn('dockerHosts.compose.start', false), onMachine(['partial', 'stopped']));
  });
});
