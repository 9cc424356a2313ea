// ServiceSpecInput → the Engine API's ServiceSpec, as `docker service create` builds it.
import * as assert from 'node:assert/strict';
import { serviceSpecProblems, toServiceSpec, toUpdatePolicy } from '../../../../src/core/swarm/serviceSpec';
import { modemAddress } from '../../../../src/core/swarm/swarmRequest';

describe('service spec', () => {
  it('a replicated service with everything the input can say', () => {
    const spec = toServiceSpec({
      name: 'web', image: 'nginx:1.25', replicas: 3, command: ['nginx', '-g', 'daemon off;'], env: ['A=1'],
      ports: [{ target: 80, published: 8080 }, { target: 53, protocol: 'udp', mode: 'host' }],
      mounts: [{ type: 'volume', source: 'data', target: '/data' }, { type: 'bind', source: '/etc/hosts', target: '/h', readOnly: true }],
      networks: ['front'], constraints: ['node.role==worker'], labels: { team: 'a' },
      updateConfig: { parallelism: 2, delaySeconds: 10, failureAction: 'rollback', order: 'start-first' },
      rollbackConfig: { failureAction: 'pause' },
    }, new Map([['front', 'net-id-1']]));
    assert.deepEqual(spec, {
      Name: 'web',
      Labels: { team: 'a' },
      TaskTemplate: {
        ContainerSpec: {
          Image: 'nginx:1.25', Args: ['nginx', '-g', 'daemon off;'], Env: ['A=1'],
          Mounts: [{ Type: 'volume', Source: 'data', Target: '/data', ReadOnly: false }, { Type: 'bind', Source: '/etc/hosts', Target: '/h', ReadOnly: true }],
        },
        Placement: { Constraints: ['node.role==worker'] },
        Networks: [{ Target: 'net-id-1' }],
        ForceUpdate: 0,
      },
      Mode: { Replicated: { Replicas: 3 } },
      UpdateConfig: { Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Monitor: 5e9, MaxFailureRatio: 0, Order: 'start-first' },
      RollbackConfig: { Parallelism: 1, Delay: 0, FailureAction: 'pause', Monitor: 5e9, MaxFailureRatio: 0, Order: 'stop-first' },
      EndpointSpec: {
        Mode: 'vip',
        Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }, { Protocol: 'udp', TargetPort: 53, PublishMode: 'host' }],
      },
    });
  });

  it('a global service, and one replica when neither is given', () => {
    assert.deepEqual(toServiceSpec({ name: 'agent', image: 'agent', global: true }).Mode, { Global: {} });
    assert.deepEqual(toServiceSpec({ name: 'one', image: 'one' }).Mode, { Replicated: { Replicas: 1 } });
  });

  it('a policy given in part gets the CLI defaults (parallelism 1, not "all at once")', () => {
    assert.equal(toUpdatePolicy({ delaySeconds: 1 }).Parallelism, 1);
    assert.equal(toUpdatePolicy({ monitorSeconds: 0.5 }).Monitor, 5e8);
  });

  it('names what is wrong before the engine is asked', () => {
    assert.deepEqual(serviceSpecProblems({ name: 'ok', image: 'busybox' }), []);
    const problems = serviceSpecProblems({
      name: '-bad name', image: ' ', global: true, replicas: 2, ports: [{ target: 70000 }], env: ['NOEQUALS'], rollbackConfig: { failureAction: 'rollback' },
    });
    assert.equal(problems.length, 6, problems.join('\n'));
  });
});

describe('swarm request addresses for docker-modem', () => {
  it('a plain GET has no query and no options', () => {
    assert.deepEqual(modemAddress({ path: '/swarm' }), { path: '/swarm' });
  });
  it("a query ends the path with '?' for docker-modem to append; undefined values are left out", () => {
    assert.deepEqual(modemAddress({ path: '/tasks', query: { filters: { service: ['s1'] }, tail: undefined } }),
      { path: '/tasks?', options: { _query: { filters: { service: ['s1'] } }, _body: {} } });
  });
  it('a body without query goes as _body, the path untouched', () => {
    assert.deepEqual(modemAddress({ path: '/swarm/init', body: { AdvertiseAddr: '10.0.0.1' } }), { path: '/swarm/init', options: { _query: {}, _body: { AdvertiseAddr: '10.0.0.1' } } });
  });
});
