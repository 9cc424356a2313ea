import * as assert from 'node:assert/strict';
import type { ComposeContainerState, ComposeProjectSummary } from '../../../../src/core/compose/engine/composeTypes';
import type { ContainerInfo, ContainerState } from '../../../../src/core/engine/resources';
import { composeProjectViews, projectState, WorkspaceProject } from '../../../../src/extension/compose/composeProjectViews';

function info(id: string, state: ContainerState): ContainerInfo {
  return { kind: 'container', key: id, id, name: id, image: 'busybox', command: 'sleep', created: new Date(0), state, status: state, ports: [], labels: {}, volumeNames: [] };
}

function member(id: string, service: string): ComposeContainerState {
  return { id, name: id, service, number: 1, image: 'busybox', state: 'running', health: '', status: '', ports: [], labels: {} };
}

function summary(name: string, members: ComposeContainerState[], files: { workingDir?: string; configFiles?: string[] } = {}): ComposeProjectSummary {
  return { name, containers: members, services: [...new Set(members.map((m) => m.service))], status: '', configFiles: files.configFiles ?? [], ...(files.workingDir && { workingDir: files.workingDir }) };
}

const nowhere = (): boolean => false;

describe('the Compose group: engine projects merged with the workspace’s', () => {
  it('says running, partial, stopped or down from the containers’ states (unhealthy counts as running)', () => {
    assert.equal(projectState([info('a', 'running'), info('b', 'unhealthy')]), 'running');
    assert.equal(projectState([info('a', 'running'), info('b', 'exited')]), 'partial');
    assert.equal(projectState([info('a', 'exited'), info('b', 'created')]), 'stopped');
    assert.equal(projectState([]), 'down');
  });

  it('gives an engine project the workspace’s files and services of the same name, with each service’s containers', () => {
    const workspace: WorkspaceProject[] = [{ name: 'shop', workingDir: '/w/shop', configFiles: ['/w/shop/compose.yaml'], services: ['web', 'db', 'worker'] }];
    const [view] = composeProjectViews([summary('shop', [member('c1', 'web'), member('c2', 'db')])], [info('c1', 'running'), info('c2', 'exited')], workspace, nowhere);
    assert.ok(view);
    assert.equal(view.state, 'partial');
    assert.deepEqual(view.files, { workingDir: '/w/shop', configFiles: ['/w/shop/compose.yaml'] });
    assert.deepEqual(view.services.map((s) => [s.name, s.containers.map((c) => c.id)]), [['web', ['c1']], ['db', ['c2']], ['worker', []]]);
  });

  it('lists workspace projects that are not on the machine as down, after the engine’s (sorted by name)', () => {
    const workspace: WorkspaceProject[] = [{ name: 'new', workingDir: '/w/new', configFiles: ['/w/new/compose.yaml'], services: ['app'] }];
    const views = composeProjectViews([summary('zeta', [member('z', 'a')]), summary('alpha', [member('a', 'a')])], [info('z', 'running'), info('a', 'running')], workspace, nowhere);
    assert.deepEqual(views.map((v) => [v.name, v.state]), [['alpha', 'running'], ['zeta', 'running'], ['new', 'down']]);
    assert.deepEqual(views[2]?.services, [{ name: 'app', containers: [] }]);
  });

  it('takes the labels’ files only when every one exists on this computer', () => {
    const labelled = summary('remote', [member('r', 'a')], { workingDir: '/srv/remote', configFiles: ['/srv/remote/compose.yaml'] });
    assert.equal(composeProjectViews([labelled], [info('r', 'running')], [], nowhere)[0]?.files, undefined);
    assert.deepEqual(composeProjectViews([labelled], [info('r', 'running')], [], () => true)[0]?.files, { workingDir: '/srv/remote', configFiles: ['/srv/remote/compose.yaml'] });
  });

  it('carries the reason a workspace project’s files cannot be read', () => {
    const workspace: WorkspaceProject[] = [{ name: 'broken', workingDir: '/w/broken', configFiles: ['/w/broken/compose.yaml'], services: [], problem: 'compose.yaml:3: services.web.imag is not allowed' }];
    const [view] = composeProjectViews([], [], workspace, nowhere);
    assert.equal(view?.problem, 'compose.yaml:3: services.web.imag is not allowed');
  });
});
