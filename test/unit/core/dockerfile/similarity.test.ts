import * as assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../../../../src/core/dockerfile/similarity';

describe('closestMatch', () => {
  it('measures edits and picks the closest candidate within the limit, ignoring case', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(closestMatch('buidl', ['build', 'base']), 'build');
    assert.equal(closestMatch('RUNN', ['FROM', 'RUN']), 'RUN');
    assert.equal(closestMatch('completely-different', ['build']), undefined);
  });
});
