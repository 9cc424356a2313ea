import * as assert from 'node:assert/strict';
import { flavorFromVersion, missingCapability } from '../../../../src/core/engine/engineFlavor';

// The /version answers as the engines send them (Podman 4.3.1's compat answer, trimmed).
const PODMAN_VERSION = {
  Platform: { Name: 'linux/amd64/debian-12' },
  Components: [
    { Name: 'Podman Engine', Version: '4.3.1', Details: { APIVersion: '4.3.1', MinAPIVersion: '4.0.0', Os: 'linux' } },
    { Name: 'Conmon', Version: 'conmon version 2.1.6, commit: unknown' },
  ],
  Version: '4.3.1', ApiVersion: '1.41', MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64',
};
const DOCKER_VERSION = {
  Components: [{ Name: 'Engine', Version: '20.10.24+dfsg1' }, { Name: 'containerd', Version: '1.6.20' }],
  Version: '20.10.24+dfsg1', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64',
};

describe('Engine flavor from GET /version (Docker or Podman, and what it can do)', () => {
  it('reads Podman from its "Podman Engine" component, with its capabilities and notes', () => {
    const flavor = flavorFromVersion(PODMAN_VERSION);
    assert.equal(flavor.product, 'podman');
    assert.equal(flavor.label, 'Podman 4.3.1');
    assert.deepEqual(flavor.capabilities, { swarm: false, buildkit: false, healthEvents: false, networkEvents: false });
    assert.ok(flavor.notes.some((n) => /no swarm mode/.test(n)));
  });

  it('reads Docker (no Podman component) with every capability', () => {
    const flavor = flavorFromVersion(DOCKER_VERSION);
    assert.equal(flavor.product, 'docker');
    assert.equal(flavor.label, 'Docker 20.10.24+dfsg1');
    assert.equal(missingCapability(flavor, 'swarm'), undefined);
    assert.deepEqual(flavor.notes, []);
  });

  it('says in words what Podman lacks', () => {
    const flavor = flavorFromVersion(PODMAN_VERSION);
    assert.equal(missingCapability(flavor, 'swarm'), 'Podman has no swarm mode');
    assert.match(missingCapability(flavor, 'buildkit') ?? '', /classic builder/);
  });

  it('never throws on an odd answer: Components of another shape, a Podman without its version, no object at all', () => {
    assert.equal(flavorFromVersion({ Version: '1', Components: 'Podman Engine' }).product, 'docker');
    assert.equal(flavorFromVersion({ Version: '1', Components: [null, 7, { Name: 3 }] }).product, 'docker');
    assert.equal(flavorFromVersion({ Version: '4.9.0', Components: [{ Name: 'Podman Engine', Version: 12 }] }).label, 'Podman 4.9.0');
    for (const odd of [null, 'text', 42, [], {}]) {
      assert.equal(flavorFromVersion(odd).label, 'Docker ?');
    }
  });
});
