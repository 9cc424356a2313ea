import * as assert from 'node:assert/strict';
import { isPreferredHelperImage } from '../../../../src/core/engine/operations/volumeBrowser';

describe('volume browser helper image (matched by exact repository name)', () => {
  it('prefers the official images by their exact names, whatever the tag', () => {
    for (const tag of ['busybox:latest', 'alpine:3.20', 'docker.io/library/debian:12', 'library/ubuntu:24.04', 'alpine']) {
      assert.equal(isPreferredHelperImage(tag), true, tag);
    }
  });

  it('does not prefer look-alikes from other repositories or registries', () => {
    for (const tag of ['evil/alpine:latest', 'evil.example/alpine:3', 'alpine-evil:1', 'myalpine:latest', 'evil/busybox', 'localhost:5000/alpine:3']) {
      assert.equal(isPreferredHelperImage(tag), false, tag);
    }
  });
});
