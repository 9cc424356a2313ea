import * as assert from 'node:assert/strict';
import { looksSecret } from '../../../../src/core/dockerfile/rules/secretsUsedInArgOrEnv';
import { dockerfile, problemsOf, starts } from './helpers';

describe('SecretsUsedInArgOrEnv', () => {
  it('reports ARG and ENV names that look like secrets', () => {
    const text = dockerfile('FROM alpine', 'ARG GITHUB_TOKEN', 'ENV DB_PASSWORD=x AWS_SECRET_ACCESS_KEY=y HOME=/root');
    const found = problemsOf('SecretsUsedInArgOrEnv', text);
    assert.deepEqual(starts(found), ['1:4', '2:4', '2:18']);
    assert.match(found[0]?.message ?? '', /ARG "GITHUB_TOKEN"/);
  });

  it('matches whole words only, and lets public, file and version names through', () => {
    assert.deepEqual(['API_KEY', 'auth', 'PASSWD', 'credentials', 'MY_APIKEY_VALUE'].filter(looksSecret), ['API_KEY', 'auth', 'PASSWD', 'credentials', 'MY_APIKEY_VALUE']);
    assert.deepEqual(['PUBLIC_KEY', 'KEY_FILE', 'TOKEN_VERSION', 'MONKEY', 'TOKENIZER', 'KEYS'].filter(looksSecret), []);
  });

  it('leaves global ARGs (before FROM) alone, as BuildKit does', () => {
    assert.deepEqual(problemsOf('SecretsUsedInArgOrEnv', dockerfile('ARG NPM_TOKEN', 'FROM alpine')), []);
  });
});
