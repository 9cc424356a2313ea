import * as assert from 'node:assert/strict';
import { foldingSpans } from '../../../../src/core/dockerfile/folding';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { dockerfile } from './helpers';

describe('foldingSpans', () => {
  const text = dockerfile(
    '# syntax=docker/dockerfile:1', // 0
    '# first comment', // 1
    '# second comment', // 2
    'FROM alpine AS build', // 3
    'RUN <<EOF', // 4
    'echo hi', // 5
    'EOF', // 6
    '# region tools', // 7
    'RUN apk add \\', // 8
    '    curl', // 9
    '# endregion', // 10
    '', // 11
    'FROM scratch', // 12
    'COPY --from=build /a /b', // 13
  );

  it('folds stages, heredocs, continued instructions, comment blocks and regions', () => {
    const spans = foldingSpans(parseDockerfile(text)).map((span) => `${span.startLine}-${span.endLine}${span.kind ? ` ${span.kind}` : ''}`);
    assert.deepEqual(spans.sort(), ['1-2 comment', '12-13', '3-9', '4-6', '7-10 region', '8-9'].sort());
  });
});
