import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('MaintainerDeprecated', () => {
  it('reports MAINTAINER, tagged deprecated', () => {
    const found = problemsOf('MaintainerDeprecated', dockerfile('FROM alpine', 'MAINTAINER Jane <jane@example.com>'));
    assert.deepEqual(starts(found), ['1:0']);
    assert.deepEqual(found[0]?.tags, ['deprecated']);
  });

  it('accepts a LABEL with the author', () => {
    assert.deepEqual(problemsOf('MaintainerDeprecated', dockerfile('FROM alpine', 'LABEL org.opencontainers.image.authors="Jane"')), []);
  });
});
