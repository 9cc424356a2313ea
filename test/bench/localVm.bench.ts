// Local VM (QEMU) on the test image (scripts/vm-image.sh), on TCG here (KVM does not work on these
// machines): create → the engine answers, and start from stopped → the engine answers. The
// anchor is this run's own create: start is reported as a ratio of it (goal ≤ 0.5), create against
// the 90 s (docker-machine's VirtualBox driver took about a minute). One run each.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MachineSession } from '../../src/core/engine/machineSession';
import { LifecycleIo, MachineLifecycle } from '../../src/core/machines/driver';
import { qemuDriver } from '../../src/core/machines/drivers/qemu/qemuDriver';
import { StoredMachine } from '../../src/core/machines/machineStore';
import { VM_BASE_IMAGE, vmImageBuilt } from '../support/vmImage';
import { timeMs } from './benchSupport';

const CREATE_GOAL_S = 90;

async function engineAnswers(machine: StoredMachine, secrets: Map<string, string>): Promise<void> {
  const endpoint = qemuDriver.endpoint(machine, { resolvePath: (value) => value, machineSecret: (_id, key) => secrets.get(key) });
  const session = new MachineSession({ name: machine.name, endpoint }, { requestTimeoutMs: 30_000, log: () => undefined, ssh: { agentSocket: false } });
  try {
    await session.connect();
    if (session.state !== 'running') throw new Error(`the VM's engine did not answer: ${session.error ?? session.state}`);
  } finally {
    session.dispose();
  }
}

async function main(): Promise<void> {
  if (!vmImageBuilt()) throw new Error(`the VM test image is not built (${VM_BASE_IMAGE}): bash scripts/vm-image.sh build`);
  const lifecycle = qemuDriver.lifecycle as MachineLifecycle;
  const storage = mkdtempSync(path.join(os.tmpdir(), 'dh-qemu-bench-'));
  const secrets = new Map<string, string>();
  const io: LifecycleIo = {
    storageDir: storage,
    progress: () => undefined,
    secrets: { get: async (key) => secrets.get(key), store: async (key, value) => void secrets.set(key, value), delete: async (key) => void secrets.delete(key) },
  };
  let machine: StoredMachine = { id: randomUUID(), name: 'bench-vm', driver: 'qemu', options: { cpus: 2, memory: 1024, diskSize: 8, baseImage: VM_BASE_IMAGE } };
  console.log('Local VM benchmark: create → engine answers, stop, start → engine answers (one run each)…');
  try {
    const create = await timeMs(async () => {
      machine = { ...machine, options: await lifecycle.create(machine, io) };
      await engineAnswers(machine, secrets);
    });
    const stop = await timeMs(() => lifecycle.stop(machine, io));
    const start = await timeMs(async () => {
      await lifecycle.start(machine, io);
      await engineAnswers(machine, secrets);
    });
    const accel = String(machine.options.accelUsed ?? '?');
    console.log(`create → engine answers (${accel}): ${(create / 1000).toFixed(1)} s = ${(create / 1000 / CREATE_GOAL_S).toFixed(2)}× the ${CREATE_GOAL_S} s goal (${create / 1000 <= CREATE_GOAL_S ? 'goal met' : 'GOAL MISSED'})`);
    console.log(`start from stopped → engine answers: ${(start / 1000).toFixed(1)} s = ${(start / create).toFixed(2)}× create (goal ≤ 0.5: ${start / create <= 0.5 ? 'goal met' : 'GOAL MISSED'})`);
    console.log(`  stop (ACPI shutdown through QMP): ${(stop / 1000).toFixed(1)} s`);
  } finally {
    await lifecycle.remove(machine, io).catch((error: unknown) => console.error(`removing the bench VM: ${(error as Error).message}`));
    rmSync(storage, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
