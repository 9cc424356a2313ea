// Machines the user adds, in real VS Code: the New Machine command (with arguments, as a script
// or keybinding would run it), the tree showing machines side by side, the active machine,
// rename and remove.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { DockerHostsApi } from '../../../src/extension/api';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import Docker from 'dockerode';
import { cleanUp, createContainer, eventually, localDocker, newRunId } from '../../support/engine';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';

const docker = localDocker();
const runId = newRunId();
let api: DockerHostsApi;

async function rootByLabel(label: string): Promise<TreeNode | undefined> {
  return (await api.treeDataProvider.getChildren(undefined)).find((node) => node.getTreeItem().label === label);
}

async function containerLabels(machine: TreeNode): Promise<string[]> {
  const groups = await api.treeDataProvider.getChildren(machine);
  const containers = groups.find((g) => g.getTreeItem().label === 'Containers');
  assert.ok(containers, 'the machine has a Containers group');
  return (await api.treeDataProvider.getChildren(containers)).map((c) => String(c.getTreeItem().label));
}

describe('Machines the user adds', () => {
  let secondId: string | undefined;

  before(async () => {
    const extension = vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts');
    assert.ok(extension);
    api = await extension.activate();
    await api.ready;
  });

  after(async () => {
    if (secondId && api.machines().some((m) => m.id === secondId)) {
      await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: secondId, confirmed: true }));
    }
    await cleanUp(docker, runId);
  });

  it('adds a machine through New Machine (tested connection) and shows it beside local', async () => {
    secondId = await vscode.commands.executeCommand<string>('dockerHosts.machine.new', scripted({
      name: `second-${runId}`,
      driver: 'local',
      options: { socketPath: '/var/run/docker.sock' },
    }));
    assert.ok(secondId, 'the command returned the new machine id');
    const name = `dh-machines-${runId}`;
    await createContainer(docker, runId, name);
    const second = await eventually('the new machine in the tree', 5_000, () => rootByLabel(`second-${runId}`));
    const local = await rootByLabel('local');
    assert.ok(local);
    assert.ok((await containerLabels(second)).includes(name));
    assert.ok((await containerLabels(local)).includes(name));
    assert.equal(second.getTreeItem().contextValue, 'machine:running:local:stored');
  });

  it('refuses a machine whose engine does not answer, and saves nothing', async () => {
    const before = api.machines().length;
    const id = await vscode.commands.executeCommand<string | undefined>('dockerHosts.machine.new', scripted({
      name: `dead-${runId}`,
      driver: 'local',
      options: { socketPath: '/nonexistent/docker.sock' },
    }));
    assert.equal(id, undefined);
    assert.equal(api.machines().length, before);
    assert.equal(await rootByLabel(`dead-${runId}`), undefined);
  });

  it('switches the active machine for this workspace', async () => {
    assert.equal(api.activeMachine()?.name, 'local');
    const changed = new Promise<string | undefined>((resolve) => {
      const subscription = api.onDidChangeActiveMachine((machine) => {
        subscription.dispose();
        resolve(machine?.name);
      });
    });
    await vscode.commands.executeCommand('dockerHosts.machine.setActive', scripted({ machine: secondId }));
    assert.equal(await changed, `second-${runId}`);
    assert.equal(api.activeMachine()?.id, secondId);
  });

  it('renames the machine in place and removes it, falling back to local as active', async () => {
    await vscode.commands.executeCommand('dockerHosts.machine.rename', scripted({ machine: secondId, name: `renamed-${runId}` }));
    await eventually('the renamed machine', 5_000, () => rootByLabel(`renamed-${runId}`));
    assert.equal(api.activeMachine()?.name, `renamed-${runId}`, 'the active machine follows the rename');
    await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: secondId, confirmed: true }));
    assert.equal(await rootByLabel(`renamed-${runId}`), undefined);
    assert.equal(api.activeMachine()?.name, 'local');
    assert.ok(await docker.getContainer(`dh-machines-${runId}`).inspect(), 'removing the machine did not touch the engine');
  });

  it('imports a Docker context, exports it to a file and imports that file again', async () => {
    const configDir = mkdtempSync(path.join(os.tmpdir(), 'dh-docker-config-'));
    const contextName = `ctx-${runId}`;
    const digest = createHash('sha256').update(contextName).digest('hex');
    mkdirSync(path.join(configDir, 'contexts', 'meta', digest), { recursive: true });
    writeFileSync(path.join(configDir, 'contexts', 'meta', digest, 'meta.json'), JSON.stringify({ Name: contextName, Metadata: {}, Endpoints: { docker: { Host: 'unix:///var/run/docker.sock' } } }));
    const [imported] = await vscode.commands.executeCommand<string[]>('dockerHosts.machine.importContexts', scripted({ directory: configDir }));
    assert.ok(imported, 'one machine imported');
    try {
      const machine = await eventually('the imported machine', 5_000, () => rootByLabel(contextName));
      assert.ok((await containerLabels(machine)).includes(`dh-machines-${runId}`), 'it lists the engine the context points at');
      const file = path.join(configDir, 'exported.json');
      assert.equal(await vscode.commands.executeCommand('dockerHosts.machine.export', scripted({ machine: imported, file })), file);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).name, contextName);
      const again = await vscode.commands.executeCommand<string>('dockerHosts.machine.importFile', scripted({ file }));
      assert.ok(await eventually('the re-imported machine', 5_000, () => rootByLabel(`${contextName}-2`)));
      await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: again, confirmed: true }));
    } finally {
      await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: imported, confirmed: true }));
    }
  });

  it('shows a TLS machine (host B, another engine) beside local, each with its own containers', async () => {
    await ensureTestHosts();
    const hostB = new Docker({ socketPath: HOSTB.engine.socketPath });
    const onB = `dh-on-b-${runId}`;
    const onLocal = `dh-on-local-${runId}`;
    await createContainer(hostB, runId, onB);
    await createContainer(docker, runId, onLocal);
    const options = { host: HOSTB.address, port: HOSTB.engine.tlsPort, tls: true, caPath: HOSTB.tls.caPath, certPath: HOSTB.tls.certPath, keyPath: HOSTB.tls.keyPath };
    const wrong = await vscode.commands.executeCommand<string | undefined>('dockerHosts.machine.new', scripted({ name: `wrong-ca-${runId}`, driver: 'tcp', options: { ...options, caPath: HOSTB.tls.wrongCaPath } }));
    assert.equal(wrong, undefined, 'a machine whose CA did not sign the engine is refused at the connection test');
    const optedOut = await vscode.commands.executeCommand<string | undefined>('dockerHosts.machine.new', scripted({ name: `skip-verify-${runId}`, driver: 'tcp', options: { ...options, caPath: HOSTB.tls.wrongCaPath, skipVerify: true } }));
    assert.ok(optedOut, 'the explicit per-machine opt-out connects despite the wrong CA');
    await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: optedOut, confirmed: true }));
    const id = await vscode.commands.executeCommand<string>('dockerHosts.machine.new', scripted({ name: `hostb-${runId}`, driver: 'tcp', options }));
    assert.ok(id);
    try {
      const machineB = await eventually('host B in the tree', 5_000, () => rootByLabel(`hostb-${runId}`));
      const local = await rootByLabel('local');
      assert.ok(local);
      const [namesB, namesLocal] = await Promise.all([containerLabels(machineB), containerLabels(local)]);
      assert.ok(namesB.includes(onB) && !namesB.includes(onLocal), `host B lists its own: ${namesB.join(', ')}`);
      assert.ok(namesLocal.includes(onLocal) && !namesLocal.includes(onB), 'local lists its own');
      assert.match(String(machineB.getTreeItem().description), /^running · Docker .* · tcp$/);
    } finally {
      await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: id, confirmed: true }));
      await cleanUp(hostB, runId);
    }
  });

  it('adds an SSH machine (host B over one SSH connection), lists its containers, and opens an SSH terminal into it', async () => {
    await ensureTestHosts();
    const settings = vscode.workspace.getConfiguration('dockerHosts.ssh');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-ssh-'));
    const knownHosts = path.join(dir, 'known_hosts');
    const options = { host: HOSTB.ssh.host, user: HOSTB.ssh.username, port: HOSTB.ssh.port, identityFile: HOSTB.ssh.privateKeyPath, remoteSocketPath: HOSTB.ssh.remoteSocketPath };
    const hostB = new Docker({ socketPath: HOSTB.engine.socketPath });
    const onB = `dh-ssh-on-b-${runId}`;
    await createContainer(hostB, runId, onB);
    let id: string | undefined;
    try {
      // A known_hosts that pins another key for host B: refused, nothing saved.
      const otherKey = readFileSync(path.join(path.dirname(HOSTB.dir), 'sshd', 'host_ed25519.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
      writeFileSync(knownHosts, `${HOSTB.ssh.host} ${otherKey}\n`);
      await settings.update('knownHostsFile', knownHosts, vscode.ConfigurationTarget.Global);
      const refused = await vscode.commands.executeCommand<string | undefined>('dockerHosts.machine.new', scripted({ name: `ssh-changed-${runId}`, driver: 'ssh', options }));
      assert.equal(refused, undefined, 'a changed host key is refused');
      // The right key pinned: added, and its containers are host B's.
      writeFileSync(knownHosts, readFileSync(HOSTB.ssh.knownHostsPath));
      id = await vscode.commands.executeCommand<string>('dockerHosts.machine.new', scripted({ name: `ssh-hostb-${runId}`, driver: 'ssh', options }));
      assert.ok(id, 'the SSH machine was added');
      const machine = await eventually('the SSH machine in the tree', 5_000, () => rootByLabel(`ssh-hostb-${runId}`));
      assert.ok((await containerLabels(machine)).includes(onB));
      assert.match(String(machine.getTreeItem().description), /^running · Docker .* · ssh$/);
      assert.match(String(machine.getTreeItem().contextValue), / op-ssh/);
      await vscode.commands.executeCommand('dockerHosts.machine.setActive', scripted({ machine: id }));
      assert.equal(api.activeMachine()?.name, `ssh-hostb-${runId}`);
      const terminal = await vscode.commands.executeCommand<vscode.Terminal>('dockerHosts.machine.ssh', scripted({ machine: id }));
      assert.ok(terminal);
      const closed = new Promise<number | undefined>((resolve) => {
        const subscription = vscode.window.onDidCloseTerminal((t) => {
          if (t === terminal) {
            subscription.dispose();
            resolve(t.exitStatus?.code);
          }
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      terminal.sendText('exit 5');
      assert.equal(await closed, 5, 'the terminal logged in to host B and ran what was typed');
    } finally {
      if (id) {
        await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: id, confirmed: true }));
      }
      await settings.update('knownHostsFile', undefined, vscode.ConfigurationTarget.Global);
      await cleanUp(hostB, runId);
    }
  });
});
