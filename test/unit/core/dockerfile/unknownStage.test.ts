import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('UnknownStage (COPY --from and RUN --mount from=)', () => {
  it('reports a name that is not a stage, suggesting the closest stage', () => {
    const found = problemsOf('UnknownStage', dockerfile('FROM golang AS build', 'FROM alpine', 'COPY --from=buidl /out /app'));
    assert.deepEqual(starts(found), ['2:12']);
    assert.equal(found[0]?.severity, 'warning');
    assert.match(found[0]?.message ?? '', /No stage named "buidl".*did you mean "build"\?/);
  });

  it('reports a RUN --mount from= that names no stage', () => {
    const found = problemsOf('UnknownStage', dockerfile('FROM golang AS build', 'FROM alpine', 'RUN --mount=type=bind,from=buidl,target=/x ls /x'));
    assert.deepEqual(starts(found), ['2:27']);
  });

  it('reports a stage that copies from itself, by name or by index, as an error', () => {
    const found = problemsOf('UnknownStage', dockerfile('FROM alpine AS a', 'COPY --from=a /x /y', 'FROM alpine', 'COPY --from=1 /x /y'));
    assert.deepEqual(starts(found), ['1:12', '3:12']);
    assert.ok(found.every((problem) => problem.severity === 'error'));
  });

  it('reports an index past the last stage', () => {
    assert.deepEqual(starts(problemsOf('UnknownStage', dockerfile('FROM alpine', 'FROM alpine', 'COPY --from=5 /x /y'))), ['2:12']);
  });

  it('accepts stages by name (any case) or index, images with a tag, registry or digest, and variables', () => {
    const text = dockerfile(
      'FROM golang AS Build',
      'FROM alpine',
      'COPY --from=build /a /b',
      'COPY --from=0 /a /b',
      'COPY --from=nginx:latest /a /b',
      'COPY --from=ghcr.io/org/tool /a /b',
      'COPY --from=$STAGE /a /b',
      'RUN --mount=type=cache,target=/c ls',
    );
    assert.deepEqual(problemsOf('UnknownStage', text), []);
  });
});
