// A BuildKit step's name, as the Dockerfile frontend writes it, back to its Dockerfile line.
import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { lineOfVertex } from '../../../../src/core/buildkit/vertexLines';

const dockerfile = parseDockerfile([
  'ARG BASE=busybox', //  1
  'FROM $BASE AS base', // 2
  'ENV A=1', //           3
  'RUN echo one \\', //   4
  '    && echo two', //   5
  'WORKDIR /w', //        6
  'FROM base AS test', // 7
  'ARG X', //             8
  'RUN make test', //     9
  'COPY a b', //          10
  'FROM busybox', //      11
  'COPY --from=test /w /w', // 12
  'RUN false', //         13
].join('\n'));

describe('lineOfVertex (BuildKit step name to Dockerfile line)', () => {
  it('counts an image FROM as step 1 and only the instructions that make a step (ENV and ARG do not)', () => {
    assert.equal(lineOfVertex(dockerfile, '[base 1/3] FROM docker.io/library/busybox'), 2);
    assert.equal(lineOfVertex(dockerfile, '[base 2/3] RUN echo one     && echo two'), 4);
    assert.equal(lineOfVertex(dockerfile, '[base 3/3] WORKDIR /w'), 6);
  });

  it('does not count the FROM of a stage built on another stage', () => {
    assert.equal(lineOfVertex(dockerfile, '[test 1/2] RUN make test'), 9);
    assert.equal(lineOfVertex(dockerfile, '[test 2/2] COPY a b'), 10);
  });

  it('finds unnamed stages as stage-N, and the stage of a single-stage name from the target or the last stage', () => {
    assert.equal(lineOfVertex(dockerfile, '[stage-2 3/3] RUN false'), 13);
    assert.equal(lineOfVertex(dockerfile, '[3/3] RUN false'), 13);
    assert.equal(lineOfVertex(dockerfile, '[1/2] RUN make test', 'test'), 9);
    assert.equal(lineOfVertex(dockerfile, '[ 2/3] COPY --from=test /w /w'), 12);
  });

  it('gives no line for internal steps, unknown stages or names that fit nothing', () => {
    assert.equal(lineOfVertex(dockerfile, '[internal] load metadata for docker.io/library/busybox:latest'), undefined);
    assert.equal(lineOfVertex(dockerfile, '[nope 1/1] RUN x'), undefined);
    assert.equal(lineOfVertex(dockerfile, '[base 9/9] HEALTHCHECK NONE'), undefined);
    assert.equal(lineOfVertex(dockerfile, `[${'a'.repeat(100_000)}`), undefined);
  });
});
