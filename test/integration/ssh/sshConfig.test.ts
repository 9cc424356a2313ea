// ~/.ssh/config honoured for real connections (a temporary config file stands in for ~/.ssh/config):
// Host aliases with HostName, Port, User, IdentityFile, UserKnownHostsFile, and ProxyJump.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDockerHost } from '../../../src/core/engine/endpoint';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { ClientKey, makeClientKey, sshdAvailable, tempDir, TestSshd } from '../../support/sshd';
import { recordingInteraction, testSettings } from '../../support/sshTestbed';

describe('~/.ssh/config for SSH machines (real sshd)', function () {
  this.timeout(30_000);
  let target: TestSshd;
  let jump: TestSshd;
  let temp: ReturnType<typeof tempDir>;
  let key: ClientKey;
  const clients: EngineClient[] = [];

  before(async function () {
    if (!sshdAvailable()) {
      this.skip();
    }
    target = await TestSshd.start();
    jump = await TestSshd.start({ logLevel: 'DEBUG1' });
  });

  beforeEach(() => {
    temp = tempDir('dh-ssh-config-');
    key = makeClientKey(temp.dir, 'id_from_config');
    target.authorize(key);
    jump.authorize(key);
  });

  afterEach(() => {
    for (const client of clients.splice(0)) {
      client.dispose();
    }
    temp.cleanup();
  });

  after(async () => {
    await target?.stop();
    await jump?.stop();
  });

  function writeConfig(text: string): string {
    const file = path.join(temp.dir, 'config');
    writeFileSync(file, text);
    return file;
  }

  it('connects to ssh://alias with HostName, Port, User, IdentityFile and UserKnownHostsFile from the config', async () => {
    const knownHosts = path.join(temp.dir, 'known_hosts_from_config');
    const config = writeConfig(
      `Host dh-alias\n  HostName 127.0.0.1\n  Port ${target.port}\n  User root\n  IdentityFile ${key.privatePath}\n  UserKnownHostsFile ${knownHosts}\n`,
    );
    const endpoint = parseDockerHost('ssh://dh-alias');
    assert.equal(endpoint.kind, 'ssh');
    const interaction = recordingInteraction();
    const client = new EngineClient(endpoint, { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, interaction, { configFiles: [config] }) });
    clients.push(client);
    await client.listContainers();
    const address = client.sshConnection?.address;
    assert.deepEqual([address?.user, address?.hostName, address?.port], ['root', '127.0.0.1', target.port]);
    assert.equal(interaction.hostKeys[0]?.knownHostsFile, knownHosts);
    assert.match(readFileSync(knownHosts, 'utf8'), new RegExp(`^\\[127\\.0\\.0\\.1\\]:${target.port} ssh-ed25519 `));
  });

  it('uses the alias named by sshConfigAlias for a machine whose host is only the fallback', async () => {
    const config = writeConfig(`Host dh-stored\n  HostName 127.0.0.1\n  Port ${target.port}\n  IdentityFile ${key.privatePath}\n`);
    const client = new EngineClient(
      { kind: 'ssh', host: 'not-resolvable.invalid', user: 'root', sshConfigAlias: 'dh-stored', remoteSocketPath: '/var/run/docker.sock' },
      { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, recordingInteraction(), { configFiles: [config] }) },
    );
    clients.push(client);
    const version = await client.version();
    assert.match(version.apiVersion, /^1\.\d+$/);
  });

  it('goes through a ProxyJump host, verifying both host keys and logging in to both', async () => {
    const config = writeConfig(
      [
        'Host dh-behind',
        '  HostName 127.0.0.1',
        `  Port ${target.port}`,
        '  User root',
        `  IdentityFile ${key.privatePath}`,
        '  ProxyJump dh-bastion',
        'Host dh-bastion',
        '  HostName 127.0.0.1',
        `  Port ${jump.port}`,
        '  User root',
        `  IdentityFile ${key.privatePath}`,
        '',
      ].join('\n'),
    );
    const jumpLogins = jump.acceptedLogins();
    const targetLogins = target.acceptedLogins();
    const interaction = recordingInteraction();
    const client = new EngineClient(parseDockerHost('ssh://dh-behind'), { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, interaction, { configFiles: [config] }) });
    clients.push(client);
    await client.listContainers();
    assert.deepEqual(interaction.hostKeys.map((q) => q.knownHostsName), [`[127.0.0.1]:${jump.port}`, `[127.0.0.1]:${target.port}`]);
    assert.equal(jump.acceptedLogins(), jumpLogins + 1);
    assert.equal(target.acceptedLogins(), targetLogins + 1);
    assert.match(jump.log(), new RegExp(`direct-tcpip.*127\\.0\\.0\\.1 port ${target.port}|target 127\\.0\\.0\\.1 port ${target.port}`), 'the jump host forwarded to the target');
  });
});
