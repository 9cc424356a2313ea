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

describe('toEngineEvent on values a hostile engine sends', () => {
  it('drops an event whose timeNano is not an integer instead of throwing', () => {
    assert.doesNotThrow(() => toEngineEvent({ ...raw('container', 'start'), timeNano: 1.5 }));
    assert.equal(toEngineEvent({ ...raw('container', 'start'), timeNano: 1.5 }), undefined);
    assert.equal(toEngineEvent({ ...raw('container', 'start'), timeNano: 'soon' }), undefined);
    assert.equal(toEngineEvent({ ...raw('container', 'start'), timeNano: undefined, time: 1.5 }), undefined);
  });

  it('ignores a non-string Action, Type or actor ID and keeps only string attributes', () => {
    for (const Action of [42, { split: 1 }, null, ['start']]) {
      assert.doesNotThrow(() => toEngineEvent({ ...raw('container', 'start'), Action }));
      assert.equal(toEngineEvent({ ...raw('container', 'start'), Action }), undefined, JSON.stringify(Action));
    }
    assert.equal(toEngineEvent({ ...raw('container', 'start'), Type: ['container'] }), undefined);
    const event = toEngineEvent({ Type: 'container', Action: 'start', Actor: { ID: 7, Attributes: { name: 'web', evil: { toString: 1 } } }, timeNano: '1700000000123456789' });
    assert.equal(event?.actorId, '');
    assert.deepEqual(event?.attributes, { name: 'web' });
    assert.equal(event?.timeNano, 1700000000123456789n);
  });
});
