import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('UndefinedArgInFrom', () => {
  it('reports a variable in FROM that no global ARG declares, with a suggestion', () => {
    const found = problemsOf('UndefinedArgInFrom', dockerfile('ARG BASE_IMAGE=alpine', 'FROM ${BASE_IMAGES}:3.19'));
    assert.deepEqual(starts(found), ['1:7']);
    assert.match(found[0]?.message ?? '', /'BASE_IMAGES' is not declared \(did you mean BASE_IMAGE\?\)/);
  });

  it('reports variables in --platform and with a default value too', () => {
    const found = problemsOf('UndefinedArgInFrom', dockerfile('FROM --platform=$PLATFORM ${IMAGE:-alpine}'));
    assert.deepEqual(found.map((problem) => problem.message.split("'")[1]), ['PLATFORM', 'IMAGE']);
  });

  it('ignores an ARG declared only inside a stage, as BuildKit does', () => {
    const found = problemsOf('UndefinedArgInFrom', dockerfile('FROM alpine', 'ARG TAG=1', 'FROM alpine:$TAG'));
    assert.equal(found.length, 1);
  });

  it('accepts global ARGs, predefined platform ARGs and escaped dollars', () => {
    const text = dockerfile('ARG TAG=3.19', 'FROM --platform=$BUILDPLATFORM alpine:${TAG} AS a', 'FROM --platform=$TARGETPLATFORM alpine', 'FROM alpine\\$notavar');
    assert.deepEqual(problemsOf('UndefinedArgInFrom', text), []);
  });
});
