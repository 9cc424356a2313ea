import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TlsAuthority } from '../../../../src/core/provision/certificates';
import { AUTHORITY_SECRET_KEY, obtainAuthority, SecretStore } from '../../../../src/core/provision/sharedAuthority';

/** One secret storage shared by windows; each call takes a moment, as a keychain does. */
class SlowSecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    await new Promise((resolve) => setTimeout(resolve, 10));
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 10));
    this.values.set(key, value);
  }
}

const fakeAuthority = (n: number): TlsAuthority => ({ caCert: `ca${n}`, caKey: `cakey${n}`, clientCert: `cert${n}`, clientKey: `key${n}` }) as TlsAuthority;

describe('the provisioning CA is made once, however many windows ask at once', () => {
  it('two windows creating the CA at the same moment end with one CA', async () => {
    const secrets = new SlowSecrets();
    const lock = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-ca-')), 'tls-authority.lock');
    let made = 0;
    const create = (): TlsAuthority => fakeAuthority(++made);
    // Each call stands for a window: its own lock holder, the shared secret storage.
    const [first, second] = await Promise.all([obtainAuthority(secrets, lock, create), obtainAuthority(secrets, lock, create)]);
    assert.equal(made, 1, 'before the fix each window made (and saved) its own CA');
    assert.deepEqual(first, second);
    assert.deepEqual(JSON.parse(secrets.values.get(AUTHORITY_SECRET_KEY) ?? ''), first);
  });

  it('uses the saved CA when there is one', async () => {
    const secrets = new SlowSecrets();
    secrets.values.set(AUTHORITY_SECRET_KEY, JSON.stringify(fakeAuthority(7)));
    const lock = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-ca-')), 'tls-authority.lock');
    assert.deepEqual(await obtainAuthority(secrets, lock, () => assert.fail('no new CA')), fakeAuthority(7));
  });
});
