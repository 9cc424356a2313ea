import * as assert from 'node:assert/strict';
import { JsonLineSplitter } from '../../../../src/core/engine/jsonLines';

describe('JsonLineSplitter (newline-delimited JSON from the Engine, in arbitrary chunks)', () => {
  it('returns values only once their line is complete', () => {
    const splitter = new JsonLineSplitter();
    assert.deepEqual(splitter.push('{"a":1}\n{"b"'), [{ a: 1 }]);
    assert.deepEqual(splitter.push(':2}\n'), [{ b: 2 }]);
  });

  it('survives a multi-byte character split between chunks', () => {
    const bytes = Buffer.from('{"name":"café"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "é"
    const splitter = new JsonLineSplitter();
    assert.deepEqual(splitter.push(bytes.subarray(0, cut)), []);
    assert.deepEqual(splitter.push(bytes.subarray(cut)), [{ name: 'café' }]);
  });

  it('reports a malformed line and keeps going', () => {
    const bad: string[] = [];
    const values = new JsonLineSplitter().push('{"ok":1}\nnot json\n\n{"ok":2}\n', (line) => bad.push(line));
    assert.deepEqual(values, [{ ok: 1 }, { ok: 2 }]);
    assert.deepEqual(bad, ['not json']);
  });
});
