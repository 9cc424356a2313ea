// Machines from elsewhere (the store after another program wrote it, Docker contexts, Docker
// Machine, machine files) are written to real files here and loaded or imported for real.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validators } from '../../../../src/core/machines/driver';
import { DriverRegistry } from '../../../../src/core/machines/driverRegistry';
import { tcpDriver } from '../../../../src/core/machines/drivers/tcpDriver';
import { listDockerContexts } from '../../../../src/core/machines/importers/dockerContexts';
import { listDockerMachines } from '../../../../src/core/machines/importers/dockerMachines';
import { parseMachineFile } from '../../../../src/core/machines/importers/machineFile';
import { MachineCatalog } from '../../../../src/core/machines/machineCatalog';
import { MachineRegistry } from '../../../../src/core/machines/machineRegistry';
import { MachineStore } from '../../../../src/core/machines/machineStore';

const temp = (prefix: string): string => mkdtempSync(path.join(os.tmpdir(), prefix));

function catalogOn(file: string): { catalog: MachineCatalog; registry: MachineRegistry; store: MachineStore } {
  const registry = new MachineRegistry({ requestTimeoutMs: 1000, log: () => undefined });
  const store = new MachineStore(file);
  return { catalog: new MachineCatalog(store, new DriverRegistry(), registry), registry, store };
}

/** A store file as another program might have left it. */
function storeWith(machines: unknown[]): string {
  const file = path.join(temp('dh-hostile-'), 'machines.json');
  writeFileSync(file, JSON.stringify({ schemaVersion: 1, machines }));
  return file;
}

const good = { id: 'good1', name: 'good', driver: 'tcp', options: { host: 'good.example', port: 2376, tls: true } };

