import * as assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../../../../src/core/dockerfile/similarity';

describe('closestMatch', () => {
  it('measures edits and picks the closest candidate within the limit, ignoring case', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(closestMatch('buidl', ['build', 'base']), 'build');
    assert.equal(closestMatch('RUNN', ['FROM', 'RUN']), 'RUN');
    assert.equal(closestMatch('completely-different', ['build']), undefined);
  });

  it('with a limit, gives the exact distance up to it and limit + 1 beyond, for every pair of short words', () => {
    const words = [''];
    for (let length = 1; length <= 4; length++) {
      words.push(...words.filter((w) => w.length === length - 1).flatMap((w) => [`${w}a`, `${w}b`, `${w}c`]));
    }
    for (const a of words) {
      for (const b of words) {
        const exact = editDistance(a, b);
        for (const limit of [0, 1, 2, 3]) {
          assert.equal(editDistance(a, b, limit), Math.min(exact, limit + 1), `${a} ${b} ${limit}`);
        }
      }
    }
  });

  it('compares two 200,000-character words in a band, not in 4·10¹⁰ steps', () => {
    const long = 'ab'.repeat(100_000);
    assert.equal(editDistance(long, `${long.slice(1)}x`, 2), 2);
    assert.equal(editDistance(long, 'ba'.repeat(100_000), 2), 2);
    assert.equal(editDistance(long, 'cd'.repeat(100_000), 2), 3);
    assert.equal(closestMatch(long, [long, `${long}x`]), undefined, 'no suggestion for a word that long');
  });
});

