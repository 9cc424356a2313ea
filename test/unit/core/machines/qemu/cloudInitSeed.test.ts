import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { utils } from 'ssh2';
import { hostnameFor, metaData, userData, writeSeedIso } from '../../../../../src/core/machines/drivers/qemu/cloudInitSeed';

const login = utils.generateKeyPairSync('ed25519', { comment: 'docker-hosts test' });
const host = utils.generateKeyPairSync('ed25519');
const input = { instanceId: 'id-1', hostname: 'my-vm', userPublicKey: login.public, hostKey: { privateKey: host.private, publicKey: host.public } };

describe('cloud-init seed', () => {
  const text = userData(input);

  it('is a #cloud-config with the docker user (docker group, sudo without password, the machine\'s key, no password)', () => {
    assert.ok(text.startsWith('#cloud-config\n'));
    assert.match(text, /^users:\n {2}- name: "docker"\n {4}primary_group: docker\n {4}groups: \[sudo\]\n {4}sudo: "ALL=\(ALL\) NOPASSWD:ALL"\n/m);
    assert.match(text, /lock_passwd: true/);
    assert.ok(text.includes(`ssh_authorized_keys:\n      - ${JSON.stringify(login.public)}`));
    assert.match(text, /^ssh_pwauth: false$/m);
    assert.match(text, /^disable_root: true$/m);
  });

  it('gives the VM the host key the driver made (so it is pinned, not trusted on first use), and no other', () => {
    assert.match(text, /^ssh_deletekeys: true$/m);
    assert.match(text, /^ssh_genkeytypes: \[ed25519\]$/m);
    const lines = host.private.trimEnd().split('\n').map((line) => `    ${line}`).join('\n');
    assert.ok(text.includes(`ssh_keys:\n  ed25519_private: |\n${lines}\n  ed25519_public: ${JSON.stringify(host.public)}`));
  });

  it('installs docker.io on the first boot when the image has no dockerd, and enables the engine; later boots skip cloud-init', () => {
    assert.match(text, /runcmd:\n {2}- \[sh, -c, ".*command -v dockerd.*apt-get install -y -q docker\.io && systemctl enable --now docker\.service; fi"\]\n/);
    assert.match(text, /^write_files:\n {2}- path: \/etc\/cloud\/cloud-init\.disabled\n {4}content: ""\n/m);
  });

  it('installs sshfs (before Docker) only when folder shares were asked for, and only when the image lacks it', () => {
    assert.doesNotMatch(text, /sshfs/);
    const withShares = userData({ ...input, sshfs: true });
    const sshfsAt = withShares.indexOf('command -v sshfs');
    assert.ok(sshfsAt > 0 && sshfsAt < withShares.indexOf('command -v dockerd'), withShares);
    assert.match(withShares, /apt-get install -y -q sshfs; \} \|\| true; fi"\]\n/);
  });

  it('quotes what it is given, so a name cannot add YAML keys', () => {
    const odd = userData({ ...input, hostname: 'x\nruncmd: [reboot]' });
    assert.match(odd, /^hostname: "x\\nruncmd: \[reboot\]"$/m);
    assert.equal(metaData(input), 'instance-id: "id-1"\nlocal-hostname: "my-vm"\n');
  });

  it('makes a host name from a machine name', () => {
    assert.equal(hostnameFor('My VM #2'), 'my-vm-2');
    assert.equal(hostnameFor('!!!'), 'docker-vm');
    assert.equal(hostnameFor('a'.repeat(80)).length, 63);
  });

  it('writes a private ISO labelled cidata with cloud-localds, leaving no text files with the host key behind', async function () {
    if (!existsSync('/usr/bin/cloud-localds')) this.skip();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-seed-'));
    try {
      const iso = path.join(dir, 'seed.iso');
      await writeSeedIso(iso, input);
      assert.equal(statSync(iso).mode & 0o777, 0o600);
      assert.deepEqual(readdirSync(dir), ['seed.iso']);
      const label = execFileSync('blkid', ['-o', 'value', '-s', 'LABEL', iso], { encoding: 'utf8' }).trim();
      assert.equal(label.toLowerCase(), 'cidata');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