describe('hostile machines: the store as another program left it', () => {
  it('"skipVerify": "false" (a string) is refused, never read as "skip"; the other machines load', async () => {
    const { catalog, registry } = catalogOn(storeWith([{ id: 'bad1', name: 'lab', driver: 'tcp', options: { host: 'lab', port: 2376, tls: true, skipVerify: 'false' } }, good]));
    const problems = await catalog.load();
    assert.deepEqual(catalog.all.map((m) => m.name), ['good']);
    assert.equal(problems[0]?.kind, 'machine-invalid');
    assert.equal(problems[0]?.machine, 'lab');
    assert.match(problems[0]?.message ?? '', /Skip certificate verification: "false" is not true or false/);
    assert.equal(registry.get('bad1'), undefined);
  });

  it('the tcp driver turns verification off only for a boolean true', () => {
    const endpoint = (skipVerify: unknown): unknown => {
      const made = tcpDriver.endpoint({ id: 'x', name: 'x', driver: 'tcp', options: { host: 'h', skipVerify: skipVerify as string } }, { resolvePath: (v) => v });
      return made.kind === 'tcp' && made.tls?.verify;
    };
    assert.equal(endpoint('false'), true);
    assert.equal(endpoint('true'), true);
    assert.equal(endpoint(1), true);
    assert.equal(endpoint(true), false);
  });

  it('refuses hosts ssh or a URL would read as something else, and takes names, addresses and bare IPv6', () => {
    for (const host of ['-oProxyCommand=touch /tmp/x', 'a,b', '*', 'h?', 'a b', 'tab\there', '[::1]', 'a]', 'host:2376', 'a/b', 'nul\u0000']) {
      assert.ok(validators.host(host), `${JSON.stringify(host)} is refused`);
    }
    for (const host of ['build-box', 'host.example', '192.0.2.10', '::1', 'fe80::1', '2001:db8::5']) {
      assert.equal(validators.host(host), undefined, `${host} is accepted`);
    }
    assert.match(validators.host('[::1]') ?? '', /without brackets/);
    assert.ok(validators.user('-oProxyCommand=x'));
    assert.equal(validators.user('ubuntu'), undefined);
  });

  it('a machine whose host starts with "-" (or a provisioned engine address with a pattern) is not loaded', async () => {
    const { catalog } = catalogOn(
      storeWith([
        { id: 's1', name: 'sneaky', driver: 'ssh', options: { host: '-oProxyCommand=touch /tmp/pwned' } },
        { id: 'g1', name: 'provisioned', driver: 'generic', options: { host: 'ok.example', engineAddress: '*', initSystem: 'systemd; reboot' } },
        good,
      ]),
    );
    const problems = await catalog.load();
    assert.deepEqual(catalog.all.map((m) => m.name), ['good']);
    assert.deepEqual(problems.map((p) => p.machine), ['sneaky', 'provisioned']);
    assert.match(problems[0]?.message ?? '', /Host: A host cannot start with "-"/);
    assert.match(problems[1]?.message ?? '', /Engine address: .*Init system/);
  });

  it('a store: path that leads out of the store is refused', async () => {
    const { catalog, store } = catalogOn(storeWith([{ id: 'e1', name: 'escape', driver: 'tcp', options: { host: 'h', tls: true, caPath: 'store:../../../etc/passwd' } }, good]));
    const problems = await catalog.load();
    assert.deepEqual(catalog.all.map((m) => m.name), ['good']);
    assert.match(problems[0]?.message ?? '', /leads out of the machine store/);
    assert.throws(() => store.resolvePath('store:certs/../../x'), /leads out of the machine store/);
    assert.throws(() => store.resolvePath('store:'), /leads out/);
  });

  it('a certificate that is /dev/zero, a FIFO or too large makes that machine unusable without blocking, and the others load', async () => {
    const dir = temp('dh-certs-');
    const fifo = path.join(dir, 'ca.fifo');
    execFileSync('mkfifo', [fifo]);
    const large = path.join(dir, 'large.pem');
    writeFileSync(large, Buffer.alloc(65 * 1024, 'a'));
    const { catalog, registry } = catalogOn(
      storeWith([
        { id: 'z1', name: 'zero', driver: 'tcp', options: { host: 'h', tls: true, caPath: '/dev/zero' } },
        { id: 'f1', name: 'fifo', driver: 'tcp', options: { host: 'h', tls: true, caPath: fifo } },
        { id: 'l1', name: 'large', driver: 'tcp', options: { host: 'h', tls: true, keyPath: large } },
        { id: 'k1', name: 'key', driver: 'ssh', options: { host: 'h', identityFile: fifo } },
        good,
      ]),
    );
    const problems = await catalog.load(); // before the fix this never returned (the FIFO) or filled memory (/dev/zero)
    assert.deepEqual(problems.map((p) => [p.kind, p.machine]), [['certificate', 'zero'], ['certificate', 'fifo'], ['certificate', 'large'], ['certificate', 'key']]);
    assert.match(problems[0]?.message ?? '', /\/dev\/zero is not a regular file/);
    assert.match(problems[2]?.message ?? '', /larger than 64 KiB/);
    const zero = registry.get('z1')?.machine.endpoint;
    assert.equal(zero?.kind, 'unsupported');
    assert.equal(registry.get('good1')?.machine.endpoint.kind, 'tcp');
    // Once the file is fixed, the next read of the store (another window's write, say) shows the machine.
    rmSync(fifo);
    writeFileSync(fifo, 'a certificate');
    assert.deepEqual(await catalog.load(), [], 'problems told once are not told again');
    assert.equal(registry.get('f1')?.machine.endpoint.kind, 'tcp');
  });

  it('a malformed entry (or a hostile id) does not hide the others and stays in the file through later writes', async () => {
    const hostileId = { id: '..', name: 'dots', driver: 'tcp', options: { host: 'h' } };
    const file = storeWith([hostileId, { id: 'n1', name: 'no options', driver: 'tcp', options: null }, { ...good }, { ...good, name: 'twin' }]);
    const { catalog, store } = catalogOn(file);
    mkdirSync(path.join(store.directory, 'certs'), { recursive: true });
    const problems = await catalog.load();
    assert.deepEqual(catalog.all.map((m) => m.name), ['good']);
    assert.deepEqual(problems.map((p) => p.machine), ['dots', 'no options', 'twin']);
    assert.match(problems[2]?.message ?? '', /a second machine has the id good1/);
    await catalog.add('new', 'tcp', { host: 'new.example', port: 2376, tls: true });
    const written = JSON.parse(readFileSync(file, 'utf8')) as { machines: { name: string }[] };
    assert.deepEqual(written.machines.map((m) => m.name).sort(), ['dots', 'good', 'new', 'no options', 'twin']);
    await store.forgetFiles('..');
    assert.ok(existsSync(file), 'an id of ".." never removes the store');
  });
});

