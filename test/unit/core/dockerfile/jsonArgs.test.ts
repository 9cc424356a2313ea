import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('JSONArgsRecommended', () => {
  it('reports CMD and ENTRYPOINT in shell form', () => {
    const found = problemsOf('JSONArgsRecommended', dockerfile('FROM alpine', 'ENTRYPOINT /run.sh', 'CMD echo hi'));
    assert.deepEqual(starts(found), ['1:11', '2:4']);
    assert.equal(found[1]?.message, 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals');
  });

  it('explains a single-quoted array: it is not JSON, so it runs in a shell', () => {
    const found = problemsOf('JSONArgsRecommended', dockerfile('FROM alpine', "CMD ['echo', 'hi']"));
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /single quotes.*double quotes/);
  });

  it('accepts the exec form, also across continuation lines, and a stage with SHELL set (or inherited)', () => {
    const text = dockerfile(
      'FROM alpine AS base', 'CMD ["a", \\', '  "b"]', 'ENTRYPOINT []',
      'FROM alpine AS pwsh', 'SHELL ["pwsh", "-c"]', 'CMD Write-Host hi',
      'FROM pwsh', 'CMD Write-Host inherited',
    );
    assert.deepEqual(problemsOf('JSONArgsRecommended', text), []);
  });
});

describe('ExecFormSingleQuotes', () => {
  it('reports single-quoted arrays on RUN, COPY and VOLUME, and on CMD when a SHELL is set', () => {
    const text = dockerfile('FROM alpine', "RUN ['apk', 'add', 'curl']", "VOLUME ['/data']", 'SHELL ["sh", "-c"]', "CMD ['x']");
    assert.deepEqual(starts(problemsOf('ExecFormSingleQuotes', text)), ['1:4', '2:7', '4:4']);
  });

  it('leaves shell tests with single quotes alone', () => {
    assert.deepEqual(problemsOf('ExecFormSingleQuotes', dockerfile('FROM alpine', "RUN [ 'a' = 'b' ] && echo same")), []);
  });
});
