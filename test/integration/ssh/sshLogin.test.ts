// Logging in to a real OpenSSH server by every supported method, through the real engine behind it.
import * as assert from 'node:assert/strict';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { SshError } from '../../../src/core/ssh/sshErrors';
import { makeClientKey, sshdAvailable, tempDir, TestAgent, TestSshd, TestUser } from '../../support/sshd';
import { recordingInteraction, sshEndpoint, testSettings } from '../../support/sshTestbed';

describe('SSH login against a real sshd', function () {
  this.timeout(30_000);
  let sshd: TestSshd;
  let temp: ReturnType<typeof tempDir>;
  const clients: EngineClient[] = [];

  before(async function () {
    if (!sshdAvailable()) {
      this.skip();
    }
    sshd = await TestSshd.start({ passwordAuthentication: true });
  });

  beforeEach(() => {
    temp = tempDir('dh-ssh-login-');
  });

  function disposeClients(): void {
    for (const client of clients.splice(0)) {
      client.dispose();
    }
  }

  afterEach(() => {
    disposeClients();
    temp.cleanup();
  });

  after(async () => {
    await sshd?.stop();
  });

  function client(...args: ConstructorParameters<typeof EngineClient>): EngineClient {
    const created = new EngineClient(...args);
    clients.push(created);
    return created;
  }

  it('logs in with a key file and reaches the engine (proves key auth end to end)', async () => {
    const key = makeClientKey(temp.dir, 'id_plain');
    sshd.authorize(key);
    const before = sshd.acceptedLogins();
    const interaction = recordingInteraction();
    const engine = client(sshEndpoint(sshd, key), { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, interaction) });
    const version = await engine.version();
    assert.match(version.apiVersion, /^1\.\d+$/);
    assert.equal(sshd.acceptedLogins(), before + 1);
    assert.match(sshd.log(), /Accepted publickey for root from 127\.0\.0\.1/);
    assert.equal(interaction.passphrases.length + interaction.passwords.length, 0, 'nothing secret was asked');
  });

  it('asks for the passphrase of an encrypted key through the callback, again after a wrong one', async () => {
    const key = makeClientKey(temp.dir, 'id_locked', 'correct horse');
    sshd.authorize(key);
    const interaction = recordingInteraction({ passphrases: ['wrong', 'correct horse'] });
    const engine = client(sshEndpoint(sshd, key), { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, interaction) });
    await engine.version();
    assert.deepEqual(interaction.passphrases, [
      { keyFile: key.privatePath, attempt: 1 },
      { keyFile: key.privatePath, attempt: 2 },
    ]);
  });

  it('logs in with a password from the callback (a temporary user; sshd checks /etc/shadow)', async () => {
    const user = TestUser.create();
    try {
      const interaction = recordingInteraction({ passwords: [user.password] });
      const engine = client(sshEndpoint(sshd, undefined, { user: user.name }), { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, interaction) });
      const containers = await engine.listContainers();
      assert.ok(Array.isArray(containers));
      assert.deepEqual(interaction.passwords, [{ user: user.name, address: `127.0.0.1:${sshd.port}`, attempt: 1 }]);
      assert.match(sshd.log(), new RegExp(`Accepted password for ${user.name} from 127\\.0\\.0\\.1`));
    } finally {
      disposeClients();
      user.remove();
    }
  });

  it('gives up after three refused passwords with a message that says what was tried', async () => {
    const user = TestUser.create();
    try {
      const interaction = recordingInteraction({ passwords: ['bad1', 'bad2', 'bad3', 'never asked'] });
      const engine = client(sshEndpoint(sshd, undefined, { user: user.name }), { requestTimeoutMs: 20_000, ssh: testSettings(temp.dir, interaction) });
      const error = await engine.version().then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof SshError, String(error));
      assert.equal(error.failure, 'auth-failed');
      assert.match(error.message, new RegExp(`SSH login as ${user.name} to 127\\.0\\.0\\.1:${sshd.port} was refused \\(tried password\\) — add your public key`));
      assert.deepEqual(interaction.passwords.map((q) => q.attempt), [1, 2, 3]);
    } finally {
      disposeClients();
      user.remove();
    }
  });

  it('logs in with a key held only by a real ssh-agent (no key file anywhere)', async () => {
    const key = makeClientKey(temp.dir, 'id_agent');
    sshd.authorize(key);
    const agent = await TestAgent.start(temp.dir);
    try {
      agent.add(key);
      assert.match(agent.list(), /dh-test-id_agent/);
      const { rmSync } = await import('node:fs');
      rmSync(key.privatePath); // only the agent has it now
      const engine = client(sshEndpoint(sshd), { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, recordingInteraction(), { agentSocket: agent.socket }) });
      await engine.version();
      assert.equal(engine.sshConnection?.state, 'connected');
    } finally {
      await agent.stop();
    }
  });

  it('refuses with one clear sentence when no method works', async () => {
    const stranger = makeClientKey(temp.dir, 'id_unknown');
    const engine = client(sshEndpoint(sshd, stranger), { requestTimeoutMs: 10_000, ssh: testSettings(temp.dir, recordingInteraction()) });
    await assert.rejects(engine.listContainers(), (error: Error) => {
      assert.match(error.message, new RegExp(`SSH login as root to 127\\.0\\.0\\.1:${sshd.port} was refused \\(tried .*id_unknown\\)`));
      return true;
    });
    assert.equal(engine.sshConnection?.state, 'failed');
  });
});
