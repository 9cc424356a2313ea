// .dockerignore matching: the docker CLI's own results are pinned by the integration table
// (test/integration/build/dockerignoreCases.ts); here, that a hostile pattern takes bounded work
// and that the matcher still answers as the regular expression it is compiled to.
import * as assert from 'node:assert/strict';
import { compilePatterns, DockerignoreError, isExcluded, translate } from '../../../../src/core/build/dockerignore';
import { linearRegExp } from '../../../../src/core/build/linearRegExp';

/** A small deterministic generator, so that a failure names a case that can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('.dockerignore patterns', () => {
  it('twelve `**/` against an 81-character path (minutes of backtracking before)', () => {
    const path = `a/${'x/'.repeat(39)}c`;
    assert.equal(path.length, 81);
    const [nested] = compilePatterns([`a/${'**/'.repeat(12)}b`]);
    assert.equal(nested?.matches(path), false);
    assert.equal(nested?.matches(`a/${'x/'.repeat(39)}b`), true);
    const [starry] = compilePatterns([`${'*/**/'.repeat(12)}*y`]);
    assert.equal(starry?.matches(path), false);
    assert.equal(isExcluded(compilePatterns([`a/${'**/'.repeat(12)}b`, `${'*/**/'.repeat(12)}*y`]), path, undefined).excluded, false);
  });

  it('1,000 `**/` and `*` against a 4,000-character path', () => {
    const path = `${'ab/'.repeat(1333)}c`;
    const [pattern] = compilePatterns([`${'**/*'.repeat(1000)}d`]);
    assert.equal(pattern?.matches(path), false);
    assert.equal(pattern?.matches(`${path}d`), true);
  });

  it('matches as the regular expression does, on generated patterns and paths', () => {
    const next = random(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const pieces = ['a', 'b', '/', '*', '**', '**/', '?', '[ab]', '[^a]', '[a-c]', '\\d', '\\b', '\\.', '.', 'é', '😀', '_', '\\w', '\\B', '[*]', '$', '^'];
    const pathPieces = ['a', 'b', '/', '_', '.', 'é', '😀', '1', 'ab', 'a/b', '$'];
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const pattern = Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(pieces)).join('');
      const { kind, regex: source } = translate(pattern);
      let reference: RegExp;
      try {
        reference = new RegExp(source, 'u');
      } catch {
        continue; // a syntax error, refused by compilePatterns
      }
      if (kind !== 'regexp') {
        continue;
      }
      const matches = linearRegExp(source);
      for (let j = 0; j < 20; j++) {
        const path = Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(pathPieces)).join('');
        assert.equal(matches(path), reference.test(path), `${pattern} (${source}) against ${path}`);
        compared++;
      }
    }
    assert.ok(compared > 40_000, `only ${compared} comparisons`);
  });

  it('keeps the CLI’s answers for the usual shapes', () => {
    const excluded = (patterns: string[], file: string): boolean => isExcluded(compilePatterns(patterns), file, undefined).excluded;
    assert.equal(excluded(['dir/**/*.txt'], 'dir/sub/z.txt'), true);
    assert.equal(excluded(['dir/**/*.txt'], 'dir/x.txt'), true);
    assert.equal(excluded(['dir/**/*.txt'], 'other/x.txt'), false);
    assert.equal(excluded(['**/*.md', '!docs/README.md'], 'docs/README.md'), false);
    assert.equal(excluded(['**/*.md', '!docs/README.md'], 'b.md'), true);
    assert.equal(excluded(['src/**/util.go'], 'src/lib/util.go'), true);
    assert.equal(excluded(['*/*/*'], 'dir/sub/z.txt'), true);
    assert.equal(excluded(['*/*/*'], 'dir/x.txt'), false);
    assert.equal(excluded(['[^a].txt'], 'b.txt'), true);
    assert.equal(excluded(['weird\\[1\\].txt'], 'weird[1].txt'), true);
  });

  it('refuses a backreference, which the CLI’s regexp package does not have either', () => {
    assert.throws(() => compilePatterns(['**/x\\1**/y']), DockerignoreError);
  });
});