describe('hostile machines: imports', () => {
  function contextDir(entries: { name: string; meta: unknown; ca?: 'fifo' | string }[]): string {
    const dir = temp('dh-hctx-');
    for (const entry of entries) {
      const digest = createHash('sha256').update(entry.name).digest('hex');
      mkdirSync(path.join(dir, 'contexts', 'meta', digest), { recursive: true });
      writeFileSync(path.join(dir, 'contexts', 'meta', digest, 'meta.json'), typeof entry.meta === 'string' ? entry.meta : JSON.stringify(entry.meta));
      if (entry.ca !== undefined) {
        const tls = path.join(dir, 'contexts', 'tls', digest, 'docker');
        mkdirSync(tls, { recursive: true });
        if (entry.ca === 'fifo') {
          execFileSync('mkfifo', [path.join(tls, 'ca.pem')]);
        } else {
          writeFileSync(path.join(tls, 'ca.pem'), entry.ca);
        }
      }
    }
    return dir;
  }

  it('Docker contexts: a broken meta.json or a FIFO ca.pem is reported, never hangs, and hides no other context', async () => {
    const dir = contextDir([
      { name: 'broken', meta: '{"Name": ' },
      { name: 'fifo', meta: { Name: 'fifo', Endpoints: { docker: { Host: 'tcp://f:2376' } } }, ca: 'fifo' },
      { name: 'fine', meta: { Name: 'fine', Endpoints: { docker: { Host: 'tcp://fine.example:2376', SkipTLSVerify: 'true' } } }, ca: 'ca' },
    ]);
    const scan = await listDockerContexts(dir);
    assert.deepEqual(scan.found.map((c) => c.name), ['fine']);
    assert.equal(scan.found[0]?.options.skipVerify, undefined, 'a string "true" does not opt out of verification');
    assert.equal(scan.problems.length, 2);
    assert.ok(scan.problems.some((p) => /is not JSON/.test(p)));
    assert.ok(scan.problems.some((p) => /is not a regular file/.test(p)));
  });

  it('Docker contexts: a host that starts with "-" is refused before the user is asked', async () => {
    const dir = contextDir([{ name: 'evil', meta: { Name: 'evil', Endpoints: { docker: { Host: 'ssh://-oProxyCommand=x@h' } } } }]);
    const { found } = await listDockerContexts(dir);
    const { catalog } = catalogOn(path.join(temp('dh-imp-'), 'machines.json'));
    assert.equal(found.length, 1);
    const problems = catalog.importProblems(found[0] as (typeof found)[number]);
    assert.ok(problems.length > 0, 'refused');
    await assert.rejects(catalog.import(found[0] as (typeof found)[number]), /cannot be added/);
    assert.deepEqual(catalog.all, []);
  });

  it('Docker contexts: an IPv6 engine (bracketed in the URL) is kept bare, as the model writes it, and imports', async () => {
    const dir = contextDir([{ name: 'six', meta: { Name: 'six', Endpoints: { docker: { Host: 'tcp://[fd00::5]:2376' } } }, ca: 'ca' }]);
    const { found } = await listDockerContexts(dir);
    const { catalog } = catalogOn(path.join(temp('dh-imp-'), 'machines.json'));
    assert.equal(found[0]?.options.host, 'fd00::5');
    const machine = await catalog.import(found[0] as (typeof found)[number]);
    assert.equal(machine.options.host, 'fd00::5');
  });

  it('Docker Machine: a hostile address, a port as text or TlsVerify "false" is not trusted', async () => {
    const storage = temp('dh-hdm-');
    const machine = (name: string, config: unknown): void => {
      mkdirSync(path.join(storage, 'machines', name), { recursive: true });
      writeFileSync(path.join(storage, 'machines', name, 'config.json'), JSON.stringify(config));
    };
    machine('dash', { Name: 'dash', Driver: { IPAddress: '-oProxyCommand=x' } });
    machine('textport', { Name: 'textport', Driver: { IPAddress: '192.0.2.1', EnginePort: '2376' } });
    machine('stringverify', { Name: 'stringverify', Driver: { IPAddress: '192.0.2.2' }, HostOptions: { EngineOptions: { TlsVerify: 'false' } } });
    const { found } = await listDockerMachines(storage);
    const { catalog } = catalogOn(path.join(temp('dh-imp-'), 'machines.json'));
    const refused = Object.fromEntries(found.map((c) => [c.name, catalog.importProblems(c).join('; ')]));
    assert.match(refused.dash ?? '', /Host: A host cannot start with "-"/);
    assert.match(refused.textport ?? '', /Port: "2376" is not a number/);
    assert.equal(refused.stringverify, '');
    assert.equal(found.find((c) => c.name === 'stringverify')?.options.skipVerify, undefined);
  });

  it('machine files: string booleans, files aimed at other options and file names that are paths are refused', () => {
    const { catalog } = catalogOn(path.join(temp('dh-imp-'), 'machines.json'));
    const file = (options: unknown, files: unknown[] = []): string => JSON.stringify({ format: 'docker-hosts-machine', version: 1, name: 'm', driver: 'tcp', options, files });
    assert.match(catalog.importProblems(parseMachineFile(file({ host: 'h', skipVerify: 'false' }))).join(), /is not true or false/);
    assert.match(catalog.importProblems(parseMachineFile(file({ host: 'h' }, [{ option: 'host', name: 'ca.pem', base64: '' }]))).join(), /not one this driver keeps/);
    assert.match(catalog.importProblems(parseMachineFile(file({ host: 'h' }, [{ option: 'caPath', name: '..', base64: '' }]))).join(), /not one this driver keeps/);
    assert.throws(() => parseMachineFile(file({ host: 'h' }, [{ option: 'caPath', name: 'ca.pem', base64: 'A'.repeat(200_000) }])), /at most 64 KiB/);
    assert.deepEqual(catalog.importProblems(parseMachineFile(file({ host: 'h', port: 2376, tls: true }, [{ option: 'caPath', name: 'ca.pem', base64: '' }]))), []);
  });

  it('says what an import would trust: TLS off, no verification, commands over SSH', () => {
    const { catalog } = catalogOn(path.join(temp('dh-imp-'), 'machines.json'));
    const notes = (driver: string, options: Record<string, string | number | boolean>): string => catalog.trustNotes({ name: 'x', driver, options, files: [], description: '' }).join();
    assert.match(notes('tcp', { host: 'h', port: 2375, tls: false }), /TLS off/);
    assert.match(notes('tcp', { host: 'h', tls: true, skipVerify: true }), /not verified/);
    assert.equal(notes('tcp', { host: 'h', tls: true }), '');
    assert.match(notes('ssh', { host: 'h', user: 'me' }), /Runs commands on me@h over SSH/);
    assert.match(notes('generic', { host: 'h' }), /provisioning sets up Docker there as root/);
  });
});
