// The Local VM (QEMU) driver in real VS Code, on TCG (KVM does not work on these machines): New
// Machine makes a VM from the test's Debian cloud image (scripts/vm-image.sh), the tree shows it
// running, the docker CLI reaches its engine through Copy Environment's socket, a container made
// there survives Stop/Start, Kill ends the VM at once, Remove deletes its disk. Checked outside
// VS Code: the qemu process, the VM's folder, the engine in the VM.
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { DockerHostsApi } from '../../../src/extension/api';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { BASE_IMAGE, eventually, newRunId } from '../../support/engine';
import { VM_BASE_IMAGE } from '../../support/vmImage';
import { menu } from './menuArguments';

const run = promisify(execFile);
const runId = newRunId();
let api: DockerHostsApi;

async function machineNode(name: string): Promise<TreeNode | undefined> {
  return (await api.treeDataProvider.getChildren(undefined)).find((node) => node.getTreeItem().label === name);
}

/** The machine's description once its children were asked for, as the view does when it shows the (expanded) node. */
async function description(name: string): Promise<string> {
  const node = await machineNode(name);
  if (node) await api.treeDataProvider.getChildren(node);
  return String(node?.getTreeItem().description ?? '');
}

/** The VM's qemu process: its pid and the folder its disk is in, from its command line. */
function qemuOf(machineId: string): { pid: number; dir: string } | undefined {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const line = lines.find((l) => l.includes('qemu-system') && l.includes(`/vms/${machineId}/disk.qcow2`));
  const dir = /file=([^,\s]*\/vms\/[^/]+)\/disk\.qcow2/.exec(line ?? '')?.[1];
  return line && dir ? { pid: Number(line.trim().split(/\s+/)[0]), dir } : undefined;
}

async function dockerIn(host: string, args: string[], input?: Buffer): Promise<string> {
  if (input) {
    const child = execFile('/usr/bin/docker', ['-H', host, ...args], { encoding: 'utf8', timeout: 180_000 });
    const out = new Promise<string>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve('') : reject(new Error(`docker ${args.join(' ')} exited ${code}`)))));
    child.stdin?.end(input);
    return out;
  }
  return (await run('/usr/bin/docker', ['-H', host, ...args], { encoding: 'utf8', timeout: 180_000 })).stdout.trim();
}

