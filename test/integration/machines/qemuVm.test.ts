// A Local VM (QEMU) machine from create to remove, on the real test image (scripts/vm-image.sh,
// test/support/vmImage.ts) under TCG: the engine in the VM answers through the SSH endpoint the
// driver gives (the machine's key from "secret storage", the pinned host key), runs a container
// from an image loaded into it, keeps it (and its volume) across stop and start, and kill and
// remove leave no QEMU and no VM folder.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../src/core/engine/engineClient';
import { MachineSession } from '../../../src/core/engine/machineSession';
import { execCommand } from '../../../src/core/engine/operations/containerOperations';
import { loadImages, runImage, saveImages } from '../../../src/core/engine/operations/imageOperations';
import { LifecycleIo, MachineLifecycle } from '../../../src/core/machines/driver';
import { qemuDriver } from '../../../src/core/machines/drivers/qemu/qemuDriver';
import { vmPaths } from '../../../src/core/machines/drivers/qemu/vmPaths';
import { runningPid } from '../../../src/core/machines/drivers/qemu/vmProcess';
import { StoredMachine } from '../../../src/core/machines/machineStore';
import { BASE_IMAGE, eventually, processesWith } from '../../support/engine';
import { SshConnection } from '../../../src/core/ssh/sshConnection';
import type { SshEndpoint } from '../../../src/core/engine/endpoint';
import { VM_BASE_IMAGE, vmImageBuilt } from '../../support/vmImage';

