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

describe('JsonLineSplitter against a hostile engine (bounded lines)', () => {
  it('drops a line longer than the cap, reports it once, and parses the next line', () => {
    const splitter = new JsonLineSplitter(1000);
    const bad: string[] = [];
    const values: unknown[] = [];
    values.push(...splitter.push('{"a":"', (line) => bad.push(line)));
    for (let i = 0; i < 100; i++) {
      values.push(...splitter.push('x'.repeat(100), (line) => bad.push(line)));
    }
    values.push(...splitter.push('"}\n{"ok":true}\n', (line) => bad.push(line)));
    assert.deepEqual(values, [{ ok: true }]);
    assert.equal(bad.length, 1);
    assert.match(bad[0] ?? '', /longer than 1000 characters, dropped/);
  });

  it('keeps a long line that fits under the cap, however it is cut', () => {
    const text = JSON.stringify({ v: 'y'.repeat(5000) });
    const splitter = new JsonLineSplitter(10_000);
    const values: unknown[] = [];
    for (let i = 0; i < text.length; i += 7) {
      values.push(...splitter.push(text.slice(i, i + 7)));
    }
    values.push(...splitter.push('\n'));
    assert.deepEqual(values, [{ v: 'y'.repeat(5000) }]);
  });
});
