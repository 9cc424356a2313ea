import * as assert from 'node:assert/strict';
import { ancestry, parseDockerfile, stageAtLine } from '../../../../src/core/dockerfile/model';
import { dockerfile } from './helpers';

describe('parseDockerfile', () => {
  const model = parseDockerfile(dockerfile('ARG BASE=alpine', 'FROM $BASE AS Base', 'RUN x', '', 'FROM base AS app', 'COPY a b', 'FROM scratch'));

  it('splits instructions into a preamble and stages', () => {
    assert.deepEqual(model.preamble.map((i) => i.getKeyword()), ['ARG']);
    assert.deepEqual(model.stages.map((s) => [s.index, s.name, s.image, s.instructions.length]), [[0, 'Base', '$BASE', 1], [1, 'app', 'base', 1], [2, undefined, 'scratch', 0]]);
  });

  it('links a stage to the earlier stage it builds on, ignoring case', () => {
    assert.equal(model.stages[1]?.parent, model.stages[0]);
    assert.deepEqual(ancestry(model.stages[1]!).map((s) => s.index), [1, 0]);
    assert.equal(model.stages[2]?.parent, undefined);
  });

  it('gives each stage a range up to its last instruction, and finds the stage of a line', () => {
    assert.deepEqual(model.stages[0]?.range, { start: { line: 1, character: 0 }, end: { line: 2, character: 5 } });
    assert.equal(stageAtLine(model, 3), model.stages[0]);
    assert.equal(stageAtLine(model, 5), model.stages[1]);
    assert.equal(stageAtLine(model, 0), undefined);
  });

  it('knows the escape character from the directive', () => {
    assert.equal(parseDockerfile('# escape=`\nFROM x').escapeChar, '`');
    assert.equal(model.escapeChar, '\\');
  });
});
