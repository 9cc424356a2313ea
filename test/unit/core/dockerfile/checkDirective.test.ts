import * as assert from 'node:assert/strict';
import { parseCheckDirective } from '../../../../src/core/dockerfile/directives';
import { dockerfile, problems, problemsOf } from './helpers';

const NOISY = ['FROM alpine as Build', 'WORKDIR app', 'CMD echo hi', 'RUNN oops'];

describe('# check= directive', () => {
  it('skip=Rule1,Rule2 turns those BuildKit checks off and keeps the others', () => {
    const codes = problems(dockerfile('# check=skip=FromAsCasing,JSONArgsRecommended', ...NOISY)).map((problem) => problem.code);
    assert.ok(!codes.includes('FromAsCasing') && !codes.includes('JSONArgsRecommended'), codes.join());
    assert.ok(codes.includes('WorkdirRelativePath') && codes.includes('StageNameCasing'), codes.join());
  });

  it('skip=all turns every check off but never a build error', () => {
    const codes = problems(dockerfile('# check=skip=all', ...NOISY)).map((problem) => problem.code);
    assert.deepEqual(codes, ['UnknownInstruction']);
  });

  it('error=true makes BuildKit checks errors', () => {
    const found = problemsOf('WorkdirRelativePath', dockerfile('# check=error=true', ...NOISY));
    assert.equal(found[0]?.severity, 'error');
  });

  it('only counts at the top of the file, as BuildKit reads it', () => {
    const codes = problems(dockerfile('# a comment first', '# check=skip=all', ...NOISY)).map((problem) => problem.code);
    assert.ok(codes.includes('FromAsCasing'), codes.join());
  });

  it('reports a directive BuildKit cannot read, and then skips nothing', () => {
    const text = dockerfile('# check=skip=all;colour=blue', ...NOISY);
    assert.match(problemsOf('InvalidCheckDirective', text)[0]?.message ?? '', /unknown check option "colour"/);
    assert.equal(problemsOf('FromAsCasing', text).length, 1);
  });

  it('parses options as BuildKit does: trimmed, `;`-separated, Go booleans', () => {
    const parsed = parseCheckDirective(' skip = A , B ; error = 1 ');
    assert.ok(parsed.ok);
    assert.deepEqual([...parsed.options.skip], ['A', 'B']);
    assert.equal(parsed.options.error, true);
    assert.equal(parseCheckDirective('error=maybe').ok, false);
    assert.equal(parseCheckDirective('skip').ok, false);
  });
});
