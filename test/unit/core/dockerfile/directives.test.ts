import * as assert from 'node:assert/strict';
import { readParserDirectives } from '../../../../src/core/dockerfile/directives';

describe('readParserDirectives', () => {
  it('reads consecutive directives from the first line, any key casing, with the value range', () => {
    const directives = readParserDirectives(['# syntax=docker/dockerfile:1', '#ESCAPE = `', '# check=skip=all', 'FROM alpine']);
    assert.deepEqual(directives.map((d) => [d.name, d.value, d.line]), [['syntax', 'docker/dockerfile:1', 0], ['escape', '`', 1], ['check', 'skip=all', 2]]);
    assert.deepEqual(directives[0]?.valueRange, { start: { line: 0, character: 9 }, end: { line: 0, character: 28 } });
  });

  it('captures what BuildKit’s directive pattern captures, on every mix of spaces, breaks and words', () => {
    // The old whole-line pattern, right but quadratic on a long run of spaces: the reference here.
    const before = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
    const parts = ['#', ' ', '\t', '\u2028', '\u00a0', 'syntax', '=', 'x', 'y=1'];
    let checked = 0;
    const mix = (line: string, depth: number): void => {
      if (depth === 0) {
        const match = before.exec(line);
        const expected = match?.[1]?.toLowerCase() === 'syntax' ? match[2] : undefined;
        assert.equal(readParserDirectives([line])[0]?.value, expected, JSON.stringify(line));
        checked++;
        return;
      }
      parts.forEach((part) => mix(line + part, depth - 1));
    };
    mix('#', 5);
    mix('# syntax=', 3);
    assert.equal(checked, parts.length ** 5 + parts.length ** 3);
  });

  it('stops at a blank line, a plain comment, an unknown directive or an indented #', () => {
    assert.deepEqual(readParserDirectives(['', '# syntax=x']), []);
    assert.deepEqual(readParserDirectives(['# hello', '# syntax=x']), []);
    assert.deepEqual(readParserDirectives(['# foo=bar', '# syntax=x']), []);
    assert.deepEqual(readParserDirectives(['  # syntax=x']), []);
    assert.equal(readParserDirectives(['# syntax=x', '# note', '# check=skip=all']).length, 1);
  });
});
