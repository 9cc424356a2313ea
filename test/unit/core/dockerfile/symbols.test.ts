import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { stageSymbols } from '../../../../src/core/dockerfile/symbols';
import { dockerfile } from './helpers';

describe('stageSymbols', () => {
  it('lists one symbol per stage: its name (or position) and its base', () => {
    const symbols = stageSymbols(parseDockerfile(dockerfile('ARG V=1', 'FROM golang:1.22 AS build', 'RUN go build', 'FROM alpine', 'COPY --from=build /a /b')));
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [['build', 'FROM golang:1.22'], ['stage 1', 'FROM alpine']]);
    assert.deepEqual(symbols[0]?.range, { start: { line: 1, character: 0 }, end: { line: 2, character: 12 } });
    assert.deepEqual(symbols[0]?.selectionRange, { start: { line: 1, character: 20 }, end: { line: 1, character: 25 } });
    assert.deepEqual(symbols[1]?.selectionRange.start, { line: 3, character: 5 });
  });
});
