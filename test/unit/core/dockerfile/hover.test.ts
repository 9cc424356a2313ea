import * as assert from 'node:assert/strict';
import { hoverAt } from '../../../../src/core/dockerfile/hover';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { dockerfile } from './helpers';

describe('hoverAt', () => {
  const model = parseDockerfile(dockerfile('FROM alpine', 'run echo hi', 'ONBUILD COPY . /app', 'MAINTAINER me'));

  it('describes the instruction under the cursor, with its syntax and a reference link', () => {
    const hover = hoverAt(model, { line: 1, character: 1 });
    assert.match(hover?.markdown ?? '', /^\*\*RUN\*\* — Runs a command/);
    assert.match(hover?.markdown ?? '', /```dockerfile\nRUN \[OPTIONS\] <command \.\.\.>/);
    assert.match(hover?.markdown ?? '', /reference\/dockerfile\/#run\)/);
    assert.deepEqual(hover?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  });

  it('describes the instruction inside ONBUILD, and says MAINTAINER is deprecated', () => {
    assert.match(hoverAt(model, { line: 2, character: 9 })?.markdown ?? '', /^\*\*COPY\*\*/);
    assert.match(hoverAt(model, { line: 3, character: 2 })?.markdown ?? '', /\(deprecated\)/);
  });

  it('has nothing to say about arguments', () => {
    assert.equal(hoverAt(model, { line: 1, character: 6 }), undefined);
  });
});
