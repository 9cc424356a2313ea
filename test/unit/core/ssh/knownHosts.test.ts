import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprintOf, hostKeyAlgorithms, hostKeyFromBlob } from '../../../../src/core/ssh/hostKeys';
import {
  appendKnownHost, checkHostKey, entryMatches, forgetKnownHost, knownHostsLine, knownHostsName, knownKeyTypes, parseKnownHosts,
} from '../../../../src/core/ssh/knownHosts';

// A key made with `ssh-keygen -t ed25519`; its fingerprint and the hashed lines below were
// printed by OpenSSH's own ssh-keygen (-lf, and -H on a file naming these two hosts).
const KEY = { type: 'ssh-ed25519', base64: 'AAAAC3NzaC1lZDI1NTE5AAAAICVH2THTwNnWUW8G62D2oxI706x0XZWfnGTEenE1/dnH' };
const OTHER = { type: 'ssh-ed25519', base64: 'AAAAC3NzaC1lZDI1NTE5AAAAIHNy4Zbe2CEp3rPi6h4uw9PpDo0kpeUo4vIsCcvh6O7Z' };
const HASHED = [
  `|1|VTOfEWlC5HxRr+UxsUJFWrXs39U=|Qz7Frrqcw/h2aLh+uOJcSfeFj0I= ${KEY.type} ${KEY.base64}`, // [10.0.0.5]:2222
  `|1|/w9p1GAF9ZZQAOmjPBrAfyb4nrc=|DgpjxNkclJPcFaORzeYbMD4wSN4= ${KEY.type} ${KEY.base64}`, // plain.example
].join('\n');

describe('known_hosts (OpenSSH format, matched as ssh does)', () => {
  it('names hosts as OpenSSH records them: bare on port 22, [host]:port elsewhere, lower case', () => {
    assert.equal(knownHostsName('Example.COM', 22), 'example.com');
    assert.equal(knownHostsName('127.0.0.1', 2222), '[127.0.0.1]:2222');
  });

  it('prints the fingerprint exactly as ssh-keygen -lf does', () => {
    assert.equal(fingerprintOf(KEY), 'SHA256:vGLSa0+t0IrHbttevITUXbw9b/h1SJ05JUquh7JaTkU');
  });

  it('reads the key type from the wire-format blob ssh2 hands over', () => {
    assert.deepEqual(hostKeyFromBlob(Buffer.from(KEY.base64, 'base64')), KEY);
    assert.throws(() => hostKeyFromBlob(Buffer.from([0, 0])));
  });

  it('matches hashed |1|salt|hash entries made by ssh-keygen -H, and only for their host', () => {
    const entries = parseKnownHosts(HASHED);
    assert.equal(entries.length, 2);
    assert.ok(entryMatches(entries[0]!, '[10.0.0.5]:2222'));
    assert.ok(!entryMatches(entries[0]!, '10.0.0.5'), 'port 22 is a different name');
    assert.ok(entryMatches(entries[1]!, 'plain.example'));
    assert.equal(checkHostKey(entries, '[10.0.0.5]:2222', KEY).status, 'trusted');
  });

  it('matches comma lists, wildcards and negations, skipping comments and blank lines', () => {
    const entries = parseKnownHosts(`# comment\n\nweb-*.example,!web-bad.example ${KEY.type} ${KEY.base64}\n`);
    assert.equal(entries.length, 1);
    assert.ok(entryMatches(entries[0]!, 'web-1.example'));
    assert.ok(!entryMatches(entries[0]!, 'web-bad.example'));
    assert.ok(!entryMatches(entries[0]!, 'db.example'));
  });

  it('tells trusted, unknown, changed and revoked apart', () => {
    const entries = parseKnownHosts(`[h]:2222 ${KEY.type} ${KEY.base64}\nother ecdsa-sha2-nistp256 AAAA\n@revoked * ${OTHER.type} ${OTHER.base64}\n`);
    assert.equal(checkHostKey(entries, '[h]:2222', KEY).status, 'trusted');
    assert.equal(checkHostKey(entries, 'nobody', KEY).status, 'unknown');
    const changed = checkHostKey(entries, '[h]:2222', { type: KEY.type, base64: 'AAAAC3NzaC1lZDI1NTE5AAAAIDifferent' });
    assert.equal(changed.status, 'changed');
    assert.equal(changed.status === 'changed' ? changed.entry.line : 0, 1);
    assert.equal(checkHostKey(entries, '[h]:2222', OTHER).status, 'revoked');
    const otherType = checkHostKey(entries, 'other', KEY);
    assert.deepEqual(otherType, { status: 'unknown', otherTypes: ['ecdsa-sha2-nistp256'] }, 'a new key type is a question, not a change');
  });

  it('lists known key types so that those are negotiated first', () => {
    const entries = parseKnownHosts(`h ssh-rsa AAAA\nh ${KEY.type} ${KEY.base64}\n`);
    assert.deepEqual(knownKeyTypes(entries, 'h'), ['ssh-rsa', 'ssh-ed25519']);
    assert.deepEqual(hostKeyAlgorithms(['ssh-rsa']).slice(0, 3), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-ed25519']);
    assert.ok(!hostKeyAlgorithms([]).includes('ssh-rsa'), 'SHA-1 signatures are not offered');
  });

  it('writes plain and hashed lines that it reads back as trusted', () => {
    const plain = knownHostsLine('[h]:2200', KEY, false);
    assert.equal(plain, `[h]:2200 ${KEY.type} ${KEY.base64}`);
    const hashed = knownHostsLine('[h]:2200', KEY, true);
    assert.match(hashed, /^\|1\|[A-Za-z0-9+/=]{28}\|[A-Za-z0-9+/=]{28} ssh-ed25519 /);
    assert.equal(checkHostKey(parseKnownHosts(hashed), '[h]:2200', KEY).status, 'trusted');
    assert.equal(checkHostKey(parseKnownHosts(hashed), '[h]:2201', KEY).status, 'unknown');
  });

  it('appends to a file without a final newline, and forgets a host like ssh-keygen -R', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-kh-'));
    try {
      const file = path.join(dir, 'sub', 'known_hosts');
      await appendKnownHost(file, `a ${KEY.type} ${KEY.base64}`);
      writeFileSync(file, readFileSync(file, 'utf8').trimEnd());
      await appendKnownHost(file, `b ${KEY.type} ${KEY.base64}`);
      assert.equal(readFileSync(file, 'utf8'), `a ${KEY.type} ${KEY.base64}\nb ${KEY.type} ${KEY.base64}\n`);
      assert.equal(await forgetKnownHost(file, 'a'), 1);
      assert.equal(readFileSync(file, 'utf8'), `b ${KEY.type} ${KEY.base64}\n`);
      assert.equal(await forgetKnownHost(file, 'a'), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