describe('Local VM (QEMU) from VS Code (TCG)', function () {
  this.timeout(600_000);
  const name = `vm-${runId}`;
  let id: string | undefined;
  let dockerHost = '';
  const shared = mkdtempSync(path.join(os.tmpdir(), 'dh-vm-share-'));

  /** A container in the VM copies `file` of the shared folder to `copy`, once the share is mounted (it is made after create and start, in the background). */
  async function copyThroughShare(file: string, copy: string): Promise<string> {
    await eventually(`${file} read through the share in the VM`, 90_000, async () => {
      await dockerIn(dockerHost, ['run', '--rm', '-v', '/mnt/share:/share', BASE_IMAGE, 'sh', '-c', `cat /share/${file} > /share/${copy}`]).catch(() => undefined);
      return existsSync(path.join(shared, copy)) ? true : undefined;
    });
    return readFileSync(path.join(shared, copy), 'utf8');
  }

  before(async () => {
    assert.ok(existsSync(VM_BASE_IMAGE), `the test cloud image ${VM_BASE_IMAGE} is built (bash scripts/setup.sh test builds it)`);
    const extension = vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts');
    assert.ok(extension);
    api = await extension.activate();
    await api.ready;
  });

  after(async () => {
    if (id && api.machines().some((m) => m.id === id)) {
      await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: id, confirmed: true }));
    }
    const left = id && qemuOf(id);
    if (left) process.kill(left.pid, 'SIGKILL');
    rmSync(shared, { recursive: true, force: true });
  });

  it('New Machine → Local VM (QEMU) boots the cloud image; the tree shows it running with its engine; the API hands out no key', async () => {
    id = await vscode.commands.executeCommand<string | undefined>('dockerHosts.machine.new', scripted({
      name,
      driver: 'qemu',
      options: { cpus: 2, memory: 1024, diskSize: 8, baseImage: VM_BASE_IMAGE, folderShares: `${shared}:/mnt/share` },
    }));
    assert.ok(id, 'the VM was made and added');
    assert.ok(qemuOf(id), 'a qemu process runs the VM');
    await eventually('the VM running in the tree', 60_000, async () => (/^running · Docker .* · qemu$/.test(await description(name)) ? true : undefined));
    const machine = api.machines().find((m) => m.id === id);
    assert.equal(machine?.endpoint.kind, 'ssh');
    assert.doesNotMatch(JSON.stringify(machine), /PRIVATE KEY|privateKey/);
    assert.match(String((await machineNode(name))?.getTreeItem().contextValue), /:qemu:stored .* vm vm-running/);
  });

  it("Copy Environment (menu) gives a socket through which the docker CLI reaches the VM's engine; a container runs there", async () => {
    const text = await vscode.commands.executeCommand<string>('dockerHosts.machine.copyEnv', ...(await menu(machineNode(name) as Promise<TreeNode>)));
    const host = /DOCKER_HOST='?(unix:\/\/[^'\n]+)'?/.exec(text)?.[1];
    assert.ok(host, `Copy Environment gave a unix socket: ${text}`);
    dockerHost = host;
    assert.match(await dockerIn(dockerHost, ['info', '--format', '{{.Name}}']), /\S/);
    // No registry here: the image goes in from the local engine.
    await dockerIn(dockerHost, ['load'], execFileSync('/usr/bin/docker', ['save', BASE_IMAGE], { maxBuffer: 256 * 1024 * 1024 }));
    await dockerIn(dockerHost, ['run', '-d', '--name', `keep-${runId}`, BASE_IMAGE, 'sleep', '3600']);
    assert.equal(await dockerIn(dockerHost, ['inspect', '-f', '{{.State.Running}}', `keep-${runId}`]), 'true');
  });

  it('the folder share given at New Machine is mounted in the VM: a container there reads a file written here and writes one back', async () => {
    writeFileSync(path.join(shared, 'from-host.txt'), `written here ${runId}`);
    assert.equal(await copyThroughShare('from-host.txt', 'copied-in-vm.txt'), `written here ${runId}`);
  });

  it('Stop Machine (menu) shuts the VM down; the tree says stopped and offers Start Machine', async () => {
    assert.ok(id);
    const before = qemuOf(id);
    assert.ok(before);
    await vscode.commands.executeCommand('dockerHosts.machine.stopVm', ...(await menu(machineNode(name) as Promise<TreeNode>)));
    assert.equal(qemuOf(id), undefined, 'the qemu process is gone');
    const node = await eventually('the machine node', 10_000, () => machineNode(name));
    const children = await api.treeDataProvider.getChildren(node);
    assert.deepEqual(children.map((c) => c.getTreeItem().label), ['Stopped — Start Machine']);
    await eventually('the tree to say stopped', 30_000, async () => ((await description(name)).startsWith('stopped') ? true : undefined));
    assert.match(String((await machineNode(name))?.getTreeItem().contextValue), /\bvm-stopped\b/);
  });

  it('Start Machine, as the Stopped node runs it, boots the VM again; the container is still there', async () => {
    assert.ok(id);
    const node = await eventually('the machine node', 10_000, () => machineNode(name));
    const start = (await api.treeDataProvider.getChildren(node))[0]?.getTreeItem().command;
    assert.equal(start?.command, 'dockerHosts.machine.startVm');
    await vscode.commands.executeCommand(start.command, ...(start.arguments ?? []));
    assert.ok(qemuOf(id), 'a qemu process runs the VM again');
    await eventually('the VM running in the tree', 60_000, async () => (/^running · Docker/.test(await description(name)) ? true : undefined));
    const names = await eventually('the engine in the VM to answer', 60_000, () => dockerIn(dockerHost, ['ps', '-a', '--format', '{{.Names}}']).catch(() => undefined));
    assert.match(names, new RegExp(`keep-${runId}`), 'the container survived stop and start');
    // The share ended with the stop and is made again after the start.
    assert.equal(await copyThroughShare('from-host.txt', 'copied-after-start.txt'), `written here ${runId}`);
  });

  it('Kill Machine (confirmed) ends the VM at once; Remove deletes its folder and leaves nothing running', async () => {
    assert.ok(id);
    const running = qemuOf(id);
    assert.ok(running);
    await vscode.commands.executeCommand('dockerHosts.machine.killVm', ...(await menu(machineNode(name) as Promise<TreeNode>)), scripted({ confirmed: true }));
    assert.equal(qemuOf(id), undefined, 'killed');
    assert.ok(existsSync(running.dir), 'a killed VM keeps its disk');
    await vscode.commands.executeCommand('dockerHosts.machine.remove', ...(await menu(machineNode(name) as Promise<TreeNode>)), scripted({ confirmed: true }));
    assert.ok(!existsSync(running.dir), `the VM's folder ${running.dir} is deleted`);
    assert.ok(!api.machines().some((m) => m.id === id), 'the machine is forgotten');
    id = undefined;
  });
});
