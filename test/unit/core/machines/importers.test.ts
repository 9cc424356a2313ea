import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DriverRegistry } from '../../../../src/core/machines/driverRegistry';
import { listDockerContexts } from '../../../../src/core/machines/importers/dockerContexts';
import { listDockerMachines } from '../../../../src/core/machines/importers/dockerMachines';
import { exportMachine, parseMachineFile } from '../../../../src/core/machines/importers/machineFile';
import { MachineCatalog } from '../../../../src/core/machines/machineCatalog';
import { MachineRegistry } from '../../../../src/core/machines/machineRegistry';
import { MachineStore } from '../../../../src/core/machines/machineStore';

const temp = (prefix: string): string => mkdtempSync(path.join(os.tmpdir(), prefix));

function dockerConfigWithContexts(): string {
  const dir = temp('dh-ctx-');
  const add = (name: string, host: string, tls: boolean, skip = false): void => {
    const digest = createHash('sha256').update(name).digest('hex');
    mkdirSync(path.join(dir, 'contexts', 'meta', digest), { recursive: true });
    writeFileSync(path.join(dir, 'contexts', 'meta', digest, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: skip } } }));
    if (tls) {
      const tlsDir = path.join(dir, 'contexts', 'tls', digest, 'docker');
      mkdirSync(tlsDir, { recursive: true });
      ['ca.pem', 'cert.pem', 'key.pem'].forEach((f) => writeFileSync(path.join(tlsDir, f), `${name}-${f}`));
    }
  };
  add('prod', 'tcp://prod.example:2376', true);
  add('rootless', 'unix:///run/user/1000/docker.sock', false);
  add('lab', 'tcp://lab:2376', true, true);
  return dir;
}

function catalogIn(dir = temp('dh-cat-')): { catalog: MachineCatalog; registry: MachineRegistry; store: MachineStore } {
  const registry = new MachineRegistry({ requestTimeoutMs: 1000, log: () => undefined });
  const store = new MachineStore(path.join(dir, 'machines.json'));
  return { catalog: new MachineCatalog(store, new DriverRegistry(), registry), registry, store };
}

describe('importers', () => {
  it('lists Docker contexts with their driver, options and TLS files', async () => {
    const found = (await listDockerContexts(dockerConfigWithContexts())).found.sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(found.map((c) => [c.name, c.driver]), [['lab', 'tcp'], ['prod', 'tcp'], ['rootless', 'local']]);
    const prod = found.find((c) => c.name === 'prod');
    assert.deepEqual(prod?.options, { host: 'prod.example', port: 2376, tls: true });
    assert.deepEqual(prod?.files.map((f) => [f.option, f.content.toString()]), [['caPath', 'prod-ca.pem'], ['certPath', 'prod-cert.pem'], ['keyPath', 'prod-key.pem']]);
    assert.equal(found.find((c) => c.name === 'lab')?.options.skipVerify, true, "the context's own opt-out is kept");
  });

  it('lists Docker Machine machines as TLS machines with their certificates', async () => {
    const storage = temp('dh-dm-');
    const dir = path.join(storage, 'machines', 'dev');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ Name: 'dev', DriverName: 'generic', Driver: { IPAddress: '192.0.2.10', SSHUser: 'ubuntu' }, HostOptions: { EngineOptions: {} } }));
    ['ca.pem', 'cert.pem', 'key.pem'].forEach((f) => writeFileSync(path.join(dir, f), f));
    mkdirSync(path.join(storage, 'machines', 'never-started'), { recursive: true });
    writeFileSync(path.join(storage, 'machines', 'never-started', 'config.json'), JSON.stringify({ Name: 'never-started', Driver: {} }));
    const { found } = await listDockerMachines(storage);
    assert.equal(found.length, 1, 'a machine without an address is not offered');
    assert.deepEqual(found[0]?.options, { host: '192.0.2.10', port: 2376, tls: true });
    assert.match(found[0]?.description ?? '', /Docker Machine \(generic\)/);
  });

  it('imports into the store: certificates copied (0600) and referenced by store paths, names kept unique', async () => {
    const { catalog, store } = catalogIn();
    const prod = (await listDockerContexts(dockerConfigWithContexts())).found.find((c) => c.name === 'prod');
    assert.ok(prod);
    const first = await catalog.import(prod);
    const second = await catalog.import(prod);
    assert.equal(second.name, 'prod-2');
    assert.equal(first.options.caPath, `store:certs/${first.id}/ca.pem`);
    assert.equal(readFileSync(store.resolvePath(String(first.options.keyPath)), 'utf8'), 'prod-key.pem');
    assert.ok(!JSON.stringify((await new MachineStore(store.file).load()).machines).includes(path.dirname(store.file)), 'no absolute path into the store');
  });

  it('exports a machine to a file that imports on another computer (another store) with its certificates', async () => {
    const home = catalogIn();
    const prod = (await listDockerContexts(dockerConfigWithContexts())).found.find((c) => c.name === 'prod');
    assert.ok(prod);
    const machine = await home.catalog.import(prod);
    const { text: file, containsClientKey } = await home.catalog.export(machine.id);
    assert.equal(containsClientKey, true, 'the client key is inlined and the caller is told');
    assert.ok(!file.includes('store:'), 'the file does not point into this computer');
    const elsewhere = catalogIn();
    const imported = await elsewhere.catalog.import(parseMachineFile(file));
    assert.equal(imported.name, 'prod');
    assert.deepEqual({ ...imported.options, caPath: undefined, certPath: undefined, keyPath: undefined }, { host: 'prod.example', port: 2376, tls: true, caPath: undefined, certPath: undefined, keyPath: undefined });
    assert.equal(readFileSync(elsewhere.store.resolvePath(String(imported.options.certPath)), 'utf8'), 'prod-cert.pem');
    const endpoint = elsewhere.registry.get(imported.id)?.machine.endpoint;
    assert.ok(endpoint);
    assert.equal(endpoint.kind === 'tcp' && endpoint.tls?.caPath, elsewhere.store.resolvePath(String(imported.options.caPath)));
  });

  it('refuses to export a machine whose driver says why (a provisioned one keeps its client key here), and takes its hook, not its name', async () => {
    const stored = { id: 'g1', name: 'provisioned', driver: 'generic', options: {} };
    await assert.rejects(exportMachine(stored, new DriverRegistry().get('generic'), () => Promise.reject(new Error('not read'))), /provisioned from this computer.*reach the host as an SSH machine/);
    const exported = await exportMachine(stored, { exportRefusal: () => undefined }, () => Promise.reject(new Error('not read')));
    assert.equal(JSON.parse(exported.text).driver, 'generic', 'no name check outside the driver');
  });

  it('rejects a file that is not a machine file with a clear message', () => {
    assert.throws(() => parseMachineFile('{"hello":1}'), /Not a Docker Hosts machine file/);
    assert.throws(() => parseMachineFile('nope'), /Not a machine file/);
  });

  it('removing a machine deletes its copied certificates', async () => {
    const { catalog, store } = catalogIn();
    const prod = (await listDockerContexts(dockerConfigWithContexts())).found.find((c) => c.name === 'prod');
    assert.ok(prod);
    const machine = await catalog.import(prod);
    const keyFile = store.resolvePath(String(machine.options.keyPath));
    await catalog.remove(machine.id);
    assert.throws(() => readFileSync(keyFile));
  });
});
