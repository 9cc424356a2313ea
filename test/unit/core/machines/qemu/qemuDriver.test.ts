import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { qemuDriver } from '../../../../../src/core/machines/drivers/qemu/qemuDriver';
import { DEFAULT_BASE_IMAGE } from '../../../../../src/core/machines/drivers/qemu/qemuOptions';
import { knownHostsLine } from '../../../../../src/core/machines/drivers/qemu/vmEndpoint';
import { StoredMachine } from '../../../../../src/core/machines/machineStore';

const created: StoredMachine = { id: 'vm-1', name: 'dev vm', driver: 'qemu', options: { cpus: 2, memory: 1024, diskSize: 20, forwardedPorts: '8080:80', sshPort: 40022, hostKey: 'ssh-ed25519 AAAAHOST', accelUsed: 'tcg' } };
const field = (key: string) => qemuDriver.fields.find((f) => f.key === key);

describe('QEMU driver', () => {
  it('reaches the engine over SSH on the forwarded port, as docker, with the key from secret storage and the pinned host key', () => {
    const endpoint = qemuDriver.endpoint(created, { resolvePath: (v) => v, machineSecret: (id, key) => (id === 'vm-1' && key === 'sshKey' ? 'PRIVATE' : undefined) });
    assert.deepEqual(endpoint, { kind: 'ssh', host: '127.0.0.1', port: 40022, user: 'docker', remoteSocketPath: '/var/run/docker.sock', privateKey: 'PRIVATE', pinnedHostKeys: ['ssh-ed25519 AAAAHOST'] });
  });

  it('says clearly when the key is not in secret storage', () => {
    assert.throws(() => qemuDriver.endpoint(created, { resolvePath: (v) => v, machineSecret: () => undefined }), /dev vm's SSH key is not in the editor's secret storage/);
    assert.throws(() => qemuDriver.endpoint(created, { resolvePath: (v) => v }), /not in the editor's secret storage/);
  });

  it('has the fields of Docker Machine\'s VM drivers with defaults, and validators that explain', () => {
    assert.deepEqual(qemuDriver.fields.map((f) => f.key), ['cpus', 'memory', 'diskSize', 'baseImage', 'baseImageChecksum', 'forwardedPorts', 'folderShares']);
    assert.deepEqual([field('cpus')?.default, field('memory')?.default, field('diskSize')?.default, field('baseImage')?.default], [2, 2048, 20, DEFAULT_BASE_IMAGE]);
    assert.match(DEFAULT_BASE_IMAGE, /^https:\/\/cloud\.debian\.org\/.*genericcloud-amd64\.qcow2$/);
    assert.match(field('cpus')?.validate?.('0') ?? '', /whole number of CPUs from 1/);
    assert.match(field('memory')?.validate?.('64') ?? '', /from 256/);
    assert.equal(field('diskSize')?.validate?.('20'), undefined);
    assert.match(field('baseImage')?.validate?.('http://example.com/x.qcow2') ?? '', /https/);
    assert.match(field('baseImage')?.validate?.('images/x.qcow2') ?? '', /absolute path/);
    assert.equal(field('baseImage')?.validate?.('/var/lib/images/x.qcow2'), undefined);
    assert.match(field('forwardedPorts')?.validate?.('80:x') ?? '', /"80:x"/);
    assert.equal(field('baseImageChecksum')?.when?.({ baseImage: '/local.qcow2' }), false);
    assert.equal(field('baseImageChecksum')?.when?.({}), true);
  });

  it('offers the lifecycle operations and describes the machine as local (ip 127.0.0.1, ports forwarded)', () => {
    assert.deepEqual([...qemuDriver.operations].sort(), ['kill', 'restart', 'ssh', 'start', 'stop']);
    assert.ok(qemuDriver.lifecycle);
    assert.equal(qemuDriver.ip(created), '127.0.0.1');
    assert.deepEqual(qemuDriver.sshDetails(created), { host: '127.0.0.1', port: 40022, user: 'docker' });
    assert.match(qemuDriver.description, /forwarded/);
    assert.match(qemuDriver.exportRefusal?.(created) ?? '', /VM on this computer/);
    assert.deepEqual(qemuDriver.remarks?.(created, new Date()), ['Runs on TCG (software emulation; KVM did not work here): slow', 'SSH on 127.0.0.1:40022; ports forwarded to 127.0.0.1: 8080:80']);
    assert.equal(knownHostsLine(40022, 'ssh-ed25519 AAAAHOST comment'), '[127.0.0.1]:40022 ssh-ed25519 AAAAHOST');
  });

  it('the pre-create check names missing QEMU tools with the install command, and a missing base image', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-qemu-check-'));
    const saved = process.env.PATH;
    try {
      process.env.PATH = dir;
      const problems = await qemuDriver.preCreateCheck({ baseImage: path.join(dir, 'missing.qcow2') }, { resolvePath: (v) => v });
      assert.deepEqual(problems, [
        'qemu-system-x86_64, qemu-img, cloud-localds are not installed; on Debian or Ubuntu: sudo apt-get install qemu-system-x86 qemu-utils cloud-image-utils',
        `The base image ${path.join(dir, 'missing.qcow2')} is missing or unreadable`,
      ]);
      process.env.PATH = saved;
      writeFileSync(path.join(dir, 'base.qcow2'), 'x');
      // (QEMU itself may be missing on the computer running this: only the image is checked here.)
      assert.deepEqual((await qemuDriver.preCreateCheck({ baseImage: path.join(dir, 'base.qcow2') }, { resolvePath: (v) => v })).filter((p) => !p.includes('not installed')), []);
    } finally {
      process.env.PATH = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
