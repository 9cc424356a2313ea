import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('MissingFrom', () => {
  it('reports an instruction other than ARG before the first FROM', () => {
    const found = problemsOf('MissingFrom', dockerfile('ARG BASE=alpine', 'RUN echo hi', 'FROM $BASE'));
    assert.deepEqual(starts(found), ['1:0']);
    assert.equal(found[0]?.severity, 'error');
  });

  it('reports a Dockerfile without any FROM', () => {
    const found = problemsOf('MissingFrom', dockerfile('ARG A=1', 'ARG B=2'));
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /no FROM/);
  });

  it('accepts global ARGs before FROM, and an empty file', () => {
    assert.deepEqual(problemsOf('MissingFrom', dockerfile('# comment', 'ARG A', 'FROM alpine', 'RUN x')), []);
    assert.deepEqual(problemsOf('MissingFrom', ''), []);
  });
});
