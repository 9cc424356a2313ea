// Podman's compat API answers a few things differently from Docker's; and any engine may send a
// field of another type. Each case: read with a clear message, nothing else lost, no throw.
import * as assert from 'node:assert/strict';
import { toEngineEvent } from '../../../../src/core/engine/events';
import { EngineShapeError, listAnswer } from '../../../../src/core/engine/rawFields';
import { toContainerInfo, toImageInfos, toNetworkInfo, toVolumeInfo } from '../../../../src/core/engine/resources';

const podmanEvent = (Type: string, Action: string, ID: string, Attributes: Record<string, string>) => ({
  status: Action, Type, Action, Actor: { ID, Attributes: { containerExitCode: '0', podId: '', ...Attributes } }, scope: 'local', time: 1796596975, timeNano: 1796596975168460530,
});

describe('Podman’s events read as Docker’s', () => {
  it('a container "remove" is a destroy, an image "remove" a delete, a volume "remove" a destroy', () => {
    assert.equal(toEngineEvent(podmanEvent('container', 'remove', 'c1', { name: 'web' }))?.action, 'destroy');
    assert.equal(toEngineEvent(podmanEvent('image', 'remove', 'sha', { name: 'x:1' }))?.action, 'delete');
    assert.equal(toEngineEvent(podmanEvent('volume', 'remove', '', { name: 'data' }))?.action, 'destroy');
  });

  it('takes a volume event’s name from its attributes (Podman leaves Actor.ID empty)', () => {
    assert.equal(toEngineEvent(podmanEvent('volume', 'create', '', { name: 'data' }))?.actorId, 'data');
  });

  it('ignores Podman’s own actions that change nothing shown (init, cleanup)', () => {
    assert.equal(toEngineEvent(podmanEvent('container', 'init', 'c1', {})), undefined);
    assert.equal(toEngineEvent(podmanEvent('container', 'cleanup', 'c1', {})), undefined);
  });
});

describe('List entries with fields of another type (a Podman or hostile answer)', () => {
  it('reads a container whose Names is a string, Created an RFC 3339 time, Ports an object and Labels null', () => {
    const info = toContainerInfo({ Id: 'c1', Names: '/web', Created: '2026-12-06T22:42:37Z', Ports: { 80: 'tcp' }, Labels: null, Mounts: 'x', State: 7 } as never);
    assert.equal(info.name, 'web');
    assert.equal(info.created.toISOString(), '2026-12-06T22:42:37.000Z');
    assert.deepEqual(info.ports, []);
    assert.deepEqual(info.labels, {});
    assert.deepEqual(info.volumeNames, []);
    assert.equal(info.state, 'created', 'a non-string State reads as created');
  });

  it('keeps the good ports of a list with odd ones, and reads numeric strings', () => {
    const info = toContainerInfo({ Id: 'c1', Ports: [null, { PrivatePort: 'x' }, { PrivatePort: '80', PublicPort: '8080', Type: 'tcp' }, { PrivatePort: 53 }] } as never);
    assert.deepEqual(info.ports, [{ containerPort: 53, protocol: 'tcp' }, { containerPort: 80, protocol: 'tcp', hostPort: 8080 }]);
  });

  it('reads an image whose RepoTags holds non-strings and whose Size is a string', () => {
    const images = toImageInfos({ Id: 'sha256:aa', RepoTags: [5, 'localhost/app:1', null], Size: '2131027', Containers: 'many', Labels: [] } as never);
    assert.deepEqual(images.map((i) => i.tag), ['localhost/app:1']);
    assert.equal(images[0]?.size, 2131027);
    assert.equal(images[0]?.containers, -1);
  });

  it('reads volumes and networks with odd fields', () => {
    assert.equal(toVolumeInfo({ Name: 'v', Driver: 3, Mountpoint: null } as never).driver, 'local');
    const network = toNetworkInfo({ Id: 'n1', Name: 7, IPAM: { Config: { Subnet: '10.0.0.0/24' } }, Internal: 'yes' } as never);
    assert.equal(network.name, 'n1');
    assert.deepEqual(network.subnets, []);
    assert.equal(network.internal, false);
  });

  it('fails an entry without an id with a message naming the field and what came instead', () => {
    assert.throws(() => toContainerInfo({ Id: 42 } as never), (error: Error) => error instanceof EngineShapeError && /a container whose Id is a number/.test(error.message));
    assert.throws(() => toVolumeInfo({} as never), /a volume whose Name is nothing/);
    assert.throws(() => toImageInfos({ Id: null } as never), /an image whose Id is null/);
  });

  it('fails a list answer that is not a list, saying so', () => {
    assert.throws(() => listAnswer({ message: 'oops' }, 'image list'), /image list answer is not a list/);
    assert.throws(() => listAnswer({ Volumes: 'none' }, 'volume list', 'Volumes'), /not a list under "Volumes"/);
    assert.deepEqual(listAnswer({ Volumes: null }, 'volume list', 'Volumes'), []);
  });
});
