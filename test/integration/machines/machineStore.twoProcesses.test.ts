// Two editor windows are two processes on one machine store: here two real node processes add
// and remove machines through the compiled store at the same time, and nothing is lost or revived.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MachineStore, StoredMachine } from '../../../src/core/machines/machineStore';

const STORE_MODULE = path.resolve(__dirname, '../../../src/core/machines/machineStore.js');

/** Adds <prefix>0..29 one at a time, removing every third again right after, and removes the one shared machine named on the command line. */
const WINDOW = `
const { MachineStore } = require(${JSON.stringify(STORE_MODULE)});
const [file, prefix, removeShared] = process.argv.slice(1);
const store = new MachineStore(file);
const machine = (id) => ({ id, name: id, driver: 'tcp', options: { host: id + '.example', port: 2376, tls: true } });
(async () => {
  for (let i = 0; i < 30; i++) {
    await store.change((list) => [...list, machine(prefix + i)]);
    if (i % 3 === 0) await store.change((list) => list.filter((m) => m.id !== prefix + i));
    if (i === 15) await store.change((list) => list.filter((m) => m.id !== removeShared));
  }
})().catch((error) => { console.error(error); process.exit(1); });
`;

function runWindow(file: string, prefix: string, removeShared: string): Promise<number | null> {
  const child = spawn(process.execPath, ['-e', WINDOW, file, prefix, removeShared], { stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolve) => child.once('exit', resolve));
}

describe('MachineStore shared by two processes', () => {
  it('interleaved adds and removes from two processes: no lost update, no resurrected machine', async function () {
    this.timeout(60_000);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-2proc-')), 'machines.json');
    const shared = (id: string): StoredMachine => ({ id, name: id, driver: 'tcp', options: { host: `${id}.example`, port: 2376, tls: true } });
    await new MachineStore(file).save([shared('s1'), shared('s2'), shared('s3')]);
    const codes = await Promise.all([runWindow(file, 'a', 's1'), runWindow(file, 'b', 's2')]);
    assert.deepEqual(codes, [0, 0]);
    const kept = (prefix: string): string[] => Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 0).map((i) => `${prefix}${i}`);
    const result = await new MachineStore(file).load();
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.machines.map((m) => m.id).sort(), ['s3', ...kept('a'), ...kept('b')].sort());
  });
});
