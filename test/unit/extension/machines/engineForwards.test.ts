import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Machine } from '../../../../src/core/machines/machine';
import { MachineRegistry } from '../../../../src/core/machines/machineRegistry';
import { EngineForwards } from '../../../../src/extension/machines/engineForwards';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';
const vm = (port: number): Machine => ({
  id: 'vm-1', name: 'vm', driver: 'qemu', source: 'test',
  endpoint: { kind: 'ssh', host: '127.0.0.1', port, user: 'docker', remoteSocketPath: '/var/run/docker.sock', privateKey: PEM, pinnedHostKeys: ['ssh-ed25519 AAAA'] },
});

/** Waits for the socket file to go (closing is asynchronous); false if it is still there after 2 s. */
async function gone(file: string): Promise<boolean> {
  for (let i = 0; i < 40 && existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return !existsSync(file);
}

describe('EngineForwards (the docker CLI socket of a VM machine)', () => {
  // Nothing connects here: a forward opens its SSH channel only when a client uses the socket.
  let registry: MachineRegistry;
  let forwards: EngineForwards;
  beforeEach(() => {
    registry = new MachineRegistry({ requestTimeoutMs: 1000, log: () => undefined });
    forwards = new EngineForwards(registry, mkdtempSync(path.join(os.tmpdir(), 'dh-fwd-')));
  });
  afterEach(() => {
    forwards.dispose();
    registry.dispose();
  });

  it('makes one socket per machine and gives the same path again while the machine stays', async () => {
    registry.add(vm(40022));
    const session = registry.get('vm-1')!;
    const socket = await forwards.socketFor(session);
    assert.ok(existsSync(socket));
    assert.equal(await forwards.socketFor(session), socket);
  });

  it('closes the socket when the machine is removed', async () => {
    registry.add(vm(40022));
    const socket = await forwards.socketFor(registry.get('vm-1')!);
    registry.remove('vm-1');
    assert.ok(await gone(socket), 'the socket of a removed machine is gone');
  });

  it('closes the old socket when the machine is replaced (edited), and the new session gets a fresh one', async () => {
    registry.add(vm(40022));
    const first = registry.get('vm-1')!;
    const socket = await forwards.socketFor(first);
    registry.add(vm(40023));
    assert.ok(await gone(socket), 'the socket bound to the old SSH connection is gone');
    const again = await forwards.socketFor(registry.get('vm-1')!);
    assert.equal(again, socket, 'same place, new forward');
    assert.ok(existsSync(again));
  });

  it('closes every socket when the window ends', async () => {
    registry.add(vm(40022));
    const socket = await forwards.socketFor(registry.get('vm-1')!);
    forwards.dispose();
    assert.ok(await gone(socket));
  });
});
