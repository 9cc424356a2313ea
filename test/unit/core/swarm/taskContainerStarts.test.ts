import * as assert from 'node:assert/strict';
import { TaskContainerStarts } from '../../../../src/core/swarm/taskContainerStarts';

const task = (id: string, state: string): { id: string; state: string; message: string } => ({ id, state, message: state });

describe('TaskContainerStarts (a node saw the task container start before the managers said so)', () => {
  it('shows a task still starting at the managers as running once its container started', () => {
    const starts = new TaskContainerStarts();
    starts.note('t1', 'start', 0);
    const [shown, other] = starts.apply([task('t1', 'starting'), task('t2', 'starting')], 10);
    assert.equal(shown?.state, 'running');
    assert.match(shown?.message ?? '', /managers have not confirmed/);
    assert.equal(other?.state, 'starting', 'a task whose container nobody saw start is left as the managers say');
  });

  it("yields to the managers once they say running or later, and forgets the start", () => {
    const starts = new TaskContainerStarts();
    starts.note('t1', 'start', 0);
    assert.equal(starts.apply([task('t1', 'failed')], 10)[0]?.state, 'failed');
    assert.equal(starts.apply([task('t1', 'starting')], 20)[0]?.state, 'starting', 'forgotten once the managers moved past it');
  });

  it('forgets a start when the container dies, and after a minute with no word from the managers', () => {
    const starts = new TaskContainerStarts();
    starts.note('t1', 'start', 0);
    starts.note('t1', 'die', 5);
    assert.equal(starts.apply([task('t1', 'starting')], 10)[0]?.state, 'starting');
    starts.note('t2', 'start', 0);
    assert.equal(starts.apply([task('t2', 'assigned')], 61_000)[0]?.state, 'assigned');
  });

  it('ignores the other container actions', () => {
    const starts = new TaskContainerStarts();
    starts.note('t1', 'attach', 0);
    starts.note('t1', 'create', 0);
    assert.equal(starts.apply([task('t1', 'preparing')], 10)[0]?.state, 'preparing');
  });
});
