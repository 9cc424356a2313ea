import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('MultipleInstructionsDisallowed', () => {
  it('reports every CMD, ENTRYPOINT and HEALTHCHECK of a stage but the last, as unnecessary', () => {
    const text = dockerfile('FROM alpine', 'CMD ["a"]', 'HEALTHCHECK NONE', 'CMD ["b"]', 'ENTRYPOINT ["x"]', 'CMD ["c"]', 'HEALTHCHECK CMD ["true"]');
    const found = problemsOf('MultipleInstructionsDisallowed', text);
    assert.deepEqual(starts(found), ['1:0', '2:0', '3:0']);
    assert.ok(found.every((problem) => problem.tags?.includes('unnecessary')));
  });

  it('counts per stage, so one CMD in each of two stages is fine', () => {
    assert.deepEqual(problemsOf('MultipleInstructionsDisallowed', dockerfile('FROM alpine AS a', 'CMD ["a"]', 'FROM a', 'CMD ["b"]')), []);
  });
});
