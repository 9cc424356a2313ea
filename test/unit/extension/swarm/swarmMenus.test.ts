import * as assert from 'node:assert/strict';
import { machineContextValue, swarmNodeContextValue, swarmServiceContextValue } from '../../../../src/extension/tree/contextValues';
import { readManifest } from '../manifest';
import { parseWhen } from '../whenClause';

const itemMenus = readManifest().contributes.menus['view/item/context'] ?? [];

function showsOn(command: string, viewItem: string, trusted = true): boolean {
  const entries = itemMenus.filter((entry) => entry.command === command && !(entry.group ?? '').startsWith('inline'));
  assert.equal(entries.length, 1, `one context menu entry for ${command}`);
  return parseWhen(entries[0]?.when ?? 'true')({ view: 'dockerHosts.machines', viewItem, isWorkspaceTrusted: trusted });
}

describe('the swarm menus', () => {
  const machine = (swarmRole?: 'manager' | 'worker', state: 'running' | 'unreachable' = 'running'): string =>
    machineContextValue({ state, driver: 'ssh', stored: true, operations: ['ssh'], ...(swarmRole && { swarmRole }) });

  it('offer Initialize and Join on a running machine in no swarm, Leave on one in a swarm, nothing on an unreachable one', () => {
    for (const verb of ['init', 'join']) {
      assert.equal(showsOn(`dockerHosts.swarm.${verb}`, machine()), true, verb);
      assert.equal(showsOn(`dockerHosts.swarm.${verb}`, machine('manager')), false, `${verb} on a manager`);
      assert.equal(showsOn(`dockerHosts.swarm.${verb}`, machine(undefined, 'unreachable')), false, `${verb} unreachable`);
    }
    assert.equal(showsOn('dockerHosts.swarm.leave', machine()), false);
    assert.equal(showsOn('dockerHosts.swarm.leave', machine('manager')), true);
    assert.equal(showsOn('dockerHosts.swarm.leave', machine('worker')), true);
  });

  it('offer Promote on workers, Demote on managers, and each availability change only where it changes something', () => {
    const node = swarmNodeContextValue;
    assert.deepEqual([showsOn('dockerHosts.swarm.promote', node('worker', 'active')), showsOn('dockerHosts.swarm.promote', node('manager', 'active'))], [true, false]);
    assert.deepEqual([showsOn('dockerHosts.swarm.demote', node('worker', 'active')), showsOn('dockerHosts.swarm.demote', node('manager', 'active'))], [false, true]);
    const availability = (verb: string): string[] => (['active', 'pause', 'drain'] as const).filter((a) => showsOn(`dockerHosts.swarm.${verb}`, node('worker', a)));
    assert.deepEqual(availability('drain'), ['active', 'pause']);
    assert.deepEqual(availability('pause'), ['active', 'drain']);
    assert.deepEqual(availability('activate'), ['pause', 'drain']);
  });

  it('offer Scale only on replicated services, and Deploy Stack only in a trusted workspace', () => {
    assert.equal(showsOn('dockerHosts.swarm.scaleService', swarmServiceContextValue('replicated')), true);
    assert.equal(showsOn('dockerHosts.swarm.scaleService', swarmServiceContextValue('global')), false);
    assert.equal(showsOn('dockerHosts.swarm.deployStack', 'group:swarm-stacks', true), true);
    assert.equal(showsOn('dockerHosts.swarm.deployStack', 'group:swarm-stacks', false), false);
  });
});
