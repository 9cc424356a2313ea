// Two windows share one machine store: here two catalogs (and stores) on one file, in one process.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DriverRegistry } from '../../../../src/core/machines/driverRegistry';
import { MachineCatalog } from '../../../../src/core/machines/machineCatalog';
import { MachineRegistry } from '../../../../src/core/machines/machineRegistry';
import { MachineStore, StoredMachine } from '../../../../src/core/machines/machineStore';

interface Window {
  catalog: MachineCatalog;
  registry: MachineRegistry;
  store: MachineStore;
}

function windowOn(file: string): Window {
  const registry = new MachineRegistry({ requestTimeoutMs: 1000, log: () => undefined });
  const store = new MachineStore(file);
  return { catalog: new MachineCatalog(store, new DriverRegistry(), registry), registry, store };
}

const sharedFile = (): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-shared-')), 'machines.json');
const namesIn = (file: string): string[] => (JSON.parse(readFileSync(file, 'utf8')) as { machines: StoredMachine[] }).machines.map((m) => m.name).sort();
const tcp = (host: string): Record<string, string | number | boolean> => ({ host, port: 2376, tls: true });

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(check(), what);
}

describe('two windows, one machine store', () => {
  it("keeps both windows' additions, and a machine removed in one never comes back from the other", async () => {
    const file = sharedFile();
    const a = windowOn(file);
    const b = windowOn(file);
    await a.catalog.load();
    await b.catalog.load();
    const one = await a.catalog.add('one', 'tcp', tcp('one.example'));
    await b.catalog.add('two', 'tcp', tcp('two.example')); // b has never seen "one"
    assert.deepEqual(namesIn(file), ['one', 'two'], 'before the fix b wrote its snapshot [two] over [one]');
    await a.catalog.remove(one.id);
    const two = b.catalog.all.find((m) => m.name === 'two') as StoredMachine;
    await b.catalog.update(two.id, { name: 'two-renamed' }); // b still believes "one" exists
    assert.deepEqual(namesIn(file), ['two-renamed'], 'before the fix b brought "one" back');
  });

  it('interleaved adds and removes from two stores lose nothing', async () => {
    const file = sharedFile();
    const a = new MachineStore(file);
    const b = new MachineStore(file);
    const machine = (id: string): StoredMachine => ({ id, name: id, driver: 'tcp', options: tcp(`${id}.example`) });
    await a.save(['k1', 'k2', 'k3', 'k4'].map(machine));
    await Promise.all([
      ...Array.from({ length: 15 }, (_, i) => a.change((list) => [...list, machine(`a${i}`)])),
      ...Array.from({ length: 15 }, (_, i) => b.change((list) => [...list, machine(`b${i}`)])),
      a.change((list) => list.filter((m) => m.id !== 'k1')),
      b.change((list) => list.filter((m) => m.id !== 'k2')),
    ]);
    const expected = ['k3', 'k4', ...Array.from({ length: 15 }, (_, i) => [`a${i}`, `b${i}`]).flat()].sort();
    assert.deepEqual(namesIn(file), expected);
  });

  it('a name taken in another window is refused when it is written, not only when it is typed', async () => {
    const file = sharedFile();
    const a = windowOn(file);
    const b = windowOn(file);
    await a.catalog.load();
    await b.catalog.load();
    await a.catalog.add('same', 'tcp', tcp('a.example'));
    await assert.rejects(b.catalog.add('same', 'tcp', tcp('b.example')), /exists already/);
    const imported = await b.catalog.import({ name: 'same', driver: 'tcp', options: tcp('b.example'), files: [], description: '' });
    assert.equal(imported.name, 'same-2');
  });

  it("updating a machine another window removed fails and does not bring it back", async () => {
    const file = sharedFile();
    const a = windowOn(file);
    const b = windowOn(file);
    await a.catalog.load();
    const gone = await a.catalog.add('gone', 'tcp', tcp('gone.example'));
    await b.catalog.load();
    await a.catalog.remove(gone.id);
    await assert.rejects(b.catalog.update(gone.id, { name: 'back' }), /removed in another window/);
    assert.deepEqual(namesIn(file), []);
  });

  it("each window follows the file: another window's addition, change and removal show up", async () => {
    const file = sharedFile();
    const a = windowOn(file);
    const b = windowOn(file);
    await a.catalog.load();
    await b.catalog.load();
    const following = b.catalog.followStore(() => undefined);
    try {
      const added = await a.catalog.add('from-a', 'tcp', tcp('a.example'));
      await until('b shows the machine a added', () => b.registry.get(added.id)?.machine.name === 'from-a');
      await a.catalog.update(added.id, { name: 'renamed-in-a' });
      await until('b shows the new name', () => b.registry.get(added.id)?.machine.name === 'renamed-in-a');
      await a.catalog.remove(added.id);
      await until('b no longer shows it', () => b.registry.get(added.id) === undefined && b.catalog.all.length === 0);
    } finally {
      following.dispose();
    }
  });
});
