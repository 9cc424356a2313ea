// The extension API in real VS Code: machines() and addMachine never hand out or take private
// keys or certificates. The TLS machine is real (host B's mutual-TLS engine), made by a driver
// registered through the API whose endpoint holds its certificates in memory, as provisioned
// machines hold theirs from secret storage.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { DockerHostsApi } from '../../../src/extension/api';
import type { Driver } from '../../../src/core/machines/driver';
import { newRunId } from '../../support/engine';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';

const runId = newRunId();

describe('Extension API hands out no key material', () => {
  let api: DockerHostsApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts');
    assert.ok(extension);
    api = await extension.activate();
    await api.ready;
  });

  it('lists a TLS machine whose certificates and key live in memory without any of them', async () => {
    await ensureTestHosts();
    const pem = { caPem: readFileSync(HOSTB.tls.caPath, 'utf8'), certPem: readFileSync(HOSTB.tls.certPath, 'utf8'), keyPem: readFileSync(HOSTB.tls.keyPath, 'utf8') };
    const driver: Driver = {
      name: `pem-tls-${runId}`,
      displayName: 'TLS with certificates in memory (test)',
      description: 'host B over mutual TLS',
      fields: [],
      operations: new Set(),
      endpoint: () => ({ kind: 'tcp', host: HOSTB.address, port: HOSTB.engine.tlsPort, tls: { ...pem, verify: true } }),
      ip: () => HOSTB.address,
      sshDetails: () => undefined,
      preCreateCheck: async () => [],
    };
    const registered = api.registerDriver(driver);
    let id: string | undefined;
    try {
      id = await vscode.commands.executeCommand<string>('dockerHosts.machine.new', scripted({ name: `pem-${runId}`, driver: driver.name, options: {} }));
      assert.ok(id, 'the machine connected to host B with the in-memory certificates and was added');
      const listed = api.machines().find((m) => m.id === id);
      assert.ok(listed);
      assert.equal(listed.endpoint.kind, 'tcp');
      const everything = JSON.stringify(api.machines());
      assert.doesNotMatch(everything, /-----BEGIN/, 'no PEM in any machine the API lists');
      assert.doesNotMatch(everything, /"(caPem|certPem|keyPem)"/);
      await vscode.commands.executeCommand('dockerHosts.machine.setActive', scripted({ machine: id }));
      assert.doesNotMatch(JSON.stringify(api.activeMachine()), /-----BEGIN/, 'nor the active machine');
    } finally {
      await vscode.commands.executeCommand('dockerHosts.machine.setActive', scripted({ machine: 'local' }));
      if (id) {
        await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: id, confirmed: true }));
      }
      registered.dispose();
    }
  });

  it('refuses addMachine with a key in memory, and shows nothing for it', () => {
    const before = api.machines().length;
    const machine = { id: `pem-added-${runId}`, name: 'pem-added', driver: 'tcp', source: 'test', endpoint: { kind: 'tcp' as const, host: HOSTB.address, port: HOSTB.engine.tlsPort, tls: { keyPem: '-----BEGIN PRIVATE KEY-----\n', verify: true } } };
    assert.throws(() => api.addMachine(machine), /carries certificates or keys in memory/);
    assert.equal(api.machines().length, before);
  });
});
