import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withFileLock } from '../../../../src/core/util/fileLock';

const lockIn = (): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-lock-')), 'x.lock');

/** The pid of a process that has exited (so no live process has it, for now). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('withFileLock (one writer at a time across processes)', () => {
  it('runs the holders one after another, never two at once', async () => {
    const lock = lockIn();
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withFileLock(lock, async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 2));
          order.push(i);
          inside--;
        }),
      ),
    );
    assert.equal(most, 1);
    assert.equal(order.length, 8);
    assert.equal(existsSync(lock), false, 'released');
  });

  it('releases the lock when the work throws', async () => {
    const lock = lockIn();
    await assert.rejects(withFileLock(lock, () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(existsSync(lock), false);
  });

  it('takes over a lock whose process is gone', async () => {
    const lock = lockIn();
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: os.hostname(), token: 'dead' }));
    assert.equal(await withFileLock(lock, async () => 'got it', { timeoutMs: 2_000 }), 'got it');
  });

  it('takes over a lock not refreshed for longer than the stale age, even when its pid lives', async () => {
    const lock = lockIn();
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 'hung' }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    assert.equal(await withFileLock(lock, async () => 'got it', { staleMs: 10_000, timeoutMs: 2_000 }), 'got it');
  });

  it('waits for a live, fresh holder and says so when it gives up', async () => {
    const lock = lockIn();
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 'alive' }));
    await assert.rejects(withFileLock(lock, async () => 'never', { timeoutMs: 200 }), /Timed out waiting for the lock/);
    assert.ok(existsSync(lock), "another holder's lock is left alone");
  });
});
