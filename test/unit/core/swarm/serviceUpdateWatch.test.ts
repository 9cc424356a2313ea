// When a service update (or rollback) is over, from the service's UpdateStatus and its tasks.
import * as assert from 'node:assert/strict';
import { outcomeOf, updateProgressOf } from '../../../../src/core/swarm/serviceUpdateWatch';

const service = (image: string, state?: string, replicas = 2) => ({
  Spec: { Mode: { Replicated: { Replicas: replicas } }, TaskTemplate: { ContainerSpec: { Image: image }, ForceUpdate: 1 } },
  ...(state && { UpdateStatus: { State: state, Message: `update ${state}` } }),
});
const task = (image: string, state = 'running', forceUpdate = 1) => ({ Spec: { ContainerSpec: { Image: image }, ForceUpdate: forceUpdate }, Status: { State: state } });

describe('service update progress and outcome', () => {
  it('counts tasks running the current spec (image and force-update counter) against the replicas', () => {
    const progress = updateProgressOf(service('b:2', 'updating'), [task('b:2'), task('b:1'), task('b:2', 'starting'), task('b:2', 'running', 0)]);
    assert.deepEqual(progress, { state: 'updating', message: 'update updating', updatedTasks: 1, desiredTasks: 2 });
  });

  it('is over at completed once the tasks agree, at rollback_completed and at paused', () => {
    assert.equal(outcomeOf({ state: 'updating', updatedTasks: 1, desiredTasks: 2 }, 3), undefined);
    assert.equal(outcomeOf({ state: 'completed', updatedTasks: 1, desiredTasks: 2 }, 3), undefined, 'a completed left from an earlier update');
    assert.deepEqual(outcomeOf({ state: 'completed', updatedTasks: 2, desiredTasks: 2 }, 3), { state: 'completed' });
    assert.deepEqual(outcomeOf({ state: 'rollback_completed', message: 'done', updatedTasks: 0, desiredTasks: 2 }, 1), { state: 'rollback_completed', message: 'done' });
    assert.deepEqual(outcomeOf({ state: 'paused', message: 'update paused due to failure', updatedTasks: 1, desiredTasks: 2 }, 9), { state: 'paused', message: 'update paused due to failure' });
  });

  it('an update with nothing to replace (no status, tasks already current) ends after a second look', () => {
    assert.equal(outcomeOf({ state: 'waiting', updatedTasks: 2, desiredTasks: 2 }, 1), undefined);
    assert.deepEqual(outcomeOf({ state: 'waiting', updatedTasks: 2, desiredTasks: 2 }, 2), { state: 'completed' });
  });
});
