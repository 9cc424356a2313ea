import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { LifecycleIo } from '../../../../../src/core/machines/driver';
import { StoredMachine } from '../../../../../src/core/machines/machineStore';
import { createQemuLifecycle } from '../../../../../src/core/machines/drivers/qemu/vmLifecycle';
import { vmPaths } from '../../../../../src/core/machines/drivers/qemu/vmPaths';
import { freeLocalPort, isAlive, isQemuOf, localPortIsFree, runningPid } from '../../../../../src/core/machines/drivers/qemu/vmProcess';

const hasQemu = existsSync('/usr/bin/qemu-system-x86_64');

/** A LifecycleIo over a folder and an in-memory secret store. */
function testIo(storageDir: string, secrets = new Map<string, string>()): LifecycleIo & { messages: string[]; secretMap: Map<string, string> } {
  const messages: string[] = [];
  return {
    messages,
    secretMap: secrets,
    storageDir,
    progress: (message) => messages.push(message),
    secrets: {
      get: async (key) => secrets.get(key),
      store: async (key, value) => void secrets.set(key, value),
      delete: async (key) => void secrets.delete(key),
    },
  };
}

describe('QEMU VM lifecycle: faults', function () {
  this.timeout(30_000);
  let storage: string;
  const lifecycle = createQemuLifecycle({ stopMs: 500, statusPingMs: 1_000 });
  const machine = (options: StoredMachine['options'] = {}): StoredMachine => ({ id: 'vm-test', name: 'test vm', driver: 'qemu', options });

  beforeEach(() => {
    storage = mkdtempSync(path.join(os.tmpdir(), 'dh-vmlc-'));
  });

  afterEach(async () => {
    const pid = await runningPid(vmPaths(storage, 'vm-test'));
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
    rmSync(storage, { recursive: true, force: true });
  });

  /**
   * A real QEMU in the VM's folder, as the driver starts it (pidfile, QMP socket, daemonized), but
   * with no machine and no disk: enough for status, stop, kill and remove to act on.
   */
  function fakeVm(): { pid: number } {
    const paths = vmPaths(storage, 'vm-test');
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.disk, 'disk');
    writeFileSync(paths.seed, 'seed');
    execFileSync('qemu-system-x86_64', ['-machine', 'none', '-nodefaults', '-display', 'none', '-qmp', `unix:${paths.qmpSocket},server=on,wait=off`, '-pidfile', paths.pidFile, '-daemonize']);
    return { pid: Number(readFileSync(paths.pidFile, 'utf8').trim()) };
  }

  it('create says how to install QEMU when it is missing, and leaves nothing behind', async () => {
    const io = testIo(storage);
    const saved = process.env.PATH;
    process.env.PATH = path.join(storage, 'empty-bin');
    try {
      await assert.rejects(lifecycle.create(machine(), io), /qemu-system-x86_64, qemu-img, cloud-localds are not installed.*sudo apt-get install qemu-system-x86 qemu-utils cloud-image-utils/);
    } finally {
      process.env.PATH = saved;
    }
    assert.equal(existsSync(vmPaths(storage, 'vm-test').dir), false);
    assert.equal(io.secretMap.size, 0);
  });

  it('create with a missing base image fails with its path, deleting the VM folder and the key it stored', async function () {
    if (!hasQemu) this.skip();
    const io = testIo(storage);
    await assert.rejects(lifecycle.create(machine({ baseImage: path.join(storage, 'nope.qcow2') }), io), /nope\.qcow2 is missing or unreadable/);
    assert.equal(existsSync(vmPaths(storage, 'vm-test').dir), false);
    assert.equal(io.secretMap.size, 0);
    assert.ok(io.messages.includes('Making the SSH keys'));
  });

  it('create cancelled before it starts anything leaves nothing behind', async function () {
    if (!hasQemu) this.skip();
    const io = { ...testIo(storage), signal: AbortSignal.abort() };
    await assert.rejects(lifecycle.create(machine({ baseImage: '/nonexistent' }), io));
    assert.equal(existsSync(vmPaths(storage, 'vm-test').dir), false);
    assert.equal(io.secretMap.size, 0);
  });

  it('status follows the process: starting while the engine does not answer yet, stopped once it is killed from outside', async function () {
    if (!hasQemu) this.skip();
    const { pid } = fakeVm();
    const io = testIo(storage);
    assert.equal(await lifecycle.status(machine({ sshPort: await freeLocalPort(), hostKey: 'ssh-ed25519 AAAA' }), io), 'starting');
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && (await isAlive(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(await lifecycle.status(machine(), io), 'stopped');
  });

  it('status of a VM whose disk was deleted from outside says so, and start refuses with the same words', async () => {
    const paths = vmPaths(storage, 'vm-test');
    mkdirSync(paths.dir, { recursive: true });
    const io = testIo(storage, new Map([['sshKey', 'key']]));
    await assert.rejects(lifecycle.status(machine(), io), /disk .*disk\.qcow2 is gone \(deleted outside Docker Hosts\); remove the machine/);
    await assert.rejects(lifecycle.start(machine({ sshPort: 2222, hostKey: 'ssh-ed25519 AAAA' }), io), /disk .*disk\.qcow2 is gone/);
  });

  it('start names the forwarded port another program took', async () => {
    const paths = vmPaths(storage, 'vm-test');
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.disk, 'disk');
    writeFileSync(paths.seed, 'seed');
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      assert.equal(await localPortIsFree(port), false);
      await assert.rejects(lifecycle.start(machine({ sshPort: port, hostKey: 'ssh-ed25519 AAAA' }), testIo(storage, new Map([['sshKey', 'key']]))), new RegExp(`Local port ${port}, which this VM forwards to its SSH, is in use by another program`));
    } finally {
      taken.close();
    }
  });

  it('start without the key in secret storage says what happened', async () => {
    await assert.rejects(lifecycle.start(machine(), testIo(storage)), /SSH key is not in the editor's secret storage/);
  });

  it('stop presses the power button over QMP, then stops hard when the guest does not shut down (no ACPI here, no SSH key)', async function () {
    if (!hasQemu) this.skip();
    const { pid } = fakeVm();
    const io = testIo(storage);
    await lifecycle.stop(machine(), io);
    assert.equal(await isAlive(pid), false);
    assert.deepEqual(io.messages, ['Shutting the VM down', 'The VM did not shut down within 1 s; stopping it hard']);
    assert.equal(existsSync(vmPaths(storage, 'vm-test').pidFile), false);
    await lifecycle.stop(machine(), io); // stopped already: nothing to do
  });

  it('kill ends this VM\'s QEMU, and never a process that only reuses its recorded pid', async function () {
    if (!hasQemu) this.skip();
    const { pid } = fakeVm();
    const paths = vmPaths(storage, 'vm-test');
    assert.equal(await isQemuOf(pid, paths), true);
    await lifecycle.kill(machine(), testIo(storage));
    assert.equal(await isAlive(pid), false);
    // A pidfile naming another process (here: this test runner) is not this VM.
    writeFileSync(paths.pidFile, String(process.pid));
    assert.equal(await isQemuOf(process.pid, paths), false);
    await lifecycle.kill(machine(), testIo(storage));
    assert.equal(await isAlive(process.pid), true);
    assert.equal(await lifecycle.status(machine(), testIo(storage)), 'stopped');
  });

  it('remove kills the VM, deletes its folder and its key', async function () {
    if (!hasQemu) this.skip();
    const { pid } = fakeVm();
    const io = testIo(storage, new Map([['sshKey', 'key']]));
    await lifecycle.remove(machine(), io);
    assert.equal(await isAlive(pid), false);
    assert.equal(existsSync(vmPaths(storage, 'vm-test').dir), false);
    assert.equal(io.secretMap.size, 0);
    assert.match(lifecycle.removeWarning(machine()), /deletes its disk/);
  });

  it('a free local port is one a listener can then bind', async () => {
    const port = await freeLocalPort();
    assert.ok(port > 0);
    assert.equal(await localPortIsFree(port), true);
  });
});
