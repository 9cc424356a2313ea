// Create Service…'s answers (as the wizard or a script holds them) → the ServiceSpecInput → the Engine API's ServiceSpec.
import * as assert from 'node:assert/strict';
import { toServiceSpec } from '../../../../src/core/swarm/serviceSpec';
import { answersToSpec, defaultAnswers, parseDuration, parseMounts, scriptedAnswers } from '../../../../src/extension/swarm/serviceAnswers';
import { problemOf } from '../../../../src/extension/swarm/serviceInput';

describe('Create Service… answers → service spec', () => {
  it('reads named volumes, binds (absolute source), anonymous volumes and :ro', () => {
    assert.deepEqual(parseMounts('data:/data, /srv/www:/www:ro, /cache, logs:/logs:rw'), [
      { type: 'volume', source: 'data', target: '/data' },
      { type: 'bind', source: '/srv/www', target: '/www', readOnly: true },
      { type: 'volume', target: '/cache' },
      { type: 'volume', source: 'logs', target: '/logs' },
    ]);
    assert.deepEqual(parseMounts(''), []);
  });

  it('refuses mounts it cannot read, naming the entry', () => {
    for (const bad of ['data', 'data:relative', ':/x', 'a:b:/c', '-v:/x']) assert.match(problemOf(parseMounts, bad) ?? '', new RegExp(`"${bad}" is not a mount`), bad);
  });

  it('reads delays as the CLI writes them, or plain seconds', () => {
    assert.equal(parseDuration('10s'), 10);
    assert.equal(parseDuration('1m30s'), 90);
    assert.equal(parseDuration('500ms'), 0.5);
    assert.equal(parseDuration('2'), 2);
    assert.ok(problemOf(parseDuration, '10 s'));
    assert.ok(problemOf(parseDuration, 'soon'));
  });

  it('the defaults make one replica and no policies (the engine applies docker service create’s)', () => {
    const spec = answersToSpec({ ...defaultAnswers(), image: 'busybox', name: 'one' });
    assert.deepEqual(spec, { name: 'one', image: 'busybox', replicas: 1 });
    assert.equal(toServiceSpec(spec).UpdateConfig, undefined);
  });

  it('mounts, networks and both policies reach the Engine API spec', () => {
    const spec = answersToSpec({
      ...defaultAnswers(),
      image: 'busybox:latest', name: 'web', mode: '3', ports: '8080:80', env: 'A=1',
      mounts: 'data:/data, /etc/hosts:/h:ro', networks: ['front', 'back'], constraints: 'node.role==worker',
      policies: 'custom',
      update: { parallelism: '2', delay: '10s', failureAction: 'rollback', order: 'start-first' },
      rollback: { parallelism: '0', delay: '1m', failureAction: 'continue', order: 'stop-first' },
    });
    const api = toServiceSpec(spec, new Map([['front', 'id-front'], ['back', 'id-back']]));
    assert.deepEqual((api.TaskTemplate as { ContainerSpec: unknown }).ContainerSpec, {
      Image: 'busybox:latest', Env: ['A=1'],
      Mounts: [{ Type: 'volume', Source: 'data', Target: '/data', ReadOnly: false }, { Type: 'bind', Source: '/etc/hosts', Target: '/h', ReadOnly: true }],
    });
    assert.deepEqual((api.TaskTemplate as { Networks: unknown }).Networks, [{ Target: 'id-front' }, { Target: 'id-back' }]);
    assert.deepEqual(api.Mode, { Replicated: { Replicas: 3 } });
    assert.deepEqual(api.UpdateConfig, { Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Monitor: 5e9, MaxFailureRatio: 0, Order: 'start-first' });
    assert.deepEqual(api.RollbackConfig, { Parallelism: 0, Delay: 60e9, FailureAction: 'continue', Monitor: 5e9, MaxFailureRatio: 0, Order: 'stop-first' });
  });

  it('policies left at "default" are not sent even when their answers were changed (the user went Back and chose default)', () => {
    const answers = { ...defaultAnswers(), image: 'busybox', name: 'x', update: { parallelism: '5', delay: '1s', failureAction: 'continue' as const, order: 'start-first' as const } };
    assert.equal(answersToSpec(answers).updateConfig, undefined);
  });

  it('a script’s answers are laid over the defaults (name from the image), and unknown or ill-typed ones are refused', () => {
    const answers = scriptedAnswers({ image: 'registry.local/team/api:2', mounts: '/tmp:/t', policies: 'custom', update: { parallelism: '3' } });
    assert.equal(answers.name, 'api');
    assert.equal(answers.mode, '1');
    assert.deepEqual(answers.update, { parallelism: '3', delay: '0s', failureAction: 'pause', order: 'stop-first' });
    assert.throws(() => scriptedAnswers({ image: 'x', replicas: 2 }), /Unknown answer "replicas"/);
    assert.throws(() => scriptedAnswers({ image: 'x', networks: 'front' }), /list of network names/);
    assert.throws(() => answersToSpec(scriptedAnswers({ image: 'x', policies: 'custom', update: { order: 'random' } })), /not an order/);
  });
});
