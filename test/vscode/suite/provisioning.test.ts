// The generic driver in real VS Code: New Machine provisions host C (a Linux host with Docker,
// no init system, reached over SSH) into a TLS machine; the tree shows it with its certificate's
// expiry; Restart Docker goes through its SSH details; Regenerate Certificates installs a new
// server certificate; Inspect never prints key material; Remove can deprovision the host.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { DockerHostsApi } from '../../../src/extension/api';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { eventually, newRunId } from '../../support/engine';
import { HOSTC, inHostC, resetHostC } from '../../support/hostC';
import { HOSTD, inHostD, resetHostD } from '../../support/hostD';

const runId = newRunId();
let api: DockerHostsApi;

async function rootByLabel(label: string): Promise<TreeNode | undefined> {
  return (await api.treeDataProvider.getChildren(undefined)).find((node) => node.getTreeItem().label === label);
}

const serverCertificate = (): string => readFileSync(path.join(HOSTC.etcDockerDir, 'docker-hosts', 'server.pem'), 'utf8');
const dockerdPid = async (): Promise<string> => (await inHostC(['cat', '/var/run/docker.pid'])).stdout.trim();

/**
 * A fresh test host for the suite, its known_hosts as the SSH setting, and afterwards the
 * machine forgotten (if a test left it), the setting cleared and the host reset again.
 */
function onTestHost(reset: () => Promise<void>, knownHostsPath: string, machineId: () => string | undefined): void {
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('dockerHosts.ssh');
  before(async () => {
    const extension = vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts');
    assert.ok(extension);
    api = await extension.activate();
    await api.ready;
    await reset();
    await settings().update('knownHostsFile', knownHostsPath, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    const id = machineId();
    if (id && api.machines().some((m) => m.id === id)) {
      await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: id, mode: 'forget' }));
    }
    await settings().update('knownHostsFile', undefined, vscode.ConfigurationTarget.Global);
    await reset();
  });
}

