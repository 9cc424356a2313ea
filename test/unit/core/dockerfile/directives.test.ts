import * as assert from 'node:assert/strict';
import { readParserDirectives } from '../../../../src/core/dockerfile/directives';

describe('readParserDirectives', () => {
  it('reads consecutive directives from the first line, any key casing, with the value range', () => {
    const directives = readParserDirectives(['# syntax=docker/dockerfile:1', '#ESCAPE = `', '# check=skip=all', 'FROM alpine']);
    assert.deepEqual(directives.map((d) => [d.name, d.value, d.line]), [['syntax', 'docker/dockerfile:1', 0], ['escape', '`', 1], ['check', 'skip=all', 2]]);
    assert.deepEqual(directives[0]?.valueRange, { start: { line: 0, character: 9 }, end: { line: 0, character: 28 } });
  });

  it('stops at a blank line, a plain comment, an unknown directive or an indented #', () => {
    assert.deepEqual(readParserDirectives(['', '# syntax=x']), []);
    assert.deepEqual(readParserDirectives(['# hello', '# syntax=x']), []);
    assert.deepEqual(readParserDirectives(['# foo=bar', '# syntax=x']), []);
    assert.deepEqual(readParserDirectives(['  # syntax=x']), []);
    assert.equal(readParserDirectives(['# syntax=x', '# note', '# check=skip=all']).length, 1);
  });
});
