import * as assert from 'node:assert/strict';
import { TaskPoller } from '../../../../src/extension/swarm/taskPoller';

describe('TaskPoller (an expanded service’s tasks, polled because tasks have no engine events)', () => {
  it('repaints the watched node only when a task’s node or state changed, and stops when unwatched', async () => {
    let state = 'running';
    const repainted: string[] = [];
    const poller = new TaskPoller(async () => [{ id: 't1', nodeId: 'n1', state, desiredState: 'running' }], (id) => repainted.push(id));
    try {
      poller.watch('svc-node', 'cluster', 'svc', [{ id: 't1', nodeId: 'n1', state: 'running', desiredState: 'running' }]);
      poller.pokeCluster('cluster');
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(repainted, [], 'nothing changed');
      state = 'failed';
      poller.pokeCluster('cluster');
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(repainted, ['svc-node']);
      poller.unwatch('svc-node');
      assert.equal(poller.watchedCount, 0);
    } finally {
      poller.dispose();
    }
  });

  it('watches at most eight services, dropping the oldest expansion', () => {
    const poller = new TaskPoller(async () => [], () => undefined);
    try {
      for (let i = 0; i < 10; i++) poller.watch(`node-${i}`, 'c', `s${i}`, []);
      assert.equal(poller.watchedCount, 8);
    } finally {
      poller.dispose();
    }
  });
});