describe('Local VM (QEMU) machine on the test image (TCG)', function () {
  this.timeout(20 * 60_000);
  const lifecycle = qemuDriver.lifecycle as MachineLifecycle;
  const storage = mkdtempSync(path.join(os.tmpdir(), 'dh-qemu-it-'));
  const shared = mkdtempSync(path.join(os.tmpdir(), 'dh-qemu-share-'));
  const secrets = new Map<string, string>();
  const timings: Record<string, number> = {};
  const io: LifecycleIo = {
    storageDir: storage,
    progress: (message) => console.log(`      [vm] ${message}`),
    secrets: {
      get: async (key) => secrets.get(key),
      store: async (key, value) => void secrets.set(key, value),
      delete: async (key) => void secrets.delete(key),
    },
  };
  let machine: StoredMachine = {
    id: randomUUID(),
    name: 'it-vm',
    driver: 'qemu',
    options: { cpus: 2, memory: 1024, diskSize: 4, baseImage: VM_BASE_IMAGE, accel: 'tcg', folderShares: `${shared}:/mnt/share` },
  };
  const paths = vmPaths(storage, machine.id);
  let session: MachineSession | undefined;
  let containerId = '';

  /** A session through the endpoint the driver gives, as the extension makes it. */
  async function connect(): Promise<MachineSession> {
    session?.dispose();
    const endpoint = qemuDriver.endpoint(machine, { resolvePath: (value) => value, machineSecret: (_id, key) => secrets.get(key) });
    session = new MachineSession({ name: machine.name, endpoint }, { requestTimeoutMs: 30_000, log: () => undefined, ssh: { agentSocket: false } });
    await session.connect();
    return session;
  }

  before(function () {
    if (!existsSync('/usr/bin/qemu-system-x86_64')) this.skip();
    if (!vmImageBuilt()) throw new Error(`The VM test image is not built (${VM_BASE_IMAGE}): run bash scripts/vm-image.sh build`);
  });

  after(async () => {
    session?.dispose();
    const pid = await runningPid(paths);
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
    rmSync(storage, { recursive: true, force: true });
    rmSync(shared, { recursive: true, force: true });
    console.log(`      [vm] times: ${JSON.stringify(timings)}`);
  });

  it('create cancelled while the VM boots stops it and leaves nothing: no QEMU, no VM folder, no key', async () => {
    const other: StoredMachine = { ...machine, id: randomUUID() };
    const otherPaths = vmPaths(storage, other.id);
    const controller = new AbortController();
    const cancelIo: LifecycleIo = { ...io, signal: controller.signal, progress: (message) => message.startsWith('Waiting for the VM') && setTimeout(() => controller.abort(), 3_000) };
    const otherSecrets = secrets.size;
    await assert.rejects(lifecycle.create(other, cancelIo), (error: Error) => error.name === 'AbortError');
    assert.equal(existsSync(otherPaths.dir), false);
    assert.equal(processesWith(otherPaths.pidFile), 0);
    assert.equal(secrets.size, otherSecrets);
  });

  it('create boots the VM and its engine answers through the SSH endpoint (key from secret storage, pinned host key)', async () => {
    const started = Date.now();
    machine = { ...machine, options: await lifecycle.create(machine, io) };
    timings.createToEngineS = Math.round((Date.now() - started) / 1000);
    assert.ok(secrets.get('sshKey')?.startsWith('-----BEGIN OPENSSH PRIVATE KEY-----'));
    assert.match(String(machine.options.hostKey), /^ssh-ed25519 AAAA\S+$/);
    assert.ok(Number(machine.options.sshPort) > 0);
    const connected = await connect();
    assert.equal(connected.state, 'running');
    assert.equal(connected.version?.os, 'linux');
    assert.equal(await lifecycle.status(machine, io), 'running');
  });

  it('runs a container from an image loaded into the VM (it has no registry), with a volume', async () => {
    const tar = path.join(storage, 'base-image.tar');
    const local = new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 30_000 });
    try {
      await saveImages(local, [BASE_IMAGE], tar);
    } finally {
      local.dispose();
    }
    const engine = (session as MachineSession).engine;
    assert.deepEqual(await loadImages(engine, tar), [BASE_IMAGE]);
    containerId = await runImage(engine, { image: BASE_IMAGE, name: 'kept', volumes: ['kept-data:/data'], command: 'sh -c "echo from-before-stop > /data/note; exec sleep 100000"' });
    const note = await execCommand(engine, containerId, ['cat', '/data/note']);
    assert.equal(note.output.trim(), 'from-before-stop');
  });

  it('shares a folder of this computer (reverse sshfs): a container in the VM reads a file written here, what it writes appears here; dispose unmounts it', async () => {
    writeFileSync(path.join(shared, 'from-host.txt'), 'hello from the host');
    const attached = await (lifecycle.attach as NonNullable<MachineLifecycle['attach']>)(machine, io);
    assert.ok(attached, 'a machine with shares has something attached');
    const engine = (session as MachineSession).engine;
    const vmShell = new SshConnection(qemuDriver.endpoint(machine, { resolvePath: (value) => value, machineSecret: (_id, key) => secrets.get(key) }) as SshEndpoint, { agentSocket: false });
    try {
      const id = await runImage(engine, { image: BASE_IMAGE, name: 'share-user', volumes: ['/mnt/share:/share'], command: 'sh -c "cat /share/from-host.txt > /share/seen.txt; echo written-in-vm > /share/from-vm.txt; exec sleep 1000"' });
      await eventually('the container\'s file on this computer', 60_000, () => (existsSync(path.join(shared, 'from-vm.txt')) ? true : undefined));
      assert.equal(readFileSync(path.join(shared, 'from-vm.txt'), 'utf8'), 'written-in-vm\n');
      assert.equal(readFileSync(path.join(shared, 'seen.txt'), 'utf8'), 'hello from the host');
      await engine.call((d, abortSignal) => d.getContainer(id).remove({ force: true, abortSignal }));
      assert.equal((await vmShell.exec('mountpoint -q /mnt/share')).code, 0, 'mounted in the VM');
    } finally {
      attached.dispose();
    }
    try {
      await eventually('/mnt/share unmounted in the VM', 30_000, async () => ((await vmShell.exec('mountpoint -q /mnt/share')).code !== 0 ? true : undefined));
    } finally {
      vmShell.dispose();
    }
  });

  it('stop shuts the VM down (status stopped, no QEMU left); start brings the engine back with the container and its volume', async () => {
    session?.dispose();
    session = undefined;
    let started = Date.now();
    await lifecycle.stop(machine, io);
    timings.stopS = Math.round((Date.now() - started) / 1000);
    assert.equal(await lifecycle.status(machine, io), 'stopped');
    assert.equal(processesWith(paths.pidFile), 0);

    started = Date.now();
    await lifecycle.start(machine, io);
    timings.startToEngineS = Math.round((Date.now() - started) / 1000);
    const engine = (await connect()).engine;
    const containers = await engine.listContainers();
    const kept = containers.find((container) => container.id === containerId);
    assert.ok(kept, `container ${containerId} is still there: ${JSON.stringify(containers.map((c) => c.name))}`);
    await engine.call((d, abortSignal) => d.getContainer(containerId).start({ abortSignal }));
    const note = await execCommand(engine, containerId, ['cat', '/data/note']);
    assert.equal(note.output.trim(), 'from-before-stop');
  });

  it('kill ends the VM at once (status stopped, no QEMU left)', async () => {
    session?.dispose();
    session = undefined;
    await lifecycle.kill(machine, io);
    assert.equal(await lifecycle.status(machine, io), 'stopped');
    assert.equal(processesWith(paths.pidFile), 0);
  });

  it('remove deletes the VM folder and the key; nothing of it runs', async () => {
    await lifecycle.remove(machine, io);
    assert.equal(existsSync(paths.dir), false);
    assert.equal(secrets.has('sshKey'), false);
    assert.equal(processesWith(paths.pidFile), 0);
  });
});
