// One hop, one secret: a ProxyJump host and its target, two real sshd instances with password
// logins for two different users (different passwords). The jump host's password must never be
// offered to the target, and a refusal on one hop must leave the other hop's saved password.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDockerHost } from '../../../src/core/engine/endpoint';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { passwordSecretKey, RememberedSecrets, SecretStore } from '../../../src/core/ssh/rememberedSecrets';
import { sshdAvailable, tempDir, TestSshd, TestUser } from '../../support/sshd';
import { recordingInteraction, testSettings } from '../../support/sshTestbed';

describe('ProxyJump secrets per hop (two real sshd, two users with different passwords)', function () {
  this.timeout(60_000);
  let jump: TestSshd;
  let target: TestSshd;
  let jumpUser: TestUser;
  let targetUser: TestUser;
  let temp: ReturnType<typeof tempDir>;
  const clients: EngineClient[] = [];

  before(async function () {
    if (!sshdAvailable()) {
      this.skip();
    }
    [jump, target] = await Promise.all([TestSshd.start({ passwordAuthentication: true }), TestSshd.start({ passwordAuthentication: true })]);
    jumpUser = TestUser.create();
    targetUser = TestUser.create();
  });

  beforeEach(() => {
    temp = tempDir('dh-ssh-jump-secrets-');
  });

  afterEach(() => {
    for (const client of clients.splice(0)) {
      client.dispose();
    }
    temp.cleanup();
  });

  after(async () => {
    jumpUser?.remove();
    targetUser?.remove();
    await jump?.stop();
    await target?.stop();
  });

  const jumpAddress = (): string => `127.0.0.1:${jump.port}`;
  const targetAddress = (): string => `127.0.0.1:${target.port}`;

  /** ssh://dh-target goes through the jump host, each hop with its own user and no key at all. */
  function engineBehindJump(interaction: Parameters<typeof testSettings>[1]): EngineClient {
    const config = path.join(temp.dir, 'config');
    writeFileSync(config, [
      'Host dh-target',
      '  HostName 127.0.0.1',
      `  Port ${target.port}`,
      `  User ${targetUser.name}`,
      `  ProxyJump ${jumpUser.name}@127.0.0.1:${jump.port}`,
      '',
    ].join('\n'));
    const client = new EngineClient(parseDockerHost('ssh://dh-target'), { requestTimeoutMs: 20_000, ssh: testSettings(temp.dir, interaction, { configFiles: [config] }) });
    clients.push(client);
    return client;
  }

  function failedPasswords(sshd: TestSshd, user: TestUser): number {
    return (sshd.log().match(new RegExp(`Failed password for ${user.name} `, 'g')) ?? []).length;
  }

  it("asks each hop for its own password and never offers the jump host's to the target", async () => {
    const targetFailuresBefore = failedPasswords(target, targetUser);
    const interaction = recordingInteraction({ passwords: [jumpUser.password, targetUser.password] });
    await engineBehindJump(interaction).version();
    assert.deepEqual(interaction.passwords, [
      { user: jumpUser.name, address: jumpAddress(), attempt: 1 },
      { user: targetUser.name, address: targetAddress(), attempt: 1 },
    ]);
    assert.match(jump.log(), new RegExp(`Accepted password for ${jumpUser.name} `));
    assert.match(target.log(), new RegExp(`Accepted password for ${targetUser.name} `));
    assert.equal(failedPasswords(target, targetUser), targetFailuresBefore, 'the target was offered no other password');
  });

  it("forgets only the refused hop's saved password: a stale jump password is re-asked, the target's saved one stays and is used", async () => {
    const saved = new Map<string, string>([
      [passwordSecretKey({ user: jumpUser.name, address: jumpAddress() }), 'stale jump password'],
      [passwordSecretKey({ user: targetUser.name, address: targetAddress() }), targetUser.password],
    ]);
    const store: SecretStore = {
      get: async (key) => saved.get(key),
      store: async (key, value) => void saved.set(key, value),
      delete: async (key) => void saved.delete(key),
    };
    const person = recordingInteraction({ passwords: [jumpUser.password] });
    const remembering = new RememberedSecrets(store, {
      trustHostKey: (q, s) => person.trustHostKey(q, s),
      askPassphrase: (q, s) => person.keyPassphrase(q, s),
      askPassword: (q, s) => person.password(q, s),
      agreesToRemember: async () => false,
    });
    const targetFailuresBefore = failedPasswords(target, targetUser);
    const jumpFailuresBefore = failedPasswords(jump, jumpUser);
    await engineBehindJump(remembering).version();
    assert.equal(failedPasswords(jump, jumpUser), jumpFailuresBefore + 1, 'the stale jump password was tried once, at the jump host');
    assert.deepEqual(person.passwords, [{ user: jumpUser.name, address: jumpAddress(), attempt: 2 }], 'only the jump host asked the person again');
    assert.equal(saved.has(passwordSecretKey({ user: jumpUser.name, address: jumpAddress() })), false, 'the refused jump password was forgotten');
    assert.equal(saved.get(passwordSecretKey({ user: targetUser.name, address: targetAddress() })), targetUser.password, "the target's saved password is kept");
    assert.equal(failedPasswords(target, targetUser), targetFailuresBefore, 'the target got its own saved password first time');
    assert.match(target.log(), new RegExp(`Accepted password for ${targetUser.name} `));
  });
});
