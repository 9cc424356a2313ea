import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MachineStore, StoredMachine } from '../../../../src/core/machines/machineStore';

const storeIn = (dir = mkdtempSync(path.join(os.tmpdir(), 'dh-store-'))): MachineStore => new MachineStore(path.join(dir, 'machines.json'));
const machine: StoredMachine = { id: 'a1', name: 'lab', driver: 'tcp', options: { host: 'lab.example', port: 2376, tls: true } };

describe('MachineStore (one JSON file, written atomically)', () => {
  it('starts empty when there is no file, and reads back what it saved', async () => {
    const store = storeIn();
    assert.deepEqual((await store.load()).machines, []);
    await store.save([machine]);
    const again = await new MachineStore(store.file).load();
    assert.deepEqual(again.machines, [machine]);
    assert.deepEqual(again.problems, []);
    assert.equal(JSON.parse(readFileSync(store.file, 'utf8')).schemaVersion, 1);
  });

  it('leaves no temporary files behind and keeps the file private (0600)', async () => {
    const store = storeIn();
    await store.save([machine]);
    assert.deepEqual(readdirSync(path.dirname(store.file)), ['machines.json']);
    assert.equal(statSync(store.file).mode & 0o777, 0o600);
  });

  it('keeps a corrupt file aside, says where, and does not overwrite it', async () => {
    const store = storeIn();
    writeFileSync(store.file, '{"schemaVersion":1,"machines":[{"id":');
    const result = await store.load();
    assert.deepEqual(result.machines, []);
    assert.match(result.problems[0]?.message ?? '', /unreadable .* kept as .*machines\.json\.corrupt-/);
    assert.equal(result.problems[0]?.kind, 'store-unreadable');
    const aside = readdirSync(path.dirname(store.file)).find((f) => f.includes('.corrupt-'));
    assert.ok(aside);
    assert.equal(readFileSync(path.join(path.dirname(store.file), aside), 'utf8'), '{"schemaVersion":1,"machines":[{"id":');
    assert.equal(existsSync(store.file), false);
  });

  it('shows a list written by a newer version but refuses to overwrite it', async () => {
    const store = storeIn();
    writeFileSync(store.file, JSON.stringify({ schemaVersion: 99, machines: [machine] }));
    const result = await store.load();
    assert.equal(result.readOnly, true);
    assert.deepEqual(result.machines, [machine]);
    await assert.rejects(store.save([]), /newer version/);
    assert.equal(JSON.parse(readFileSync(store.file, 'utf8')).schemaVersion, 99);
  });

  it('resolves store-relative paths against wherever the store is now', () => {
    const store = storeIn();
    const relative = MachineStore.storeRelative(path.join('certs', 'a1', 'ca.pem'));
    assert.equal(relative, 'store:certs/a1/ca.pem');
    assert.equal(store.resolvePath(relative), path.join(path.dirname(store.file), 'certs', 'a1', 'ca.pem'));
    assert.equal(store.resolvePath('/etc/ssl/ca.pem'), '/etc/ssl/ca.pem');
  });
});