describe('Generic driver: provisioning a host from VS Code', function () {
  this.timeout(240_000);
  const name = `hostc-${runId}`;
  let id: string | undefined;

  onTestHost(resetHostC, HOSTC.ssh.knownHostsPath, () => id);

  it('New Machine → Generic provisions host C; the tree shows it running over TLS with its images and certificate expiry', async () => {
    id = await vscode.commands.executeCommand<string | undefined>('dockerHosts.machine.new', scripted({
      name,
      driver: 'generic',
      options: { host: HOSTC.address, user: HOSTC.ssh.username, port: HOSTC.ssh.port, identityFile: HOSTC.ssh.privateKeyPath, enginePort: 2376, extraNames: 'hostc.test' },
    }));
    assert.ok(id, 'the machine was provisioned and added');
    const machine = await eventually('the provisioned machine in the tree', 10_000, () => rootByLabel(name));
    const item = machine.getTreeItem();
    await eventually('the machine running', 20_000, async () => /^running · Docker .* · generic$/.test(String((await rootByLabel(name))?.getTreeItem().description)) || undefined);
    assert.match(String(item.contextValue), /:generic:stored op-start op-stop op-restart op-ssh/);
    const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/\\/g, ''); // Markdown escapes
    assert.match(tooltip, /TLS certificate expires \d{4}-\d\d-\d\d \(in \d+ days\)/);
    assert.match(api.machines().find((m) => m.id === id)?.endpoint.kind ?? '', /^tcp$/);
    const groups = await api.treeDataProvider.getChildren(machine);
    const images = groups.find((g) => g.getTreeItem().label === 'Images');
    assert.ok(images);
    const labels = (await api.treeDataProvider.getChildren(images)).map((node) => String(node.getTreeItem().label));
    assert.ok(labels.some((label) => label.startsWith('docker-hosts/busybox')), `host C's own images are listed over TLS: ${labels.join(', ')}`);
  });

  it('Restart Docker goes over SSH and the machine comes back', async () => {
    const before = await dockerdPid();
    const code = await vscode.commands.executeCommand<number | undefined>('dockerHosts.machine.restart', scripted({ machine: id }));
    assert.equal(code, 0);
    assert.notEqual(await dockerdPid(), before, 'a new dockerd runs');
    await eventually('the machine running again', 30_000, async () => (await rootByLabel(name))?.getTreeItem().description?.toString().startsWith('running') || undefined);
  });

  it('Regenerate Certificates puts a new server certificate on the host and the machine still connects', async () => {
    const before = serverCertificate();
    await vscode.commands.executeCommand('dockerHosts.machine.regenerateCertificates', scripted({ machine: id }));
    assert.notEqual(serverCertificate(), before);
    await vscode.commands.executeCommand('dockerHosts.machine.status', scripted({ machine: id }));
    await eventually('the machine running with the new certificate', 30_000, async () => (await rootByLabel(name))?.getTreeItem().description?.toString().startsWith('running') || undefined);
  });

  it('Edit to an address the certificate does not name: the mismatch shows and TLS refuses; Regenerate Certificates repairs it', async () => {
    const tooltipOf = async (): Promise<string> => ((await rootByLabel(name))?.getTreeItem().tooltip as vscode.MarkdownString).value.replace(/\\/g, '');
    const options = { host: HOSTC.otherAddress, user: HOSTC.ssh.username, port: HOSTC.ssh.port, identityFile: HOSTC.ssh.privateKeyPath, enginePort: 2376, extraNames: 'hostc.test' };
    await vscode.commands.executeCommand('dockerHosts.machine.edit', scripted({ machine: id, options, regenerateCertificates: false }));
    assert.match(await tooltipOf(), new RegExp(`Certificate mismatch: .* reached at ${HOSTC.otherAddress.replace(/\./g, '\\.')}`));
    await vscode.commands.executeCommand('dockerHosts.machine.status', scripted({ machine: id }));
    const unreachable = await eventually('the machine refused by TLS', 30_000, async () => ((await rootByLabel(name))?.getTreeItem().description?.toString().startsWith('unreachable') ? rootByLabel(name) : undefined));
    assert.match((unreachable?.getTreeItem().tooltip as vscode.MarkdownString).value.replace(/\\/g, ''), /does not name that address/);

    // The tree offers the fix under the machine; run what its node runs.
    const offered = (await api.treeDataProvider.getChildren(unreachable)).map((node) => node.getTreeItem()).find((item) => item.label === 'Regenerate Certificates');
    assert.ok(offered?.command, 'the unreachable machine offers Regenerate Certificates');
    await vscode.commands.executeCommand(offered.command.command, ...(offered.command.arguments ?? []));
    await vscode.commands.executeCommand('dockerHosts.machine.status', scripted({ machine: id }));
    await eventually('the machine running at the new address', 30_000, async () => (await rootByLabel(name))?.getTreeItem().description?.toString().startsWith('running') || undefined);
    assert.doesNotMatch(await tooltipOf(), /mismatch/);
    assert.match(await tooltipOf(), /tcp:\/\/10\.78\.0\.3:2376/);
  });

  it('Copy Environment points the docker CLI at the host over SSH (the client key never leaves secret storage)', async () => {
    const text = await vscode.commands.executeCommand<string>('dockerHosts.machine.copyEnv', scripted({ machine: id }));
    assert.equal(text, `export DOCKER_HOST=ssh://root@${HOSTC.otherAddress}:22`);
  });

  it('Inspect Machine shows the TLS settings without any key material', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('dockerHosts.machine.inspect', scripted({ machine: id }));
    const text = editor.document.getText();
    assert.match(text, /inSecretStorage/);
    assert.doesNotMatch(text, /PRIVATE KEY|BEGIN CERTIFICATE/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Remove → Deprovision restores host C and forgets the machine', async () => {
    assert.ok(existsSync(path.join(HOSTC.etcDockerDir, 'daemon.json')));
    const removed = await vscode.commands.executeCommand<boolean | undefined>('dockerHosts.machine.remove', scripted({ machine: id, mode: 'deprovision' }));
    assert.equal(removed, true);
    assert.equal(existsSync(path.join(HOSTC.etcDockerDir, 'daemon.json')), false, 'daemon.json is gone again');
    assert.equal(existsSync(path.join(HOSTC.etcDockerDir, 'docker-hosts')), false);
    assert.equal(api.machines().some((m) => m.id === id), false);
  });
});

describe('Generic driver: a host without Docker, from VS Code (host D)', function () {
  this.timeout(420_000);
  const name = `hostd-${runId}`;
  let id: string | undefined;

  onTestHost(resetHostD, HOSTD.ssh.knownHostsPath, () => id);

  it('New Machine → Generic installs Docker from Debian\'s packages; Upgrade Docker runs apt for docker.io only and the machine answers again', async () => {
    id = await vscode.commands.executeCommand<string | undefined>('dockerHosts.machine.new', scripted({
      name,
      driver: 'generic',
      options: { host: HOSTD.address, user: HOSTD.ssh.username, identityFile: HOSTD.ssh.privateKeyPath },
    }));
    assert.ok(id, 'the machine was provisioned and added');
    await eventually('host D running over TLS', 30_000, async () => /^running · Docker .* · generic$/.test(String((await rootByLabel(name))?.getTreeItem().description)) || undefined);
    assert.equal((await inHostD(['dpkg-query', '-W', '-f', '${Status}', 'docker.io'])).stdout, 'install ok installed');

    const version = await vscode.commands.executeCommand<string | undefined>('dockerHosts.machine.upgradeDocker', scripted({ machine: id }));
    assert.match(version ?? '', /^\d+\.\d+/, 'the engine answered over TLS after the upgrade');
    await eventually('host D running after the upgrade', 30_000, async () => (await rootByLabel(name))?.getTreeItem().description?.toString().startsWith('running') || undefined);
  });
});
