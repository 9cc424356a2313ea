// Diagnostics, completion and the parse run on any Dockerfile that is opened, trusted or not. Each
// input here took from seconds to minutes before (quadratic or worse in its size) and must now
// finish well inside mocha's timeout; the sizes are chosen so that the old code would exceed it
// several times over. Each also checks what the result is, so that "fast" cannot mean "skipped".
import * as assert from 'node:assert/strict';
import { From } from 'dockerfile-ast';
import { completionsAt } from '../../../../src/core/dockerfile/completion';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { problems, problemsOf } from './helpers';

describe('hostile Dockerfiles take bounded work', () => {
  it('a parser directive whose value holds 300,000 spaces', () => {
    const model = parseDockerfile(`# syntax=x${' '.repeat(300_000)}y  \nFROM alpine`);
    assert.equal(model.directives[0]?.value, `x${' '.repeat(300_000)}y`);
    assert.deepEqual(model.directives[0]?.valueRange.end, { line: 0, character: 300_011 });
    problems(`# check=skip=all${' '.repeat(300_000)}\nFROM alpine`);
  });

  it('an unknown instruction, an ARG and a FROM variable of 30,000 characters each', () => {
    const name = 'A'.repeat(30_000);
    const text = `ARG ${name}\nFROM $${name}B\n${'X'.repeat(30_000)}Y z`;
    assert.equal(problemsOf('UndefinedArgInFrom', text).length, 1);
    assert.equal(problemsOf('UnknownInstruction', text).length, 1);
  });

  it('3,000 stages that each copy from a stage that does not exist', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `FROM alpine AS stage${i}\nCOPY --from=stage${i}x /a /b`);
    const found = problemsOf('UnknownStage', lines.join('\n'));
    assert.equal(found.length, 3000);
    // The first ones still get their suggestion; the budget for suggestions runs out later.
    assert.match(found[0]?.message ?? '', /did you mean "stage\d+"\?/);
    assert.doesNotMatch(found[2999]?.message ?? '', /did you mean/);
  });

  it('a FROM with 80,000 flags', () => {
    const model = parseDockerfile(`FROM ${'--a '.repeat(80_000)}alpine AS base`);
    const from = model.instructions[0] as From;
    assert.equal(from.getFlags().length, 80_000);
    assert.deepEqual(from.getArguments().map((arg) => arg.getValue()), ['alpine', 'AS', 'base']);
    assert.equal(model.stages[0]?.name, 'base');
    problems(model.lines.join('\n'));
  });

  it('completion at the end of a line of 40,000 `--from=` or `--mount=from=,`', () => {
    const copy = `COPY ${'--from='.repeat(40_000)} x`;
    const run = `RUN --mount=${'--mount=from=,'.repeat(40_000)}`;
    const model = parseDockerfile(`FROM alpine AS a\nFROM alpine AS b\n${copy}\n${run}`);
    assert.deepEqual(completionsAt(model, { line: 2, character: copy.length }), []);
    assert.deepEqual(completionsAt(model, { line: 3, character: run.length }), []);
  });
});
