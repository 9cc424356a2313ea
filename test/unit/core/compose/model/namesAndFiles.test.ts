// Project names, default compose files, the .env syntax's errors and profile activation.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { COMPOSE_FILE_NAMES, findDefaultComposeFiles, isComposeFileName } from '../../../../../src/core/compose/model/defaultFiles';
import { parseEnvFile } from '../../../../../src/core/compose/model/envFile';
import { activeProfiles } from '../../../../../src/core/compose/model/profiles';
import { isValidProjectName, normaliseProjectName } from '../../../../../src/core/compose/model/projectName';

describe('compose names and files', () => {
  it('normaliseProjectName: lower case, only a-z 0-9 _ -, no leading _ or -', () => {
    assert.equal(normaliseProjectName('My App.v2'), 'myappv2');
    assert.equal(normaliseProjectName('__-Demo_app-1'), 'demo_app-1');
    assert.equal(normaliseProjectName('Ünïcode'), 'ncode');
    assert.equal(normaliseProjectName('!!!'), '');
    assert.equal(isValidProjectName(''), false);
    assert.equal(isValidProjectName('a-b_c1'), true);
    assert.equal(isValidProjectName('-a'), false);
  });

  it('isComposeFileName knows the default and override names, by base name', () => {
    assert.ok(COMPOSE_FILE_NAMES.includes('compose.override.yaml'));
    assert.equal(isComposeFileName('/w/docker-compose.yml'), true);
    assert.equal(isComposeFileName('docker-compose.override.yaml'), true);
    assert.equal(isComposeFileName('compose.prod.yaml'), false);
  });

  it('findDefaultComposeFiles: the preferred default file, then its override; none → []', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compose-defaults-'));
    try {
      assert.deepEqual(findDefaultComposeFiles(dir), []);
      writeFileSync(path.join(dir, 'docker-compose.yml'), 'services: {}\n');
      assert.deepEqual(findDefaultComposeFiles(dir), [path.join(dir, 'docker-compose.yml')]);
      writeFileSync(path.join(dir, 'compose.yaml'), 'services: {}\n');
      writeFileSync(path.join(dir, 'compose.override.yml'), 'services: {}\n');
      assert.deepEqual(findDefaultComposeFiles(dir), [path.join(dir, 'compose.yaml'), path.join(dir, 'compose.override.yml')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('.env: a line that is not an assignment, and unclosed quotes, are errors naming file and line', () => {
    const lookup = (): undefined => undefined;
    assert.throws(() => parseEnvFile('A=1\nthis is not\n', '/p/.env', lookup), /\/p\/\.env:2: not a variable assignment/);
    assert.throws(() => parseEnvFile("A='open\n", '/p/.env', lookup), /\/p\/\.env:1: A: the single quote is not closed/);
    assert.throws(() => parseEnvFile('A="open\nB=2\n', '/p/.env', lookup), /\.env:1: A: the double quote is not closed/);
  });

  it('.env: a double-quoted value spans lines; \\$ keeps a literal $; later lines see earlier ones', () => {
    const values = parseEnvFile('A="one\ntwo"\nB="cost \\$5 ${A}"\nC=${B:-x}\n', '/p/.env', () => undefined);
    assert.deepEqual([...values], [
      ['A', 'one\ntwo'],
      ['B', 'cost $5 one\ntwo'],
      ['C', 'cost $5 one\ntwo'],
    ]);
  });

  it('profiles: the asked ones plus COMPOSE_PROFILES, comma-separated, blanks ignored', () => {
    assert.deepEqual([...activeProfiles(['a'], ' b, ,c ')], ['a', 'b', 'c']);
    assert.deepEqual([...activeProfiles([], undefined)], []);
  });
});
