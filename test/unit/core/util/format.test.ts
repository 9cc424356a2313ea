import * as assert from 'node:assert/strict';
import { formatAge, formatSize, md } from '../../../../src/core/util/format';

describe('formatting for tree descriptions', () => {
  it('prints sizes with decimal units as the docker CLI does', () => {
    assert.equal(formatSize(0), '0B');
    assert.equal(formatSize(999), '999B');
    assert.equal(formatSize(1_234_567), '1.2MB');
    assert.equal(formatSize(456_000_000), '456MB');
  });

  it('prints ages in the largest whole unit', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    assert.equal(formatAge(new Date('2026-01-09T23:59:59Z'), now), '1 second ago');
    assert.equal(formatAge(new Date('2026-01-09T21:00:00Z'), now), '3 hours ago');
    assert.equal(formatAge(new Date('2026-01-01T00:00:00Z'), now), '1 week ago');
  });

  it('escapes markdown in engine-provided text', () => {
    assert.equal(md('a_b*c'), 'a\\_b\\*c');
  });
});
