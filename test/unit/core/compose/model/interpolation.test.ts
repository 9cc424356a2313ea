// Interpolation edge cases beyond the fixture corpus: what is invalid, what is literal, which
// branch reports, and that hostile text takes one pass.
import * as assert from 'node:assert/strict';
import { interpolate, InterpolationError } from '../../../../../src/core/compose/model/interpolation';

function run(text: string, environment: Record<string, string> = {}): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = interpolate(text, { lookup: (name) => environment[name], onMissing: (name) => missing.push(name) });
  return { value, missing };
}

describe('compose interpolation', () => {
  it('text without $ is returned as it is, } outside ${} is literal', () => {
    assert.equal(run('a } b {').value, 'a } b {');
  });

  it('$VAR ends at the first character that cannot be in a name', () => {
    assert.equal(run('$A-$A_B.$A1', { A: 'x', A_B: 'y', A1: 'z' }).value, 'x-y.z');
  });

  it('an empty default and an empty alternative are allowed', () => {
    assert.equal(run('[${U:-}][${U-}][${U:+}]').value, '[][][]');
  });

  it('only the branch that is used reports a missing variable or a ? error', () => {
    assert.deepEqual(run('${SET:-${MISSING}}', { SET: '1' }), { value: '1', missing: [] });
    assert.deepEqual(run('${UNSET:-${MISSING}}'), { value: '', missing: ['MISSING'] });
    assert.equal(run('${UNSET:+${NEVER:?no}}').value, '');
    assert.equal(run('${SET:-${NEVER:?no}}', { SET: 's' }).value, 's');
  });

  it('?: without a message still names the variable', () => {
    assert.throws(() => run('${TOKEN?}'), (error: unknown) => error instanceof InterpolationError && /required variable TOKEN is missing a value$/.test(error.message));
    assert.equal(run('${EMPTY?x}', { EMPTY: '' }).value, '', '? without : accepts an empty value');
    assert.throws(() => run('${EMPTY:?x}', { EMPTY: '' }), /EMPTY is missing a value: x/);
  });

  it('a $ that starts no variable is kept as written (compose-go: "a $ string", "^REGEX$", "$}", "$")', () => {
    for (const text of ['a $ string', '^REGEX$', '$}', '$', 'cost: 5$', '$1 and $-x']) {
      assert.deepEqual(run(text), { value: text, missing: [] }, text);
    }
  });

  it('invalid braced templates are errors: ${, ${}, ${ }, ${ foo}, ${foo }, ${foo!}, a name that starts with a digit, an unclosed ${', () => {
    for (const text of ['${', '${}', '${ }', '${ foo}', '${foo }', '${foo!}', '${1A}', '${A:-x']) {
      assert.throws(() => run(text), InterpolationError, text);
    }
  });

  it('$$ is a literal $, also before a brace and at the end', () => {
    assert.equal(run('$${A} $$A $$', { A: 'x' }).value, '${A} $A $');
  });

  it('a megabyte of $$ and of plain text goes through in one pass', () => {
    assert.equal(run('$$'.repeat(1 << 19)).value.length, 1 << 19);
    assert.equal(run(`${'x'.repeat(1 << 20)}$A`, { A: 'y' }).value.length, (1 << 20) + 1);
  });

  it('100,000 nested ${A:- stop at the nesting limit with an error, not a stack overflow', () => {
    assert.throws(() => run('${A:-'.repeat(100_000)), /nested/);
  });

  it('32 levels of nesting still work', () => {
    assert.equal(run(`${'${U:-'.repeat(32)}deep${'}'.repeat(32)}`).value, 'deep');
  });
});
