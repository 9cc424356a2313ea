// The merge rules between files, on plain values, including the tags !reset and !override.
import * as assert from 'node:assert/strict';
import { mergeValues } from '../../../../../src/core/compose/model/mergeValues';
import { OverrideTag, ResetTag } from '../../../../../src/core/compose/model/mergeTags';

const service = ['services', 'web'];

describe('compose merge', () => {
  it('mappings merge by key, recursively; scalars are replaced', () => {
    assert.deepEqual(mergeValues({ a: 1, b: { c: 1, d: 2 } }, { a: 2, b: { d: 3, e: 4 } }, service), { a: 2, b: { c: 1, d: 3, e: 4 } });
  });

  it('sequences are appended', () => {
    assert.deepEqual(mergeValues({ dns: ['a'] }, { dns: ['b'] }, service), { dns: ['a', 'b'] });
  });

  it('command, entrypoint and healthcheck.test are replaced, not appended', () => {
    assert.deepEqual(
      mergeValues({ command: ['a', 'b'], entrypoint: ['x'], healthcheck: { test: ['CMD', 'a'], retries: 1 } }, { command: ['c'], entrypoint: 'y z', healthcheck: { test: ['CMD', 'b'] } }, service),
      { command: ['c'], entrypoint: 'y z', healthcheck: { test: ['CMD', 'b'], retries: 1 } },
    );
  });

  it('!reset removes the key, at any depth', () => {
    assert.deepEqual(mergeValues({ a: 1, b: { c: 1, d: 2 } }, { a: ResetTag.instance, b: { c: ResetTag.instance } }, service), { b: { d: 2 } });
  });

  it('!override replaces the value whole, and has no markers left inside', () => {
    assert.deepEqual(mergeValues({ environment: { A: '1' } }, { environment: new OverrideTag({ B: '2', C: ResetTag.instance }) }, service), { environment: { B: '2' } });
  });

  it('an empty override value keeps the mapping it would merge into', () => {
    assert.deepEqual(mergeValues({ networks: { front: null } }, { networks: null }, service), { networks: { front: null } });
  });

  it('logging with another driver replaces the options; the same driver merges them', () => {
    const base = { logging: { driver: 'json-file', options: { 'max-size': '1m' } } };
    assert.deepEqual(mergeValues(base, { logging: { driver: 'syslog', options: { tag: 'x' } } }, service), { logging: { driver: 'syslog', options: { tag: 'x' } } });
    assert.deepEqual(mergeValues(base, { logging: { options: { tag: 'x' } } }, service), { logging: { driver: 'json-file', options: { 'max-size': '1m', tag: 'x' } } });
  });

  it('a key only the override has is added without its markers', () => {
    assert.deepEqual(mergeValues({}, { labels: { a: '1', b: ResetTag.instance } }, service), { labels: { a: '1' } });
  });
});
