// Swarm in real VS Code against the real local engine and host B: Initialize Swarm on local and
// Join Swarm on host B through the commands with the tree's own arguments, the swarm shown once
// with both machines, a service's tasks in the tree on each node, Drain moving them, Deploy Stack
// of a compose file with the Explorer's arguments, and Leave on both. Every swarm is left in after().
// Swarm mode is shared by everyone on this machine: the file holds /tmp/dh-swarm.lock throughout.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Docker from 'dockerode';
import type { DockerHostsApi } from '../../../src/extension/api';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { holdSwarmLock } from '../../integration/swarm/stackSupport';
import { BASE_IMAGE, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';
import { menu } from './menuArguments';
import { acceptingDefaults } from './quickInputs';

const docker = localDocker();
const hostB = new Docker({ socketPath: HOSTB.engine.socketPath });
const runId = newRunId();
const hostBName = `swarm-b-${runId}`;
const serviceName = `dhs-${runId}-web`;
const stackName = `dhstack-${runId}`;
let api: DockerHostsApi;
let hostBId: string | undefined;
let folder: string | undefined;
let releaseLock: (() => void) | undefined;

const label = (node: TreeNode): string => String(node.getTreeItem().label);
const description = (node: TreeNode): string => String(node.getTreeItem().description ?? '');

async function childrenOf(node: TreeNode | undefined): Promise<TreeNode[]> {
  return api.treeDataProvider.getChildren(node);
}

async function machineNode(name: string): Promise<TreeNode> {
  const node = (await childrenOf(undefined)).find((n) => label(n) === name && n.getTreeItem().contextValue?.startsWith('machine:'));
  assert.ok(node, `${name} is in the tree`);
  await childrenOf(node); // connects, as expanding it does
  return node;
}

/** The top-level Swarm nodes, as the tree shows them after the machines. */
async function swarmNodes(): Promise<TreeNode[]> {
  return (await childrenOf(undefined)).filter((n) => n.getTreeItem().contextValue === 'swarm');
}

async function swarmGroup(name: string): Promise<TreeNode> {
  const [swarm] = await swarmNodes();
  assert.ok(swarm, 'a Swarm node is in the tree');
  const group = (await childrenOf(swarm)).find((n) => label(n) === name);
  assert.ok(group, `the Swarm node has ${name}`);
  return group;
}

async function leaveAll(): Promise<void> {
  await hostB.swarmLeave({ force: true }).catch(() => undefined);
  await docker.swarmLeave({ force: true }).catch(() => undefined);
}

async function swarmState(engine: Docker): Promise<string> {
  const info = (await engine.info()) as { Swarm?: { LocalNodeState?: string } };
  return info.Swarm?.LocalNodeState ?? '';
}

describe('Swarm in VS Code', function () {
  this.timeout(180_000);

  before(async function () {
    this.timeout(15 * 60_000); // the lock may be held by another swarm run on this machine
    releaseLock = await holdSwarmLock();
    await ensureTestHosts();
    api = await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dockerHosts');
    await leaveAll(); // a swarm left behind by an interrupted run would make Initialize refuse
    await vscode.workspace.getConfiguration('dockerHosts.ssh').update('knownHostsFile', HOSTB.ssh.knownHostsPath, vscode.ConfigurationTarget.Global);
    hostBId = await vscode.commands.executeCommand<string>('dockerHosts.machine.new', scripted({
      name: hostBName,
      driver: 'ssh',
      options: { host: HOSTB.ssh.host, user: HOSTB.ssh.username, identityFile: HOSTB.ssh.privateKeyPath, remoteSocketPath: HOSTB.ssh.remoteSocketPath },
    }));
    assert.ok(hostBId, 'host B was added');
  });

  after(async () => {
    try {
      await leaveAll();
      if (hostBId) await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: hostBId, confirmed: true }));
      await vscode.workspace.getConfiguration('dockerHosts.ssh').update('knownHostsFile', undefined, vscode.ConfigurationTarget.Global);
      if (folder) rmSync(folder, { recursive: true, force: true });
      assert.equal(await swarmState(docker), 'inactive', 'the local engine is in no swarm');
    } finally {
      releaseLock?.();
    }
  });

  it('Initialize Swarm on local’s node (advertising 10.77.0.1) makes it a manager; one Swarm node appears after the machines', async () => {
    const result = await vscode.commands.executeCommand<{ machine: string; nodeId: string }>('dockerHosts.swarm.init', ...(await menu(machineNode('local'))), scripted({ advertiseAddr: HOSTB.hostAddress, defaultAddrPool: [] }));
    assert.equal(result?.machine, 'local');
    const info = (await docker.info()) as { Swarm: { LocalNodeState: string; NodeID: string; ControlAvailable: boolean; NodeAddr: string } };
    assert.equal(info.Swarm.LocalNodeState, 'active');
    assert.equal(info.Swarm.ControlAvailable, true, 'a manager');
    assert.equal(info.Swarm.NodeAddr, HOSTB.hostAddress);
    assert.equal(result.nodeId, info.Swarm.NodeID);
    const [swarm] = await eventually('a Swarm node in the tree', 20_000, async () => ((await swarmNodes()).length === 1 ? swarmNodes() : undefined));
    assert.ok(swarm);
    const top = (await childrenOf(undefined)).map((n) => n.getTreeItem().contextValue ?? '');
    assert.equal(top[top.length - 1], 'swarm', 'the Swarm node comes after the machines');
    assert.match(description(swarm), /local \(manager\)/);
    assert.equal((await machineNode('local')).getTreeItem().contextValue, 'machine:running:local:auto swarm-manager', 'its menus now offer Leave, not Initialize or Join');
  });

  it('Join Swarm on host B’s node (manager: local) joins it as a worker; the one Swarm node lists both machines and Nodes says which machine each node is', async () => {
    const result = await vscode.commands.executeCommand<{ machine: string }>('dockerHosts.swarm.join', ...(await menu(machineNode(hostBName))), scripted({ manager: 'local', role: 'worker' }));
    assert.equal(result?.machine, hostBId);
    assert.equal(await swarmState(hostB), 'active');
    const nodes = await docker.listNodes();
    assert.equal(nodes.length, 2, 'the manager sees two nodes');
    const swarm = await eventually('one Swarm node naming both machines', 20_000, async () => {
      const shown = await swarmNodes();
      return shown.length === 1 && shown[0] && description(shown[0]).includes(hostBName) ? shown[0] : undefined;
    });
    assert.match(description(swarm), new RegExp(`local \\(manager\\).*${hostBName}`));
    const members = await eventually('two nodes under Nodes', 20_000, async () => {
      const shown = (await childrenOf(await swarmGroup('Nodes'))).filter((n) => n.getTreeItem().contextValue?.startsWith('swarmNode:'));
      return shown.length === 2 ? shown : undefined;
    });
    const byMachine = new Map(members.map((node) => [/= (\S+)$/.exec(description(node))?.[1], node]));
    assert.match(byMachine.get('local')?.getTreeItem().contextValue ?? '', /^swarmNode:manager:active$/);
    assert.match(byMachine.get(hostBName)?.getTreeItem().contextValue ?? '', /^swarmNode:worker:active$/);
    assert.match(description(byMachine.get(hostBName)!), /worker · active · ready · Docker /);
  });

  it('repaints Secrets from the manager’s secret event when a secret is made outside VS Code (docker API), and shows it', async () => {
    const secrets = await swarmGroup('Secrets');
    await childrenOf(secrets);
    const fired: (TreeNode | undefined)[] = [];
    const subscription = api.treeDataProvider.onDidChangeTreeData((element) => fired.push(element));
    const name = `dhs-${runId}-secret`;
    let id: string | undefined;
    try {
      id = ((await docker.createSecret({ Name: name, Data: Buffer.from('not shown').toString('base64') })) as { id: string }).id;
      await eventually('a repaint of Secrets', 20_000, () => (fired.includes(secrets) ? true : undefined));
      assert.ok((await childrenOf(secrets)).map(label).includes(name));
    } finally {
      subscription.dispose();
      if (id) await docker.getSecret(id).remove().catch(() => undefined);
    }
  });

  it('Create Service (2 replicas) from the Services group: its tasks show under the service, one on each machine, running', async () => {
    const services = await swarmGroup('Services');
    const result = await vscode.commands.executeCommand('dockerHosts.swarm.createService', ...(await menu(services)), scripted({
      spec: { name: serviceName, image: BASE_IMAGE, replicas: 2, command: ['sleep', '600'], labels: { [TEST_LABEL]: runId } },
    }));
    assert.deepEqual(result, { service: serviceName });
    const service = await eventually(`${serviceName} under Services`, 20_000, async () => (await childrenOf(await swarmGroup('Services'))).find((n) => label(n) === serviceName));
    assert.equal(service.getTreeItem().contextValue, 'swarmService:replicated');
    const tasks = await eventually('two running tasks, one per machine', 90_000, async () => {
      const shown = await childrenOf(service);
      const running = shown.map(description).filter((text) => / · running$/.test(text));
      const machines = running.map((text) => text.split(' · ')[0]).sort();
      return machines.length === 2 && machines[0] !== machines[1] ? machines : undefined;
    });
    assert.deepEqual(tasks, [hostBName, 'local'].sort());
    await eventually('the service to say 2/2', 30_000, async () => {
      const shown = (await childrenOf(await swarmGroup('Services'))).find((n) => label(n) === serviceName);
      return shown && /replicated · 2\/2 · /.test(description(shown)) ? true : undefined;
    });
  });

  it('Drain on host B’s node moves its task to local; the tasks under the service follow', async () => {
    const hostBNode = (await childrenOf(await swarmGroup('Nodes'))).find((n) => description(n).endsWith(`= ${hostBName}`));
    assert.ok(hostBNode);
    assert.deepEqual(await vscode.commands.executeCommand('dockerHosts.swarm.drain', ...(await menu(hostBNode))), [String(hostBNode.getTreeItem().label)]);
    const workerId = (await docker.listNodes()).find((n: { Spec?: { Role?: string } }) => n.Spec?.Role === 'worker') as { ID: string; Spec: { Availability: string } };
    assert.equal(workerId.Spec.Availability, 'drain');
    const service = (await childrenOf(await swarmGroup('Services'))).find((n) => label(n) === serviceName);
    assert.ok(service);
    await eventually('both running tasks on local', 90_000, async () => {
      const running = (await childrenOf(service)).map(description).filter((text) => / · running$/.test(text));
      return running.length === 2 && running.every((text) => text.startsWith('local · ')) ? true : undefined;
    });
    await vscode.commands.executeCommand('dockerHosts.swarm.activate', ...(await menu(hostBNode)));
  });

  it('repaints an expanded service by itself when its tasks change (polled: tasks have no events), without refreshing the whole tree', async () => {
    const service = (await childrenOf(await swarmGroup('Services'))).find((n) => label(n) === serviceName);
    assert.ok(service);
    await childrenOf(service); // expanded: its tasks are watched
    const fired: (TreeNode | undefined)[] = [];
    const subscription = api.treeDataProvider.onDidChangeTreeData((element) => fired.push(element));
    try {
      await docker.getService(serviceName).inspect().then((info: { Version: { Index: number }; Spec: Record<string, unknown> & { Mode: unknown } }) =>
        docker.getService(serviceName).update({ version: info.Version.Index, ...info.Spec, Mode: { Replicated: { Replicas: 3 } } }));
      await eventually('the service node repainted', 20_000, () => (fired.includes(service) ? true : undefined));
    } finally {
      subscription.dispose();
    }
    assert.ok(!fired.includes(undefined), 'the whole tree was not refreshed');
    await eventually('three running tasks under the service', 60_000, async () => ((await childrenOf(service)).map(description).filter((text) => / · running$/.test(text)).length === 3 ? true : undefined));
  });

  it('Scale… on the service node sets its replicas; Update Image… rolls it to another tag; Rollback returns it', async () => {
    const service = async (): Promise<TreeNode> => {
      const found = (await childrenOf(await swarmGroup('Services'))).find((n) => label(n) === serviceName);
      assert.ok(found);
      return found;
    };
    assert.deepEqual(await vscode.commands.executeCommand('dockerHosts.swarm.scaleService', ...(await menu(service())), scripted({ replicas: 2 })), { service: serviceName, outcome: '2' });
    const spec = async (): Promise<{ Mode?: { Replicated?: { Replicas?: number } }; TaskTemplate?: { ContainerSpec?: { Image?: string } } }> =>
      ((await docker.getService(serviceName).inspect()) as { Spec: never }).Spec;
    assert.equal((await spec()).Mode?.Replicated?.Replicas, 2);
    const tag = `dhs-${runId}:2`;
    for (const engine of [docker, hostB]) await engine.getImage(BASE_IMAGE).tag({ repo: `dhs-${runId}`, tag: '2' });
    try {
      const updated = await vscode.commands.executeCommand('dockerHosts.swarm.updateServiceImage', ...(await menu(service())), scripted({ image: tag }));
      assert.deepEqual(updated, { service: serviceName, outcome: 'completed' });
      assert.match((await spec()).TaskTemplate?.ContainerSpec?.Image ?? '', new RegExp(`^dhs-${runId}:2`));
      const rolledBack = await vscode.commands.executeCommand('dockerHosts.swarm.rollbackService', ...(await menu(service())));
      assert.deepEqual(rolledBack, { service: serviceName, outcome: 'rollback_completed' });
      assert.match((await spec()).TaskTemplate?.ContainerSpec?.Image ?? '', new RegExp(`^${BASE_IMAGE.replace(/[/.]/g, '\\$&')}`));
    } finally {
      // Only the extra tag goes (the image keeps BASE_IMAGE's).
      for (const engine of [docker, hostB]) await engine.getImage(tag).remove().catch(() => undefined);
    }
  });

  it('Create Overlay Network… from the Networks group makes an attachable swarm-scoped overlay network, shown under Networks', async () => {
    const name = `dhs-${runId}-net`;
    const result = await vscode.commands.executeCommand<{ name: string; id: string }>('dockerHosts.swarm.createOverlayNetwork', ...(await menu(swarmGroup('Networks'))), scripted({ spec: { name, attachable: true, subnet: '10.123.0.0/24' } }));
    assert.equal(result?.name, name);
    // A swarm network's IPAM config is null until the manager's allocator has run on it.
    const network = await eventually(`${name} allocated`, 10_000, async () => {
      const inspected = (await docker.getNetwork(result.id).inspect()) as { Driver: string; Scope: string; Attachable: boolean; IPAM: { Config: { Subnet: string }[] | null } };
      return inspected.IPAM.Config ? inspected : undefined;
    });
    assert.deepEqual([network.Driver, network.Scope, network.Attachable, network.IPAM.Config?.[0]?.Subnet], ['overlay', 'swarm', true, '10.123.0.0/24']);
    const shown = (await childrenOf(await swarmGroup('Networks'))).map(label);
    assert.ok(shown.includes(name) && shown.includes('ingress'), `Networks shows ${shown.join(', ')}`);
    await docker.getNetwork(result.id).remove();
  });

  it('repaints Networks when an overlay network is made and removed outside VS Code (the manager’s network events)', async () => {
    const networks = await swarmGroup('Networks');
    await childrenOf(networks);
    const fired: (TreeNode | undefined)[] = [];
    const subscription = api.treeDataProvider.onDidChangeTreeData((element) => fired.push(element));
    const name = `dhs-${runId}-evnet`;
    try {
      const net = (await docker.createNetwork({ Name: name, Driver: 'overlay' })) as { id: string };
      await eventually('a repaint of Networks after create', 20_000, () => (fired.includes(networks) ? true : undefined));
      assert.ok((await childrenOf(networks)).map(label).includes(name));
      fired.length = 0;
      await docker.getNetwork(net.id).remove();
      await eventually('a repaint of Networks after remove', 20_000, () => (fired.includes(networks) ? true : undefined));
      assert.ok(!(await childrenOf(networks)).map(label).includes(name));
    } finally {
      subscription.dispose();
    }
  });

  it('Create Service with the wizard’s answers (mounts, an overlay network, update and rollback policies) sends them in the spec the engine keeps', async () => {
    const netName = `dhs-${runId}-svcnet`;
    const net = (await docker.createNetwork({ Name: netName, Driver: 'overlay', Attachable: true })) as { id: string };
    const name = `dhs-${runId}-wiz`;
    try {
      const result = await vscode.commands.executeCommand('dockerHosts.swarm.createService', ...(await menu(swarmGroup('Services'))), scripted({
        answers: {
          image: BASE_IMAGE, name, mode: '1', mounts: `dhs-${runId}-data:/data, /tmp:/host-tmp:ro`, networks: [netName], constraints: 'node.role==manager',
          policies: 'custom',
          update: { parallelism: '2', delay: '3s', failureAction: 'rollback', order: 'start-first' },
          rollback: { parallelism: '1', delay: '1s', failureAction: 'continue', order: 'stop-first' },
        },
      }));
      assert.deepEqual(result, { service: name });
      const spec = ((await docker.getService(name).inspect()) as { Spec: { TaskTemplate: { ContainerSpec: { Mounts: unknown[] }; Networks: { Target: string }[] }; UpdateConfig: Record<string, unknown>; RollbackConfig: Record<string, unknown> } }).Spec;
      assert.deepEqual(spec.TaskTemplate.ContainerSpec.Mounts, [
        { Type: 'volume', Source: `dhs-${runId}-data`, Target: '/data' },
        { Type: 'bind', Source: '/tmp', Target: '/host-tmp', ReadOnly: true },
      ]);
      assert.deepEqual(spec.TaskTemplate.Networks.map((n) => n.Target), [net.id]);
      assert.deepEqual([spec.UpdateConfig.Parallelism, spec.UpdateConfig.Delay, spec.UpdateConfig.FailureAction, spec.UpdateConfig.Order], [2, 3e9, 'rollback', 'start-first']);
      assert.deepEqual([spec.RollbackConfig.Parallelism, spec.RollbackConfig.Delay, spec.RollbackConfig.FailureAction, spec.RollbackConfig.Order], [1, 1e9, 'continue', 'stop-first']);
    } finally {
      await docker.getService(name).remove().catch(() => undefined);
      await eventually(`${netName} removed`, 30_000, async () => (await docker.getNetwork(net.id).remove().then(() => true, () => undefined)));
    }
  });

  it('Deploy Stack with the Explorer’s arguments (uri, [uri]), its stack name prefilled from the file’s name:, makes the stack’s services on the swarm; the Stacks group shows it; Remove Stack on its node removes them', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    folder = path.join(workspace.uri.fsPath, `stack-${runId}`);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, 'compose.yaml');
    writeFileSync(file, [
      `name: ${stackName}`,
      'services:',
      '  api:',
      `    image: ${BASE_IMAGE}`,
      '    command: ["sleep", "600"]',
      '    deploy:',
      '      replicas: 1',
      '  worker:',
      `    image: ${BASE_IMAGE}`,
      '    command: ["sleep", "600"]',
      '',
    ].join('\n'));
    const uri = vscode.Uri.file(file);
    const result = await acceptingDefaults(vscode.commands.executeCommand<{ stack: string; services: string[] }>('dockerHosts.swarm.deployStack', uri, [uri]));
    assert.equal(result?.stack, stackName);
    const onEngine = await docker.listServices({ filters: { label: [`com.docker.stack.namespace=${stackName}`] } });
    assert.deepEqual(onEngine.map((s) => s.Spec?.Name).sort(), [`${stackName}_api`, `${stackName}_worker`]);
    const stack = await eventually(`${stackName} under Stacks`, 20_000, async () => (await childrenOf(await swarmGroup('Stacks'))).find((n) => label(n) === stackName));
    assert.deepEqual((await childrenOf(stack)).map(label).sort(), [`${stackName}_api`, `${stackName}_worker`]);
    await vscode.commands.executeCommand('dockerHosts.swarm.removeStack', ...(await menu(stack)), scripted({ confirmed: true }));
    assert.deepEqual(await docker.listServices({ filters: { label: [`com.docker.stack.namespace=${stackName}`] } }), []);
  });

  it('Leave Swarm on host B, then on local (a manager: by force), leaves both engines out of any swarm; the Swarm node goes', async () => {
    await vscode.commands.executeCommand('dockerHosts.swarm.removeService', scripted({ machine: 'local', service: serviceName, confirmed: true }));
    assert.deepEqual(await vscode.commands.executeCommand('dockerHosts.swarm.leave', ...(await menu(machineNode(hostBName))), scripted({ confirmed: true })), { machine: hostBId });
    assert.equal(await swarmState(hostB), 'inactive');
    assert.deepEqual(await vscode.commands.executeCommand('dockerHosts.swarm.leave', ...(await menu(machineNode('local'))), scripted({ confirmed: true })), { machine: 'local' });
    assert.equal(await swarmState(docker), 'inactive');
    await eventually('no Swarm node', 20_000, async () => ((await swarmNodes()).length === 0 ? true : undefined));
    assert.equal((await machineNode('local')).getTreeItem().contextValue, 'machine:running:local:auto');
  });
});
