// Build secrets: read from a file or the environment only when asked, refused when malformed.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_SECRET_BYTES, SecretSources, secretSpecProblems } from '../../../../src/core/buildkit/secrets';

describe('SecretSources and secretSpecProblems (BuildKit secrets)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-secrets-'));

  it('reads a file secret and an environment secret (by its own name or the id), and nothing for an id not given', async () => {
    writeFileSync(path.join(dir, 'token'), 'from file');
    const sources = new SecretSources([{ id: 'token', src: path.join(dir, 'token') }, { id: 'api', env: 'API_KEY' }, { id: 'PLAIN' }], { API_KEY: 'from env', PLAIN: 'by id' });
    assert.equal((await sources.read('token'))?.toString(), 'from file');
    assert.equal((await sources.read('api'))?.toString(), 'from env');
    assert.equal((await sources.read('PLAIN'))?.toString(), 'by id');
    assert.equal(await sources.read('other'), undefined);
  });

  it('names the secret when its source cannot be read: a missing file, a folder, one too large, an unset variable', async () => {
    writeFileSync(path.join(dir, 'big'), Buffer.alloc(MAX_SECRET_BYTES + 1));
    const sources = new SecretSources([
      { id: 'gone', src: path.join(dir, 'missing') }, { id: 'folder', src: dir }, { id: 'big', src: path.join(dir, 'big') }, { id: 'unset', env: 'NOT_SET' },
    ], {});
    await assert.rejects(sources.read('gone'), /^Error: secret gone: .*ENOENT/);
    await assert.rejects(sources.read('folder'), /secret folder: .* not a regular file/);
    await assert.rejects(sources.read('big'), /secret big: .*too large for a build secret/);
    await assert.rejects(sources.read('unset'), /secret unset: the environment variable NOT_SET is not set/);
  });

  it('finds malformed entries: a bad or repeated id, both src and env, and what is not an object', () => {
    assert.deepEqual(secretSpecProblems([{ id: 'ok', src: '/a' }, { id: 'env-only', env: 'X' }, { id: 'id-only' }]), []);
    const problems = secretSpecProblems([{ id: 'a b' }, { id: 'dup', src: '/a' }, { id: 'dup', env: 'B' }, { id: 'both', src: '/a', env: 'B' }, 'text', null]);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0] ?? '', /secrets\[0\]/);
    assert.match(problems[1] ?? '', /secrets\[2\]: the id dup is given twice/);
    assert.match(problems[2] ?? '', /secrets\[3\] \(both\)/);
  });
});
