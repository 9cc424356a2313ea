import * as assert from 'node:assert/strict';
import { decodeGoFileMode, parseGoTime, parsePathStatHeader } from '../../../../src/core/containerFiles/pathStat';

const header = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

describe('the X-Docker-Container-Path-Stat header', () => {
  it('decodes a regular file, a folder and a link as the engine sends them', () => {
    // Values as Docker 20.10 sent them for /tmp/a.txt, /etc and a link /tmp/link -> /tmp/a.txt.
    assert.deepEqual(parsePathStatHeader(header({ name: 'a.txt', size: 6, mode: 420, mtime: '2026-12-06T22:45:38.153846012Z', linkTarget: '' })), {
      name: 'a.txt', size: 6, type: 'file', permissions: 0o644, mtime: Date.parse('2026-12-06T22:45:38.153Z'),
    });
    assert.equal(parsePathStatHeader(header({ name: 'etc', size: 4096, mode: 2147484141, mtime: '2026-12-06T22:45:31Z', linkTarget: '' }))?.type, 'directory');
    const link = parsePathStatHeader(header({ name: 'link', size: 10, mode: 134218239, mtime: '2026-12-06T22:45:38Z', linkTarget: '/tmp/a.txt' }));
    assert.equal(link?.type, 'symlink');
    assert.equal(link?.linkTarget, '/tmp/a.txt');
  });

  it('refuses what is not the engine\'s JSON instead of guessing', () => {
    assert.equal(parsePathStatHeader(undefined), undefined);
    assert.equal(parsePathStatHeader('not base64 json'), undefined);
    assert.equal(parsePathStatHeader(header({ name: 'x' })), undefined);
    assert.equal(parsePathStatHeader(header([1, 2])), undefined);
    assert.equal(parsePathStatHeader('A'.repeat(70_000)), undefined);
  });

  it('reads Go file modes: types, permissions and the setuid/setgid/sticky bits', () => {
    assert.deepEqual(decodeGoFileMode(0o755), { type: 'file', permissions: 0o755 });
    assert.deepEqual(decodeGoFileMode(2 ** 31 + 2 ** 20 + 0o777), { type: 'directory', permissions: 0o1777 });
    assert.deepEqual(decodeGoFileMode(2 ** 23 + 0o755), { type: 'file', permissions: 0o4755 });
    assert.equal(decodeGoFileMode(2 ** 25 + 0o644).type, 'other', 'a named pipe');
    assert.equal(decodeGoFileMode(2 ** 26 + 2 ** 21 + 0o666).type, 'other', 'a character device');
  });

  it('reads RFC 3339 times with nanoseconds and zones, and 0 for nonsense', () => {
    assert.equal(parseGoTime('2024-01-02T03:04:05.123456789+01:00'), Date.parse('2024-01-02T02:04:05.123Z'));
    assert.equal(parseGoTime('2024-01-02T03:04:05Z'), Date.parse('2024-01-02T03:04:05Z'));
    assert.equal(parseGoTime('0001-01-01T00:00:00Z'), 0);
    assert.equal(parseGoTime('yesterday'), 0);
  });
});
