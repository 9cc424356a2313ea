import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { shellCommand, shellQuote } from '../../../../src/core/util/shellQuote';

/** Runs `printf '%s\0' <words>` through a real /bin/sh and returns the words it received. */
function wordsSeenByShell(commandLine: string): string[] {
  const output = execFileSync('/bin/sh', ['-c', `printf "%s\\0" ${commandLine}`]).toString('utf8');
  assert.ok(output.endsWith('\0'), 'printf ends every word with a NUL');
  return output.slice(0, -1).split('\0');
}

describe('shellQuote / shellCommand', () => {
  let dir: string;
  let marker: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dh-quote-'));
    marker = path.join(dir, 'marker');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips hostile values through /bin/sh word for word, and runs none of them', () => {
    const values = [
      "it's",
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      '`id`',
      'a b',
      'a\nb',
      '"q"',
      ';rm -rf /',
      '*',
      '',
      '--flag',
      'ünïcødé ✓ 日本',
      "'",
      "''",
      '\\',
      'a\tb',
      '$HOME',
      '${HOME}',
      '~',
      '#comment',
      'x > y',
      '&& touch ' + marker,
      '| touch ' + marker,
      '!',
      'a=b',
      ' leading and trailing ',
    ];
    assert.deepEqual(wordsSeenByShell(shellCommand(values)), values);
    assert.equal(existsSync(marker), false, 'no command substitution was run');
  });

  it('control: the marker file does detect a substitution that runs (so its absence above means something)', () => {
    wordsSeenByShell(`$(touch ${marker})`);
    assert.equal(existsSync(marker), true);
  });

  it('round-trips each hostile value on its own as one word', () => {
    for (const value of ["it's", `$(touch ${marker})`, '', 'a\nb', '*', ' ']) {
      assert.deepEqual(wordsSeenByShell(shellQuote(value)), [value], JSON.stringify(value));
    }
    assert.equal(existsSync(marker), false);
  });

  it('leaves plain words (paths, flags, URLs, key=value) unquoted', () => {
    for (const word of ['dockerd', '/usr/sbin/dockerd', '--data-root=/var/lib/docker', 'unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376', 'a,b', 'user@host', '50%', 'a+b', '-H']) {
      assert.equal(shellQuote(word), word);
    }
  });

  it('quotes the empty string, spaces and metacharacters, escaping a single quote', () => {
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('a b'), "'a b'");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
    assert.equal(shellQuote('$(id)'), "'$(id)'");
    assert.equal(shellCommand(['dockerd', '--label', 'a b']), "dockerd --label 'a b'");
    assert.equal(shellCommand([]), '');
  });
});
