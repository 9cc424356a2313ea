import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { vmEndpoint } from '../../../../../src/core/machines/drivers/qemu/vmEndpoint';
import { freeLocalPort } from '../../../../../src/core/machines/drivers/qemu/vmProcess';
import { waitForVm } from '../../../../../src/core/machines/drivers/qemu/vmReadiness';

describe('waiting for a VM', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dh-ready-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for QEMU: a live process (waiting stops when it ends). */
  function standIn(seconds: number): { pid: number; kill: () => void } {
    const child = spawn('sleep', [String(seconds)], { stdio: 'ignore' });
    return { pid: child.pid as number, kill: () => child.kill('SIGKILL') };
  }

  it('a VM that never answers SSH fails after the bound, with the last attempt\'s problem and the last console lines', async () => {
    const consoleLog = path.join(dir, 'console.log');
    writeFileSync(consoleLog, 'Booting...\r\n[    1.0] kernel panic: no root\r\n');
    const vm = standIn(30);
    try {
      const started = Date.now();
      await assert.rejects(
        waitForVm({ endpoint: vmEndpoint(await freeLocalPort(), 'ssh-ed25519 AAAA', 'key'), pid: vm.pid, consoleLog, sshTimeoutMs: 1_500, engineTimeoutMs: 1_000, progress: () => undefined }),
        /The VM did not answer SSH within 2 s \(last attempt: [^)]+\) \(console: Booting\.\.\. \| \[ {4}1\.0\] kernel panic: no root\)/,
      );
      assert.ok(Date.now() - started < 8_000);
    } finally {
      vm.kill();
    }
  });

  it('a VM whose QEMU ends while booting stops the wait at once, saying so', async () => {
    const vm = standIn(30);
    setTimeout(() => vm.kill(), 300);
    const started = Date.now();
    await assert.rejects(
      waitForVm({ endpoint: vmEndpoint(await freeLocalPort(), 'ssh-ed25519 AAAA', 'key'), pid: vm.pid, consoleLog: path.join(dir, 'none.log'), sshTimeoutMs: 60_000, engineTimeoutMs: 60_000, progress: () => undefined }),
      /The VM stopped while booting/,
    );
    assert.ok(Date.now() - started < 5_000);
  });

  it('cancelling the wait ends it at once', async () => {
    const vm = standIn(30);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    try {
      const started = Date.now();
      await assert.rejects(waitForVm({ endpoint: vmEndpoint(await freeLocalPort(), 'ssh-ed25519 AAAA', 'key'), pid: vm.pid, consoleLog: path.join(dir, 'none.log'), sshTimeoutMs: 60_000, engineTimeoutMs: 60_000, progress: () => undefined, signal: controller.signal }));
      assert.ok(Date.now() - started < 5_000);
    } finally {
      vm.kill();
    }
  });
});
