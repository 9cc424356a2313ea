import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('NoEmptyContinuation', () => {
  it('reports each empty or blank line inside a continued instruction', () => {
    const found = problemsOf('NoEmptyContinuation', dockerfile('FROM alpine', 'RUN apk add \\', '', '    curl \\', '   ', '    git'));
    assert.deepEqual(starts(found), ['2:0', '4:0']);
  });

  it('accepts comment lines in a continuation, and empty lines in heredoc bodies and between instructions', () => {
    const text = dockerfile('FROM alpine', 'RUN apk add \\', '  # a comment', '  curl', '', 'RUN <<EOF', 'echo a', '', 'echo b', 'EOF');
    assert.deepEqual(problemsOf('NoEmptyContinuation', text), []);
  });
});
