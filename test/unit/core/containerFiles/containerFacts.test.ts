import * as assert from 'node:assert/strict';
import { factsOf } from '../../../../src/core/containerFiles/containerFiles';
import { ContainerFileError, toContainerFileError } from '../../../../src/core/containerFiles/fileErrors';

describe('what decides how a container\'s files are reached', () => {
  it('reads running, the read-only root and the mounts from inspect', () => {
    const facts = factsOf({ State: { Running: true, Paused: false }, HostConfig: { ReadonlyRootfs: true }, Mounts: [{ Destination: '/data/', RW: true }, { Destination: 5, RW: true }] });
    assert.deepEqual(facts, { running: true, readonlyRootfs: true, mounts: [{ destination: '/data', rw: true }] });
    assert.equal(factsOf({ State: { Running: true, Paused: true } }).running, false, 'a paused container runs nothing');
    assert.deepEqual(factsOf(null), { running: false, readonlyRootfs: false, mounts: [] });
  });
});

describe('archive failures as kinds', () => {
  const context = (exists: boolean) => ({ path: '/etc/x', address: 'unix:///var/run/docker.sock', containerExists: async () => exists });

  it('tells a missing path from a gone container (the engine answers 404 for both)', async () => {
    assert.equal((await toContainerFileError({ statusCode: 404 }, context(true))).kind, 'not-found');
    assert.equal((await toContainerFileError({ statusCode: 404 }, context(false))).kind, 'container-gone');
  });

  it('knows a read-only file system by 403 and by the words Docker 20.10 answers with 500', async () => {
    assert.equal((await toContainerFileError({ statusCode: 403, json: { message: 'permission denied' } }, context(true))).kind, 'read-only');
    const old = await toContainerFileError({ statusCode: 500, json: { message: 'container rootfs is marked read-only' } }, context(true));
    assert.equal(old.kind, 'read-only');
    assert.match(old.message, /read-only/);
  });

  it('calls transport failures unavailable, and keeps kinds already decided', async () => {
    assert.equal((await toContainerFileError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), context(true))).kind, 'unavailable');
    const decided = new ContainerFileError('too-large', 'big');
    assert.equal(await toContainerFileError(decided, context(true)), decided);
    assert.equal((await toContainerFileError({ statusCode: 500, json: { message: 'boom' } }, context(true))).kind, 'failed');
  });
});
