import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('WorkdirRelativePath', () => {
  it('reports a relative WORKDIR before any absolute one in the stage', () => {
    const found = problemsOf('WorkdirRelativePath', dockerfile('FROM alpine', 'WORKDIR app', 'WORKDIR sub'));
    assert.deepEqual(starts(found), ['1:8']);
  });

  it('checks each stage on its own, but a stage built on another inherits its WORKDIR', () => {
    const text = dockerfile('FROM alpine AS base', 'WORKDIR /app', 'FROM base', 'WORKDIR sub', 'FROM alpine', 'WORKDIR rel');
    assert.deepEqual(starts(problemsOf('WorkdirRelativePath', text)), ['5:8']);
  });

  it('accepts absolute paths and paths from variables', () => {
    const text = dockerfile('FROM alpine', 'WORKDIR /app', 'FROM alpine', 'WORKDIR $HOME/app');
    assert.deepEqual(problemsOf('WorkdirRelativePath', text), []);
  });

  it('accepts a Windows drive path where the escape character leaves its backslash alone', () => {
    assert.deepEqual(problemsOf('WorkdirRelativePath', dockerfile('# escape=`', 'FROM mcr.microsoft.com/windows/nanoserver', 'WORKDIR C:\\app')), []);
  });
});
