// Swarm secrets, configs, stack names and prune, and standalone containers on overlay networks, in
// real VS Code against the real local engine made a single-node swarm. Swarm mode is shared by
// everyone on this machine: the file holds /tmp/dh-swarm.lock from before() to after(), and leaves
// the engine in no swarm.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DockerHostsApi } from '../../../src/extension/api';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { holdSwarmLock, swarmState } from '../../integration/swarm/stackSupport';
import { BASE_IMAGE, createContainer, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { menu } from './menuArguments';
import { acceptingDefaults } from './quickInputs';

const docker = localDocker();
const runId = newRunId();
const short = runId.replace(/^run-/, '');
let api: DockerHostsApi;
let releaseLock: (() => void) | undefined;
let temp: string | undefined;
let stackFolder: string | undefined;

const label = (node: TreeNode): string => String(node.getTreeItem().label);

async function childrenOf(node: TreeNode | undefined): Promise<TreeNode[]> {
  return api.treeDataProvider.getChildren(node);
}

async function swarmGroup(name: string): Promise<TreeNode> {
  const swarm = await eventually('a Swarm node in the tree', 30_000, async () => {
    const found = (await childrenOf(undefined)).find((n) => n.getTreeItem().contextValue === 'swarm');
    if (!found) await vscode.commands.executeCommand('dockerHosts.refresh');
    return found;
  });
  const group = (await childrenOf(swarm)).find((n) => label(n) === name);
  assert.ok(group, `the Swarm node has ${name}`);
  return group;
}

async function childNamed(group: string, name: string): Promise<TreeNode> {
  return eventually(`${name} under ${group}`, 20_000, async () => (await childrenOf(await swarmGroup(group))).find((n) => label(n) === name));
}

/** Repaints of `node` while `work` runs and until `until` holds. */
async function repainted(node: TreeNode, what: string, work: () => Promise<unknown>): Promise<void> {
  const fired: (TreeNode | undefined)[] = [];
  const subscription = api.treeDataProvider.onDidChangeTreeData((element) => fired.push(element));
  try {
    await work();
    await eventually(what, 20_000, () => (fired.includes(node) ? true : undefined));
  } finally {
    subscription.dispose();
  }
}

/**
 * The JSON an Inspect showed for the object named `name`, found among the visible editors. (When
 * Inspect opened untitled documents, closing the last one waited on a "Save?" question, and the
 * next Inspect's editor was not the one shown.)
 */
async function inspectionShown(name: string): Promise<{ ID?: string; Spec?: { Name?: string; Data?: string } }> {
  type Inspected = { ID?: string; Spec?: { Name?: string; Data?: string } };
  const parse = (text: string): Inspected | undefined => {
    try {
      return JSON.parse(text) as Inspected;
    } catch {
      return undefined;
    }
  };
  return eventually(`an editor showing ${name}'s JSON`, 10_000, () => vscode.window.visibleTextEditors.map((e) => parse(e.document.getText())).find((json) => json?.Spec?.Name === name));
}

async function secretNames(): Promise<string[]> {
  return (await docker.listSecrets()).map((s) => s.Spec?.Name ?? '');
}

async function stackServices(stack: string): Promise<string[]> {
  return (await docker.listServices({ filters: { label: [`com.docker.stack.namespace=${stack}`] } })).map((s) => s.Spec?.Name ?? '').sort();
}

function writeStack(folder: string, services: readonly string[], name?: string): vscode.Uri {
  const file = path.join(folder, 'compose.yaml');
  writeFileSync(file, [
    ...(name !== undefined ? [`name: ${name}`] : []),
    'services:',
    ...services.flatMap((service) => [`  ${service}:`, `    image: ${BASE_IMAGE}`, '    command: ["sleep", "600"]', '    labels:', `      ${TEST_LABEL}: "${runId}"`]),
    '',
  ].join('\n'));
  return vscode.Uri.file(file);
}

describe('Swarm secrets, configs, stack prompts and overlay attachments in VS Code (holding /tmp/dh-swarm.lock)', function () {
  this.timeout(180_000);

  before(async function () {
    this.timeout(15 * 60_000); // the lock may be held by another swarm run on this machine
    releaseLock = await holdSwarmLock();
    api = await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dockerHosts');
    if ((await swarmState()) !== 'inactive') await docker.swarmLeave({ force: true });
    await docker.swarmInit({ ListenAddr: '127.0.0.1:2377', AdvertiseAddr: '127.0.0.1' });
    temp = mkdtempSync(path.join(os.tmpdir(), 'dh-swarm-objects-'));
  });

  after(async () => {
    try {
      // The last test left the swarm (its services went with it); listing then fails.
      for (const service of await docker.listServices({ filters: { label: [`${TEST_LABEL}=${runId}`] } }).catch(() => [])) await docker.getService(service.ID).remove().catch(() => undefined);
      for (const container of await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${runId}`] } })) await docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined);
      await docker.swarmLeave({ force: true }).catch(() => undefined);
      if (temp) rmSync(temp, { recursive: true, force: true });
      if (stackFolder) rmSync(stackFolder, { recursive: true, force: true });
      assert.equal(await swarmState(), 'inactive', 'the local engine is in no swarm');
      // When the test above did not get there: Refresh, so the suites after this one see local in no swarm.
      await vscode.commands.executeCommand('dockerHosts.refresh');
      await eventually('local shown in no swarm', 30_000, async () => {
        const local = (await api.treeDataProvider.getChildren(undefined)).find((node) => node.getTreeItem().label === 'local');
        return local && !/\bswarm-/.test(String(local.getTreeItem().contextValue)) ? true : undefined;
      });
    } finally {
      releaseLock?.();
    }
  });

  it('Create Secret… on the Secrets group with a file makes the secret; a service that uses it reads the file’s bytes; Remove is refused naming that service; Inspect shows no data', async () => {
    assert.ok(temp);
    const name = `dhs-${short}-secret`;
    const value = `s3cret-${short}\n`;
    const file = path.join(temp, 'secret.txt');
    writeFileSync(file, value);
    const secrets = await swarmGroup('Secrets');
    await childrenOf(secrets);
    let result: unknown;
    await repainted(secrets, 'a repaint of Secrets', async () => {
      result = await vscode.commands.executeCommand('dockerHosts.swarm.createSecret', ...(await menu(secrets)), scripted({ name, file }));
    });
    assert.deepEqual(result, { names: [name] });
    assert.ok((await secretNames()).includes(name), 'the engine has the secret');
    const node = await childNamed('Secrets', name);
    assert.equal(node.getTreeItem().contextValue, 'swarmSecret');

    // The bytes, as a task sees them at /run/secrets/<name>.
    const service = `dhs-${short}-reader`;
    const secretId = (await docker.listSecrets({ filters: { name: [name] } }))[0]?.ID ?? '';
    await docker.createService({
      Name: service,
      Labels: { [TEST_LABEL]: runId },
      TaskTemplate: { ContainerSpec: { Image: BASE_IMAGE, Command: ['sh', '-c', `cat /run/secrets/${name}; exec sleep 600`], Secrets: [{ SecretID: secretId, SecretName: name, File: { Name: name, UID: '0', GID: '0', Mode: 0o400 } }] } },
      Mode: { Replicated: { Replicas: 1 } },
    } as never);
    const logs = await eventually('the task printed the secret', 90_000, async () => {
      const [task] = await docker.listContainers({ filters: { label: [`com.docker.swarm.service.name=${service}`] } });
      if (!task) return undefined;
      const out = (await docker.getContainer(task.Id).logs({ stdout: true, stderr: true })).toString('utf8');
      return out.includes(value.trim()) ? out : undefined;
    });
    assert.ok(logs.includes(value.trim()));

    const refused = await vscode.commands.executeCommand<{ names: string[]; failed?: string[]; messages?: string[] }>('dockerHosts.swarm.removeSecret', ...(await menu(node)), scripted({ confirmed: true }));
    assert.deepEqual(refused?.names, []);
    assert.deepEqual(refused?.failed, [name]);
    assert.match(refused?.messages?.[0] ?? '', new RegExp(`^The secret ${name} is in use by the service ${service}: `));
    assert.ok(!(refused?.messages?.[0] ?? '').includes(value.trim()), 'the message holds no secret');
    assert.ok((await secretNames()).includes(name), 'the engine kept the secret');

    const secretEditor = await vscode.commands.executeCommand<vscode.TextEditor>('dockerHosts.swarm.inspectSecret', ...(await menu(node)));
    assert.equal(secretEditor?.document.uri.scheme, 'docker-hosts-view', 'a read-only document (closing it asks nothing)');
    assert.equal(secretEditor?.document.languageId, 'json');
    const json = await inspectionShown(name);
    assert.equal(json.ID, secretId);
    assert.equal(json.Spec?.Data, undefined, 'the engine never gives a secret’s data back');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    await docker.getService(service).remove();
    const removed = await vscode.commands.executeCommand('dockerHosts.swarm.removeSecret', ...(await menu(node)), scripted({ confirmed: true }));
    assert.deepEqual(removed, { names: [name] });
    assert.ok(!(await secretNames()).includes(name), 'the engine removed it once no service used it');
  });

  it('Remove Secret… on a multi-selection (node, [node, other]) removes both from the engine, and Secrets repaints', async () => {
    const names = [`dhs-${short}-a`, `dhs-${short}-b`];
    for (const name of names) await docker.createSecret({ Name: name, Data: Buffer.from(`value of ${name}`).toString('base64') });
    const nodes = await Promise.all(names.map((name) => childNamed('Secrets', name)));
    const [first, second] = nodes;
    assert.ok(first && second);
    const secrets = await swarmGroup('Secrets');
    let result: unknown;
    await repainted(secrets, 'a repaint of Secrets', async () => {
      result = await vscode.commands.executeCommand('dockerHosts.swarm.removeSecret', second, [first, second], scripted({ confirmed: true }));
    });
    assert.deepEqual(result, { names: [names[1], names[0]] });
    const left = await secretNames();
    assert.ok(names.every((name) => !left.includes(name)), `the engine still has ${left.join(', ')}`);
    assert.ok(!(await childrenOf(secrets)).map(label).some((name) => names.includes(name)));
  });

  it('Create Config… with typed content keeps those bytes in the engine; Configs repaints on a config made and removed outside VS Code; Inspect and Remove', async () => {
    const name = `dhs-${short}-config`;
    const configs = await swarmGroup('Configs');
    const result = await vscode.commands.executeCommand('dockerHosts.swarm.createConfig', ...(await menu(configs)), scripted({ name, value: 'listen 8080;' }));
    assert.deepEqual(result, { names: [name] });
    const [config] = await docker.listConfigs({ filters: { name: [name] } });
    assert.equal(Buffer.from((config as { Spec?: { Data?: string } } | undefined)?.Spec?.Data ?? '', 'base64').toString('utf8'), 'listen 8080;');
    const node = await childNamed('Configs', name);
    assert.equal(node.getTreeItem().contextValue, 'swarmConfig');
    const configEditor = await vscode.commands.executeCommand<vscode.TextEditor>('dockerHosts.swarm.inspectConfig', ...(await menu(node)));
    assert.equal(configEditor?.document.uri.scheme, 'docker-hosts-view', 'a read-only document');
    await inspectionShown(name);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const outside = `dhs-${short}-outside`;
    await childrenOf(configs);
    let outsideId = '';
    await repainted(configs, 'a repaint of Configs after a config made outside', async () => {
      outsideId = ((await docker.createConfig({ Name: outside, Data: Buffer.from('x').toString('base64') })) as { id: string }).id;
    });
    assert.ok((await childrenOf(configs)).map(label).includes(outside));
    await repainted(configs, 'a repaint of Configs after a config removed outside', () => docker.getConfig(outsideId).remove());
    assert.ok(!(await childrenOf(configs)).map(label).includes(outside));

    assert.deepEqual(await vscode.commands.executeCommand('dockerHosts.swarm.removeConfig', ...(await menu(node)), scripted({ confirmed: true })), { names: [name] });
    assert.deepEqual(await docker.listConfigs({ filters: { name: [name] } }), []);
  });

  it('Create Secret refuses a bad name and an empty value before asking the engine', async () => {
    const secrets = await swarmGroup('Secrets');
    const before = await secretNames();
    assert.equal(await vscode.commands.executeCommand('dockerHosts.swarm.createSecret', ...(await menu(secrets)), scripted({ name: '-bad name', value: 'x' })), undefined);
    assert.equal(await vscode.commands.executeCommand('dockerHosts.swarm.createSecret', ...(await menu(secrets)), scripted({ name: `dhs-${short}-empty`, value: '' })), undefined);
    assert.deepEqual(await secretNames(), before);
  });

  it('Deploy Stack from the Explorer’s arguments (uri, [uri]) asks the stack name, prefilled with the folder’s name; a re-deploy with prune removes the service the file dropped, without prune keeps it; a name the swarm would refuse is refused before anything is made, one with capitals deploys', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    const stack = `dhstack-${short}`;
    stackFolder = path.join(workspace.uri.fsPath, stack);
    mkdirSync(stackFolder, { recursive: true });
    const uri = writeStack(stackFolder, ['api', 'worker']);
    const deployed = await acceptingDefaults(vscode.commands.executeCommand<{ stack: string }>('dockerHosts.swarm.deployStack', uri, [uri]));
    assert.equal(deployed?.stack, stack, 'the name asked was prefilled with the folder’s name');
    assert.deepEqual(await stackServices(stack), [`${stack}_api`, `${stack}_worker`]);

    writeStack(stackFolder, ['api']);
    await vscode.commands.executeCommand('dockerHosts.swarm.deployStack', uri, [uri], scripted({ stack, prune: false }));
    assert.deepEqual(await stackServices(stack), [`${stack}_api`, `${stack}_worker`], 'without prune the dropped service stays');
    await vscode.commands.executeCommand('dockerHosts.swarm.deployStack', uri, [uri], scripted({ stack, prune: true }));
    assert.deepEqual(await stackServices(stack), [`${stack}_api`], 'prune removed the service the file no longer has');

    assert.equal(await vscode.commands.executeCommand('dockerHosts.swarm.deployStack', uri, [uri], scripted({ stack: 'bad.name' })), undefined);
    assert.deepEqual(await stackServices('bad.name'), []);
    assert.equal((await docker.listNetworks({ filters: { name: ['bad.name_default'] } })).length, 0, 'nothing was made for the refused name');
    const capitals = `Dh_${short}`; // the docker 28 CLI deploys such a name (checked on this machine)
    assert.equal((await vscode.commands.executeCommand<{ stack: string }>('dockerHosts.swarm.deployStack', uri, [uri], scripted({ stack: capitals })))?.stack, capitals);
    assert.deepEqual(await stackServices(capitals), [`${capitals}_api`]);
    await vscode.commands.executeCommand('dockerHosts.swarm.removeStack', scripted({ machine: 'local', stack: capitals, confirmed: true }));
    await vscode.commands.executeCommand('dockerHosts.swarm.removeStack', scripted({ machine: 'local', stack, confirmed: true }));
    assert.deepEqual(await stackServices(stack), []);
  });

  it('Deploy Stack from the Stacks group (node, [node]) deploys the compose file open in the editor, and from the editor title (uri, { groupId }) re-deploys it; both ask the name', async () => {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace);
    const stack = `dhedit-${short}`;
    const folder = path.join(workspace.uri.fsPath, stack);
    mkdirSync(folder, { recursive: true });
    try {
      const uri = writeStack(folder, ['web']);
      await vscode.window.showTextDocument(uri);
      const fromGroup = await acceptingDefaults(vscode.commands.executeCommand<{ stack: string }>('dockerHosts.swarm.deployStack', ...(await menu(swarmGroup('Stacks')))));
      assert.equal(fromGroup?.stack, stack);
      assert.deepEqual(await stackServices(stack), [`${stack}_web`]);
      const fromTitle = await acceptingDefaults(vscode.commands.executeCommand<{ stack: string; services: string[] }>('dockerHosts.swarm.deployStack', uri, { groupId: 1 }));
      assert.deepEqual(fromTitle, { stack, services: [`${stack}_web`] });
      assert.deepEqual(await stackServices(stack), [`${stack}_web`]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('dockerHosts.swarm.removeStack', scripted({ machine: 'local', stack, confirmed: true }));
      rmSync(folder, { recursive: true, force: true });
    }
    assert.deepEqual(await stackServices(stack), []);
  });

  it('Connect Container… on an attachable overlay network node connects a standalone container of local; a network that is not attachable is refused', async () => {
    const attachable = `dhs-${short}-attach`;
    const closed = `dhs-${short}-closed`;
    const netA = (await docker.createNetwork({ Name: attachable, Driver: 'overlay', Attachable: true, Labels: { [TEST_LABEL]: runId } })) as { id: string };
    const netB = (await docker.createNetwork({ Name: closed, Driver: 'overlay', Labels: { [TEST_LABEL]: runId } })) as { id: string };
    const containerName = `dhs-${short}-standalone`;
    const container = await createContainer(docker, runId, containerName);
    await container.start();
    try {
      const node = await childNamed('Networks', attachable);
      assert.equal(node.getTreeItem().contextValue, 'swarmNetwork');
      const result = await vscode.commands.executeCommand('dockerHosts.swarm.connectContainer', ...(await menu(node)), scripted({ container: containerName }));
      assert.deepEqual(result, { network: attachable, container: containerName, machine: 'local' });
      const networks = (await container.inspect()).NetworkSettings.Networks;
      assert.ok(networks[attachable], `the container is on ${Object.keys(networks).join(', ')}`);
      assert.equal(networks[attachable]?.NetworkID, netA.id);

      const closedNode = await childNamed('Networks', closed);
      assert.equal(await vscode.commands.executeCommand('dockerHosts.swarm.connectContainer', ...(await menu(closedNode)), scripted({ container: containerName })), undefined);
      assert.equal((await container.inspect()).NetworkSettings.Networks[closed], undefined, 'not on the network that is not attachable');
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
      for (const id of [netA.id, netB.id]) await eventually(`network ${id} removed`, 30_000, () => docker.getNetwork(id).remove().then(() => true, () => undefined));
    }
  });

  it('a swarm left outside VS Code (the engine sends no event for that) shows local in no swarm without a Refresh, and the Swarm node goes', async () => {
    await swarmGroup('Nodes'); // the tree knows the swarm
    const swarmId = (await childrenOf(undefined)).find((n) => n.getTreeItem().contextValue === 'swarm')?.getTreeItem().id;
    assert.ok(swarmId, 'the Swarm node has an id');
    // The swarm is this suite's own (made in before()): its services go first, so that leaving
    // does not wait on task containers stopping (a leave that did timed out in the engine once).
    for (const service of await docker.listServices()) await docker.getService(service.ID).remove().catch(() => undefined);
    await eventually('the services\' task containers gone', 60_000, async () => ((await docker.listContainers({ filters: { label: ['com.docker.swarm.service.id'] } })).length === 0 ? true : undefined));
    // "context deadline exceeded" is the engine's own wait running out while the leave goes on.
    await docker.swarmLeave({ force: true }).catch((error: unknown) => {
      if (!/deadline exceeded/.test(String(error))) throw error;
    });
    await eventually('the engine in no swarm', 60_000, async () => ((await swarmState()) === 'inactive' ? true : undefined));
    await eventually('local shown in no swarm, with no Refresh', 30_000, async () => {
      const top = await api.treeDataProvider.getChildren(undefined);
      const local = top.find((node) => node.getTreeItem().label === 'local');
      const swarmShown = top.some((node) => node.getTreeItem().id === swarmId);
      return local && !/\bswarm-/.test(String(local.getTreeItem().contextValue)) && !swarmShown ? true : undefined;
    });
  });
});
