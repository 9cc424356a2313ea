// The store survives a kill at any moment: a real child process saves in a loop and is killed
// with SIGKILL; every time, the file that remains is a complete list.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MachineStore } from '../../../src/core/machines/machineStore';

const STORE_MODULE = path.resolve(__dirname, '../../../src/core/machines/machineStore.js');

/** Saves lists of 1..200 machines, as fast as it can, until it is killed. */
const WRITER = `
const { MachineStore } = require(${JSON.stringify(STORE_MODULE)});
const store = new MachineStore(process.argv[1]);
(async () => {
  for (let n = 1; ; n = (n % 200) + 1) {
    const machines = Array.from({ length: n }, (_, i) => ({ id: 'm' + i, name: 'machine ' + i, driver: 'tcp', options: { host: 'h' + i, port: 2376 } }));
    await store.save(machines);
    if (n === 1) process.stdout.write('saving\\n');
  }
})();
`;

describe('MachineStore under SIGKILL', () => {
  it('always leaves a complete, readable list (20 kills at random moments)', async function () {
    this.timeout(120_000);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-kill-')), 'machines.json');
    for (let round = 0; round < 20; round++) {
      const writer = spawn(process.execPath, ['-e', WRITER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 60));
      writer.kill('SIGKILL');
      await new Promise((resolve) => writer.once('exit', resolve));
      const result = await new MachineStore(file).load();
      assert.deepEqual(result.problems, [], `round ${round}`);
      assert.ok(result.machines.length >= 1 && result.machines.length <= 200);
      result.machines.forEach((machine, i) => assert.equal(machine.id, `m${i}`));
    }
    // Loading cleared the temporary files that killed writers left.
    assert.deepEqual(readdirSync(path.dirname(file)), ['machines.json']);
  });
});
