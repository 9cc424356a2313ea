import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchVm } from '../../../../../src/core/machines/drivers/qemu/vmLauncher';
import { vmPaths } from '../../../../../src/core/machines/drivers/qemu/vmPaths';
import { freeLocalPort, isAlive, isQemuOf, killVmProcess, runningPid } from '../../../../../src/core/machines/drivers/qemu/vmProcess';

describe('VM launch (real QEMU, a blank disk)', function () {
  this.timeout(30_000);
  let storage: string;

  beforeEach(function () {
    if (!existsSync('/usr/bin/qemu-system-x86_64') || !existsSync('/usr/bin/qemu-img')) this.skip();
    storage = mkdtempSync(path.join(os.tmpdir(), 'dh-launch-'));
  });

  afterEach(async () => {
    if (!storage) return;
    await killVmProcess(vmPaths(storage, 'vm')).catch(() => undefined);
    rmSync(storage, { recursive: true, force: true });
  });

  function blankVm(): ReturnType<typeof vmPaths> {
    const paths = vmPaths(storage, 'vm');
    mkdirSync(paths.dir, { recursive: true });
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', paths.disk, '64M']);
    writeFileSync(paths.seed, Buffer.alloc(64 * 1024));
    return paths;
  }

  it('auto: probes KVM by starting it; where KVM does not work (here QEMU aborts with -cpu host) it runs on TCG and says that is slow', async () => {
    const paths = blankVm();
    const messages: string[] = [];
    const { pid, accel } = await launchVm({ paths, cpus: 1, memoryMiB: 128, sshPort: await freeLocalPort(), forwards: [] }, 'auto', { progress: (m) => messages.push(m), probeMs: 1_000 });
    assert.equal(await isAlive(pid), true);
    assert.equal(await isQemuOf(pid, paths), true);
    if (accel === 'tcg') {
      assert.match(messages.join('\n'), /KVM does not work on this computer \(.+\); using TCG \(software emulation\), which is much slower/);
    } else {
      assert.deepEqual(messages, []);
    }
  });

  it('a QEMU that cannot start (a forwarded port already taken) fails with QEMU\'s own words and leaves no process', async () => {
    const paths = blankVm();
    const port = await freeLocalPort();
    await assert.rejects(
      launchVm({ paths, cpus: 1, memoryMiB: 128, sshPort: port, forwards: [{ host: port, guest: 80 }] }, 'tcg', { progress: () => undefined, probeMs: 500 }),
      /qemu-system-x86_64 failed: .*(host forwarding|hostfwd)/i,
    );
    assert.equal(await runningPid(paths), undefined);
  });
});
