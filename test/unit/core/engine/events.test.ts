import * as assert from 'node:assert/strict';
import { toEngineEvent } from '../../../../src/core/engine/events';

const raw = (Type: string, Action: string, ID = 'abc') => ({ Type, Action, Actor: { ID, Attributes: { name: 'web' } }, time: 1700000000, timeNano: 1700000000123456789 });

describe('toEngineEvent (which engine events can change what the tree shows)', () => {
  it('keeps state changes of containers with their id and attributes', () => {
    const event = toEngineEvent(raw('container', 'stop'));
    assert.equal(event?.kind, 'container');
    assert.equal(event?.action, 'stop');
    assert.equal(event?.actorId, 'abc');
    assert.equal(event?.attributes.name, 'web');
  });

  it('reads "health_status: unhealthy" as a health_status change', () => {
    assert.equal(toEngineEvent(raw('container', 'health_status: unhealthy'))?.action, 'health_status');
  });

  it('ignores exec, attach and resize noise, which health checks make every few seconds', () => {
    for (const action of ['exec_create: sh -c true', 'exec_start: sh -c true', 'exec_die', 'attach', 'resize', 'top', 'archive-path']) {
      assert.equal(toEngineEvent(raw('container', action)), undefined, action);
    }
  });

  it('keeps image tag/untag/delete, volume create/destroy and network create/destroy', () => {
    for (const [type, action] of [['image', 'tag'], ['image', 'untag'], ['image', 'delete'], ['volume', 'create'], ['volume', 'destroy'], ['network', 'create'], ['network', 'destroy']] as const) {
      assert.ok(toEngineEvent(raw(type, action)), `${type} ${action}`);
    }
  });

  it('ignores other event types and malformed values', () => {
    assert.equal(toEngineEvent(raw('daemon', 'reload')), undefined);
    assert.equal(toEngineEvent(raw('plugin', 'enable')), undefined);
    assert.equal(toEngineEvent(null), undefined);
    assert.equal(toEngineEvent('text'), undefined);
  });
});
