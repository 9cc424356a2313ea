import * as assert from 'node:assert/strict';
import { DockerfileParser, Run } from 'dockerfile-ast';
import { cacheInstructionArguments } from '../../../../src/core/dockerfile/argumentCache';

describe('cacheInstructionArguments', () => {
  cacheInstructionArguments();

  it('keeps what dockerfile-ast reports: flags apart from arguments, call after call', () => {
    const run = DockerfileParser.parse('FROM alpine\nRUN --mount=type=cache,target=/c --network=none apk add \\\n  curl').getInstructions()[1] as Run;
    const first = run.getArguments().map((arg) => arg.getValue());
    assert.deepEqual(first, ['apk', 'add', 'curl']);
    assert.deepEqual(run.getFlags().map((flag) => flag.getName()), ['mount', 'network']);
    assert.deepEqual(run.getArguments().map((arg) => arg.getValue()), first);
  });

  it('hands out a fresh array each time, so a caller that changes it changes nothing for others', () => {
    const [from] = DockerfileParser.parse('FROM alpine AS build').getInstructions();
    from?.getArguments().splice(0);
    assert.deepEqual(from?.getArguments().map((arg) => arg.getValue()), ['alpine', 'AS', 'build']);
  });

  it('installs itself once', () => {
    const method = (DockerfileParser.parse('FROM a').getInstructions()[0] as unknown as { getRawArguments: unknown }).getRawArguments;
    cacheInstructionArguments();
    assert.equal((DockerfileParser.parse('FROM a').getInstructions()[0] as unknown as { getRawArguments: unknown }).getRawArguments, method);
  });
});
