import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('UnknownInstruction', () => {
  it('reports a misspelt instruction as an error, with the likely keyword', () => {
    const found = problemsOf('UnknownInstruction', dockerfile('FROM alpine', 'RUNN echo hi'));
    assert.deepEqual(starts(found), ['1:0']);
    assert.equal(found[0]?.severity, 'error');
    assert.match(found[0]?.message ?? '', /"RUNN".*did you mean RUN\?/);
  });

  it('checks the instruction that ONBUILD holds', () => {
    const found = problemsOf('UnknownInstruction', dockerfile('FROM alpine', 'ONBUILD COPPY . /app'));
    assert.deepEqual(starts(found), ['1:8']);
  });

  it('accepts every Dockerfile instruction in any casing', () => {
    const text = dockerfile(
      'ARG A', 'FROM alpine', 'run x', 'Cmd ["x"]', 'ENTRYPOINT ["x"]', 'COPY a b', 'ADD a b', 'ENV a=b', 'LABEL a=b',
      'EXPOSE 80', 'VOLUME /v', 'USER u', 'WORKDIR /w', 'SHELL ["sh"]', 'STOPSIGNAL 9', 'HEALTHCHECK NONE', 'ONBUILD RUN x', 'MAINTAINER m',
    );
    assert.deepEqual(problemsOf('UnknownInstruction', text), []);
  });

  it('is not fooled by heredoc bodies and continuation lines that start with words', () => {
    const text = dockerfile('FROM alpine', 'RUN <<EOF', 'FROMM not an instruction', 'EOF', 'RUN echo \\', '  notAnInstruction');
    assert.deepEqual(problemsOf('UnknownInstruction', text), []);
  });
});
