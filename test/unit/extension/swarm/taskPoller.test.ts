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

  it('a task container’s event polls that service at once and again shortly after (the manager learns the state a moment later); other services are not polled', async () => {
    let state = 'starting';
    const asked: string[] = [];
    const repainted: string[] = [];
    const poller = new TaskPoller(async (_cluster, service) => {
      asked.push(service);
      return [{ id: 't1', nodeId: 'n1', state, desiredState: 'running' }];
    }, (id) => repainted.push(id));
    try {
      poller.watch('svc-node', 'cluster', 'svc', [{ id: 't1', nodeId: 'n1', state: 'starting', desiredState: 'running' }]);
      poller.pokeService('another');
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(asked, [], 'an unwatched service is not polled');
      poller.pokeService('svc');
      setTimeout(() => (state = 'running'), 100); // after the immediate poll and the 50 ms one
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.deepEqual(repainted, ['svc-node'], 'the 200 ms follow-up saw the new state, long before the 2 s tick');
      assert.ok(asked.length >= 3 && asked.every((s) => s === 'svc'), `polled ${asked.length} times`);
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
