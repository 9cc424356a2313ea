// The Engine API's swarm objects (as dockerd 20.10 answers them) mapped to what the tree shows.
import * as assert from 'node:assert/strict';
import { managerAddresses } from '../../../../src/core/swarm/swarmMembership';
import {
  imageWithoutDigest, runningTasksByService, toMembership, toNodeSummary, toObjectSummary, toServiceSummary, toTaskSummary,
} from '../../../../src/core/swarm/swarmMapping';

describe('swarm mapping', () => {
  it('membership of a manager, a worker, an engine in no swarm and one in error', () => {
    assert.deepEqual(toMembership({
      NodeID: 'n1', NodeAddr: '10.77.0.1', LocalNodeState: 'active', ControlAvailable: true,
      RemoteManagers: [{ NodeID: 'n1', Addr: '10.77.0.1:2377' }], Cluster: { ID: 'c1' }, Error: '',
    }), { state: 'active', nodeId: 'n1', clusterId: 'c1', isManager: true, nodeAddress: '10.77.0.1', managerAddresses: ['10.77.0.1:2377'] });
    assert.deepEqual(toMembership({ NodeID: 'n2', NodeAddr: '10.77.0.2', LocalNodeState: 'active', ControlAvailable: false, RemoteManagers: [{ Addr: '10.77.0.1:2377' }] }),
      { state: 'active', nodeId: 'n2', isManager: false, nodeAddress: '10.77.0.2', managerAddresses: ['10.77.0.1:2377'] });
    assert.deepEqual(toMembership({ NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, RemoteManagers: null }),
      { state: 'inactive', isManager: false, managerAddresses: [] });
    assert.deepEqual(toMembership(undefined), { state: 'inactive', isManager: false, managerAddresses: [] });
    assert.equal(toMembership({ LocalNodeState: 'weird' }).state, 'error', 'an unknown state is not taken for a known one');
    assert.equal(toMembership({ LocalNodeState: 'error', Error: 'certificate expired' }).error, 'certificate expired');
  });

  it('a join dials the chosen manager first, then the other managers it knows', () => {
    assert.deepEqual(managerAddresses({ NodeID: 'm2', NodeAddr: '10.0.0.2', RemoteManagers: [{ NodeID: 'm1', Addr: '10.0.0.1:2377' }, { NodeID: 'm2', Addr: '10.0.0.2:2377' }] }),
      ['10.0.0.2:2377', '10.0.0.1:2377']);
    assert.deepEqual(managerAddresses({ NodeID: 'm1', NodeAddr: 'fd00::1', RemoteManagers: [] }), ['[fd00::1]:2377']);
  });

  it('nodes: role, availability, state, version, leader, the manager address when Status.Addr is 0.0.0.0', () => {
    assert.deepEqual(toNodeSummary({
      ID: 'n1', Spec: { Role: 'manager', Availability: 'drain' }, Description: { Hostname: 'vm', Engine: { EngineVersion: '20.10.24' } },
      Status: { State: 'ready', Addr: '0.0.0.0' }, ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '10.77.0.1:2377' },
    }), { id: 'n1', hostname: 'vm', role: 'manager', availability: 'drain', state: 'ready', engineVersion: '20.10.24', address: '10.77.0.1', leader: true, reachability: 'reachable' });
    assert.deepEqual(toNodeSummary({ ID: 'n2', Spec: { Role: 'worker', Availability: 'active' }, Description: { Hostname: 'hostb', Engine: { Labels: { 'com.docker.engine.id': 'ABCD' } } }, Status: { State: 'down', Addr: '10.77.0.2' } }),
      { id: 'n2', hostname: 'hostb', role: 'worker', availability: 'active', state: 'down', engineVersion: '', address: '10.77.0.2', leader: false, engineId: 'ABCD' });
  });

  it('services: replicated and global, ports as assigned, stack label, update status, image without its digest pin', () => {
    const replicated = toServiceSummary({
      ID: 's1',
      Spec: {
        Name: 'web', Labels: { 'com.docker.stack.namespace': 'shop' }, Mode: { Replicated: { Replicas: 3 } },
        TaskTemplate: { ContainerSpec: { Image: 'nginx:1.25@sha256:0123' } }, EndpointSpec: { Ports: [{ TargetPort: 80, Protocol: 'tcp' }] },
      },
      Endpoint: { Ports: [{ TargetPort: 80, PublishedPort: 30001, Protocol: 'tcp', PublishMode: 'ingress' }] },
      UpdateStatus: { State: 'rollback_completed', Message: 'rollback completed' },
    }, 2);
    assert.deepEqual(replicated, {
      id: 's1', name: 'web', mode: 'replicated', desiredReplicas: 3, runningTasks: 2, image: 'nginx:1.25',
      ports: [{ published: 30001, target: 80, protocol: 'tcp', mode: 'ingress' }], stack: 'shop', updateState: 'rollback_completed', updateMessage: 'rollback completed',
    });
    assert.deepEqual(toServiceSummary({ ID: 's2', Spec: { Name: 'agent', Mode: { Global: {} }, TaskTemplate: { ContainerSpec: { Image: 'agent' } }, EndpointSpec: { Ports: [{ TargetPort: 9000, PublishedPort: 9000, PublishMode: 'host', Protocol: 'udp' }] } } }, 5),
      { id: 's2', name: 'agent', mode: 'global', runningTasks: 5, image: 'agent', ports: [{ published: 9000, target: 9000, protocol: 'udp', mode: 'host' }] });
    assert.equal(imageWithoutDigest('reg:5000/a/b:1@sha256:ff'), 'reg:5000/a/b:1');
  });

  it('running tasks per service count only running tasks on ready nodes', () => {
    const counts = runningTasksByService([
      { ServiceID: 's1', NodeID: 'a', Status: { State: 'running' } },
      { ServiceID: 's1', NodeID: 'b', Status: { State: 'running' } },
      { ServiceID: 's1', NodeID: 'a', Status: { State: 'starting' } },
      { ServiceID: 's2', NodeID: 'a', Status: { State: 'running' } },
    ], new Set(['a']));
    assert.deepEqual([...counts], [['s1', 1], ['s2', 1]]);
  });

  it('tasks: slot, node, states, error and container', () => {
    assert.deepEqual(toTaskSummary({
      ID: 't1', ServiceID: 's1', Slot: 2, NodeID: 'n1', DesiredState: 'shutdown', UpdatedAt: '2026-12-06T09:00:00Z',
      Status: { State: 'failed', Message: 'started', Err: 'task: non-zero exit (1)', ContainerStatus: { ContainerID: 'c1' } },
    }), { id: 't1', serviceId: 's1', slot: 2, nodeId: 'n1', desiredState: 'shutdown', state: 'failed', message: 'started', error: 'task: non-zero exit (1)', containerId: 'c1', updatedAt: '2026-12-06T09:00:00Z' });
    assert.equal(toTaskSummary({ ID: 't2', Slot: 0 }).slot, undefined, 'global tasks have no slot');
  });

  it('secrets and configs keep name, date and labels only', () => {
    assert.deepEqual(toObjectSummary({ ID: 'x', CreatedAt: '2026-12-06T09:00:00Z', Spec: { Name: 'db-password', Labels: null } }),
      { id: 'x', name: 'db-password', createdAt: '2026-12-06T09:00:00Z', labels: {} });
  });
});
