import * as assert from 'node:assert/strict';
import { dockerfile, problemsOf, starts } from './helpers';

describe('FromAsCasing', () => {
  it('reports `FROM … as` and `from … AS`', () => {
    const found = problemsOf('FromAsCasing', dockerfile('FROM alpine as build', 'from alpine AS other'));
    assert.deepEqual(starts(found), ['0:12', '1:12']);
    assert.equal(found[0]?.message, "'as' and 'FROM' keywords' casing do not match");
    assert.equal(found[0]?.url, 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/');
  });

  it('accepts matching casing, and a mixed-case FROM (another rule’s business)', () => {
    assert.deepEqual(problemsOf('FromAsCasing', dockerfile('FROM alpine AS a', 'from alpine as b', 'From alpine as c', 'FROM alpine')), []);
  });
});

describe('StageNameCasing', () => {
  it('reports an uppercase stage name, and accepts a lowercase one', () => {
    assert.deepEqual(starts(problemsOf('StageNameCasing', dockerfile('FROM alpine AS Build', 'FROM alpine AS build2'))), ['0:15']);
  });
});

describe('DuplicateStageName', () => {
  it('reports the second stage with a name already used, ignoring case', () => {
    const found = problemsOf('DuplicateStageName', dockerfile('FROM alpine AS build', 'FROM debian AS BUILD'));
    assert.deepEqual(starts(found), ['1:15']);
    assert.match(found[0]?.message ?? '', /Duplicate stage name "build".*line 1/);
  });

  it('accepts distinct names and unnamed stages', () => {
    assert.deepEqual(problemsOf('DuplicateStageName', dockerfile('FROM alpine AS a', 'FROM alpine AS b', 'FROM alpine', 'FROM alpine')), []);
  });
});

describe('ReservedStageName', () => {
  it('reports scratch and context as stage names, and accepts others', () => {
    const found = problemsOf('ReservedStageName', dockerfile('FROM alpine AS scratch', 'FROM alpine AS context', 'FROM alpine AS base'));
    assert.deepEqual(starts(found), ['0:15', '1:15']);
  });
});
