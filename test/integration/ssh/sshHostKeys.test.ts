// Host keys against a real sshd: never accepted silently, recorded as OpenSSH records them.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { forgetKnownHost } from '../../../src/core/ssh/knownHosts';
import { SshConnection } from '../../../src/core/ssh/sshConnection';
import { SshError } from '../../../src/core/ssh/sshErrors';
import { ClientKey, makeClientKey, sshdAvailable, tempDir, TestSshd } from '../../support/sshd';
import { recordingInteraction, testSettings } from '../../support/sshTestbed';

describe('SSH host keys against a real sshd', function () {
  this.timeout(30_000);
  let sshd: TestSshd;
  let temp: ReturnType<typeof tempDir>;
  let key: ClientKey;
  let knownHosts: string;
  const connections: SshConnection[] = [];

  before(async function () {
    if (!sshdAvailable()) {
      this.skip();
    }
    sshd = await TestSshd.start();
  });

  beforeEach(() => {
    temp = tempDir('dh-ssh-hostkey-');
    key = makeClientKey(temp.dir, 'id');
    sshd.authorize(key);
    knownHosts = path.join(temp.dir, 'known_hosts');
  });

  afterEach(() => {
    for (const connection of connections.splice(0)) {
      connection.dispose();
    }
    temp.cleanup();
  });

  after(async () => {
    await sshd?.stop();
  });

  function connection(interaction = recordingInteraction(), extra = {}): SshConnection {
    const created = new SshConnection({ host: '127.0.0.1', port: sshd.port, user: 'root', identityFiles: [key.privatePath] }, testSettings(temp.dir, interaction, extra));
    connections.push(created);
    return created;
  }

  it('asks about an unknown host with the fingerprint ssh-keygen -lf prints, and refuses when not trusted', async () => {
    const interaction = recordingInteraction({ trust: false });
    const logins = sshd.acceptedLogins();
    const error = await connection(interaction).connect().then(() => undefined, (e: unknown) => e);
    assert.equal(interaction.hostKeys.length, 1);
    const question = interaction.hostKeys[0]!;
    assert.equal(question.fingerprint, sshd.fingerprint());
    assert.equal(question.keyType, 'ED25519');
    assert.equal(question.knownHostsName, `[127.0.0.1]:${sshd.port}`);
    assert.equal(question.knownHostsFile, knownHosts);
    assert.ok(error instanceof SshError && error.failure === 'host-key-untrusted', String(error));
    assert.match(error.message, /is not known and was not trusted, so no connection was made/);
    assert.equal(existsSync(knownHosts), false, 'nothing was recorded');
    assert.equal(sshd.acceptedLogins(), logins, 'no login happened');
  });

  it('records a trusted key as a known_hosts line OpenSSH finds, and asks nothing the next time', async () => {
    const first = recordingInteraction({ trust: true });
    await connection(first).connect();
    assert.equal(first.hostKeys.length, 1);
    const [type, base64] = sshd.hostPublicKey.split(/\s+/);
    assert.equal(readFileSync(knownHosts, 'utf8'), `[127.0.0.1]:${sshd.port} ${type} ${base64}\n`);
    assert.match(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', knownHosts], { encoding: 'utf8' }), /found: line 1/);

    const second = recordingInteraction({ trust: false });
    await connection(second).connect();
    assert.equal(second.hostKeys.length, 0);
  });

  it('refuses a changed host key without asking, saying how to fix it; re-trusting after removal works', async () => {
    const other = makeClientKey(temp.dir, 'not_the_host_key');
    const [type, base64] = other.publicLine.split(/\s+/);
    writeFileSync(knownHosts, `# earlier entry\n[127.0.0.1]:${sshd.port} ${type} ${base64}\n`);
    const interaction = recordingInteraction({ trust: true });
    const logins = sshd.acceptedLogins();
    const error = await connection(interaction).connect().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof SshError && error.failure === 'host-key-changed', String(error));
    const port = sshd.port;
    assert.match(error.message, new RegExp(`^host key for 127\\.0\\.0\\.1:${port} changed — remove the old entry with ssh-keygen -R '\\[127\\.0\\.0\\.1\\]:${port}' -f ${knownHosts} \\(line 2\\) or re-trust`));
    assert.ok(error.message.includes(sshd.fingerprint()), 'the new fingerprint is named');
    assert.equal(interaction.hostKeys.length, 0, 'a changed key is never put to the user as a simple yes/no');
    assert.equal(sshd.acceptedLogins(), logins);

    assert.equal(await forgetKnownHost(knownHosts, `[127.0.0.1]:${port}`), 1);
    await connection(interaction).connect();
    assert.equal(interaction.hostKeys.length, 1, 're-trust asked once');
  });

  it('accepts hashed known_hosts entries made by ssh-keygen -H', async () => {
    const [type, base64] = sshd.hostPublicKey.split(/\s+/);
    writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${type} ${base64}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', knownHosts], { stdio: 'ignore' });
    const hashed = readFileSync(knownHosts, 'utf8');
    assert.match(hashed, /^\|1\|/);
    assert.ok(!hashed.includes('127.0.0.1'), 'the host name is no longer readable');
    const interaction = recordingInteraction({ trust: false });
    await connection(interaction).connect();
    assert.equal(interaction.hostKeys.length, 0);
  });

  it('writes hashed entries when the config says HashKnownHosts yes, and ssh-keygen -F finds them', async () => {
    const config = path.join(temp.dir, 'config');
    writeFileSync(config, 'Host 127.0.0.1\n  HashKnownHosts yes\n');
    await connection(recordingInteraction({ trust: true }), { configFiles: [config] }).connect();
    const line = readFileSync(knownHosts, 'utf8');
    assert.match(line, /^\|1\|\S+ ssh-ed25519 /);
    assert.match(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', knownHosts], { encoding: 'utf8' }), /found: line 1/);
  });

  it('does not count the time a person takes to answer against the login timeout', async () => {
    const slow = recordingInteraction({ trust: () => new Promise((resolve) => setTimeout(() => resolve(true), 1_500)) });
    await connection(slow, { connectTimeoutMs: 1_000 }).connect();
    assert.equal(slow.hostKeys.length, 1);
  });
});
