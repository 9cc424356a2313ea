import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIGURATION_FILES, restoreScript, RUN_FILES, snapshotScript } from '../../../../src/core/provision/fileTransaction';
import { REMOTE } from '../../../../src/core/provision/remoteLayout';

/** Syntax-checks, then runs a script; it runs in `cwd`, so a `$(touch marker)` that escaped its quotes leaves a file there. */
function runSh(script: string, cwd: string): void {
  execFileSync('/bin/sh', ['-n', '-c', script]);
  execFileSync('/bin/sh', ['-c', script], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('file transaction scripts (run for real with /bin/sh)', () => {
  let dir: string;
  let marker: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dh-tx-'));
    // File names cannot hold a slash, so the hostile names touch a relative marker, created in the scripts' cwd.
    marker = path.join(dir, 'marker');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('snapshot, change everything, restore: every file is back byte for byte, and a file that was absent is removed', () => {
    const hostile = path.join(dir, `etc it's "q" $(touch marker)`);
    mkdirSync(hostile, { recursive: true });
    const plain = path.join(dir, 'daemon.json');
    const spaced = path.join(hostile, 'file with spaces.conf');
    const backticked = path.join(dir, '`touch marker`.pem');
    const nested = path.join(dir, 'docker.service.d', 'deleted dir', 'drop-in.conf');
    const absent = path.join(dir, 'not there yet;rm -rf x.pem');
    const absentInNewDir = path.join(dir, 'new dir', 'created.pem');
    const files = [plain, spaced, backticked, nested, absent, absentInNewDir];

    const binary = Buffer.from([0, 1, 2, 255, 10, 13, 39, 34, 36, 40, 0]);
    writeFileSync(plain, '{"log-driver":"json-file"}\n');
    writeFileSync(spaced, binary);
    writeFileSync(backticked, 'no trailing newline');
    mkdirSync(path.dirname(nested), { recursive: true });
    writeFileSync(nested, '[Service]\nExecStart=\n');
    chmodSync(spaced, 0o600);
    chmodSync(plain, 0o644);
    const before = new Map(files.filter(existsSync).map((file) => [file, readFileSync(file)]));
    assert.equal(before.size, 4);

    const snapshot = path.join(dir, `snap shot's $(touch marker)`);
    runSh(snapshotScript(files, snapshot), dir);
    assert.equal(statSync(snapshot).mode & 0o777, 0o700, 'the snapshot folder is private');

    // The run changes, deletes and creates files.
    writeFileSync(plain, '{"hosts":["tcp://0.0.0.0:2376"]}\n');
    chmodSync(spaced, 0o666);
    writeFileSync(spaced, 'overwritten');
    unlinkSync(backticked);
    rmSync(path.join(dir, 'docker.service.d'), { recursive: true });
    writeFileSync(absent, 'new');
    mkdirSync(path.dirname(absentInNewDir));
    writeFileSync(absentInNewDir, 'new');

    runSh(restoreScript(files, snapshot), dir);

    for (const [file, content] of before) {
      assert.ok(readFileSync(file).equals(content), `${file} is back byte for byte`);
    }
    assert.equal(statSync(spaced).mode & 0o777, 0o600, 'the mode is restored too');
    assert.equal(existsSync(absent), false, 'a file that did not exist is removed again');
    assert.equal(existsSync(absentInNewDir), false);
    assert.equal(existsSync(marker), false, 'no path was run as a command');
  });

  it('restoring twice is harmless, and a file the run never touched stays as it is', () => {
    const kept = path.join(dir, 'kept.json');
    const absent = path.join(dir, 'absent.pem');
    writeFileSync(kept, 'original');
    const snapshot = path.join(dir, 'rollback');
    runSh(snapshotScript([kept, absent], snapshot), dir);
    runSh(restoreScript([kept, absent], snapshot), dir);
    runSh(restoreScript([kept, absent], snapshot), dir);
    assert.equal(readFileSync(kept, 'utf8'), 'original');
    assert.equal(existsSync(absent), false);
  });

  it('a new snapshot replaces an older one in the same folder', () => {
    const file = path.join(dir, 'f');
    const snapshot = path.join(dir, 'rollback');
    runSh(snapshotScript([file], snapshot), dir); // absent at first
    writeFileSync(file, 'second state');
    runSh(snapshotScript([file], snapshot), dir);
    writeFileSync(file, 'changed');
    runSh(restoreScript([file], snapshot), dir);
    assert.equal(readFileSync(file, 'utf8'), 'second state', 'the stale ".absent" record of the first snapshot is gone');
  });

  it('restoring from a folder with no snapshot changes nothing', () => {
    const file = path.join(dir, 'f');
    writeFileSync(file, 'x');
    runSh(restoreScript([file], path.join(dir, 'never written')), dir);
    assert.equal(readFileSync(file, 'utf8'), 'x');
  });

  it('the scripts for the real file lists are valid sh and name every file', () => {
    for (const files of [CONFIGURATION_FILES, RUN_FILES]) {
      const snapshot = snapshotScript(files, REMOTE.rollbackDir);
      const restore = restoreScript(files, REMOTE.rollbackDir);
      execFileSync('/bin/sh', ['-n', '-c', snapshot]);
      execFileSync('/bin/sh', ['-n', '-c', restore]);
      for (const file of files) {
        assert.ok(snapshot.includes(file) && restore.includes(file), file);
      }
    }
    assert.deepEqual(CONFIGURATION_FILES, [REMOTE.daemonJson, REMOTE.systemdDropIn]);
    assert.ok(RUN_FILES.includes(REMOTE.serverKey) && RUN_FILES.includes(REMOTE.startScript));
  });
});
