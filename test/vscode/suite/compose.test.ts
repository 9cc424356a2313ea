// Compose in real VS Code against the real local engine: Up from the Explorer's arguments, the
// project in the tree's Compose group, Up of chosen services, Logs in a terminal, Down from the
// project node; and the compose file editor (schema diagnostics at the key, completion and hover
// from the compose language server).
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import Docker from 'dockerode';
import type { DockerHostsApi } from '../../../src/extension/api';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { BASE_IMAGE, eventually, localDocker, newRunId, TEST_LABEL } from '../../support/engine';
import { HOSTB } from '../../support/testHosts';
import { machineGroup, withHostBMachine } from './hostBMachine';
import { localGroup } from './localGroups';
import { menu } from './menuArguments';

const docker = localDocker();
const runId = newRunId();
const project = `dhc-${runId}`;
let api: DockerHostsApi;
let folder: string;

/** A two-service project in the workspace: each service prints a line naming itself, then sleeps. */
function writeProject(): vscode.Uri {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  assert.ok(workspace, 'a workspace folder is open');
  folder = path.join(workspace.uri.fsPath, `compose-${runId}`);
  mkdirSync(folder, { recursive: true });
  const service = (name: string): string[] => [
    `  ${name}:`,
    `    image: ${BASE_IMAGE}`,
    `    command: ["sh", "-c", "echo hello from ${name}; exec sleep 600"]`,
    "    stop_grace_period: 1s",
    '    labels:',
    `      ${TEST_LABEL}: "${runId}"`,
  ];
  const file = path.join(folder, 'compose.yaml');
  writeFileSync(file, [`name: ${project}`, 'services:', ...service('web'), ...service('worker'), ''].join('\n'));
  return vscode.Uri.file(file);
}

async function projectContainers(): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
}

async function removeProject(): Promise<void> {
  for (const container of await projectContainers()) {
    await docker.getContainer(container.Id).remove({ force: true }).catch(() => undefined);
  }
  for (const network of await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${project}`] } })) {
    await docker.getNetwork(network.Id).remove().catch(() => undefined);
  }
}

async function projectNode(): Promise<TreeNode> {
  return eventually(`${project} in local → Compose`, 15_000, async () => {
    const children = await api.treeDataProvider.getChildren(await localGroup(api, 'Compose'));
    return children.find((node) => node.getTreeItem().label === project);
  });
}

async function labelsOf(node: TreeNode): Promise<string[]> {
  return (await api.treeDataProvider.getChildren(node)).map((child) => String(child.getTreeItem().label));
}

/** The terminal's whole text, through its own Select All and Copy. */
async function terminalText(terminal: vscode.Terminal): Promise<string> {
  terminal.show();
  await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
  await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
  return vscode.env.clipboard.readText();
}

describe('Compose in VS Code', function () {
  this.timeout(120_000);
  let compose: vscode.Uri;

  before(async () => {
    api = await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dockerHosts');
    compose = writeProject();
  });

  after(async () => {
    await removeProject();
    rmSync(folder, { recursive: true, force: true });
  });

  it('Compose Up with the Explorer’s arguments (uri, [uri]) brings the project up on the local engine, labelled as docker compose labels it', async () => {
    const results = await vscode.commands.executeCommand<unknown[]>('dockerHosts.compose.up', compose, [compose]);
    assert.deepEqual(results, [{ project, machine: 'local' }]);
    const containers = await projectContainers();
    assert.deepEqual(containers.map((c) => c.Labels['com.docker.compose.service']).sort(), ['web', 'worker']);
    for (const container of containers) {
      assert.equal(container.State, 'running', `${container.Names[0]} runs`);
      assert.equal(container.Labels['com.docker.compose.project.config_files'], compose.fsPath);
      assert.equal(container.Labels['com.docker.compose.project.working_dir'], folder);
    }
  });

  it('shows the project in local → Compose with its services and their containers, running', async () => {
    const node = await projectNode();
    assert.match(node.getTreeItem().contextValue ?? '', /^composeProject:running files$/);
    assert.match(String(node.getTreeItem().description), /^2\/2 running$/);
    assert.deepEqual((await labelsOf(node)).sort(), ['web', 'worker']);
    const [web] = (await api.treeDataProvider.getChildren(node)).filter((child) => child.getTreeItem().label === 'web');
    assert.ok(web);
    assert.deepEqual(await labelsOf(web), [`${project}-web-1`]);
  });

  it('repaints the Compose group when a container of the project stops (an engine event, not a refresh of the whole tree)', async () => {
    const group = await localGroup(api, 'Compose');
    await api.treeDataProvider.getChildren(group);
    const fired: (TreeNode | undefined)[] = [];
    const subscription = api.treeDataProvider.onDidChangeTreeData((element) => fired.push(element));
    try {
      await docker.getContainer(`${project}-worker-1`).stop({ t: 1 });
      await eventually('a repaint of local → Compose', 15_000, () => (fired.includes(group) ? true : undefined));
    } finally {
      subscription.dispose();
    }
    assert.ok(!fired.includes(undefined), 'the whole tree was not refreshed');
    const node = await projectNode();
    assert.equal(node.getTreeItem().contextValue, 'composeProject:partial files');
    assert.equal(String(node.getTreeItem().description), '1/2 running');
    await vscode.commands.executeCommand('dockerHosts.compose.start', ...(await menu(projectNode())));
    assert.equal((await docker.getContainer(`${project}-worker-1`).inspect()).State.Running, true, 'Compose Start on the node started it again');
  });

  it('Compose Logs on the project node opens one terminal with lines from both services', async () => {
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>('dockerHosts.compose.logs', ...(await menu(projectNode())));
    assert.ok(terminal);
    try {
      assert.equal(terminal.name, `compose logs: ${project}`);
      const text = await eventually('both services’ lines in the terminal', 20_000, async () => {
        const shown = await terminalText(terminal);
        return /web-1\s+\| hello from web/.test(shown) && /worker-1\s+\| hello from worker/.test(shown) ? shown : undefined;
      });
      assert.match(text, /hello from web/);
      assert.equal(terminal.exitStatus, undefined, 'following: the terminal stays open');
    } finally {
      terminal.dispose();
    }
  });

  it('Compose Down with the tree’s arguments (node, [node]) removes the containers and the network; the project shows as not up', async () => {
    const results = await vscode.commands.executeCommand<unknown[]>('dockerHosts.compose.down', ...(await menu(projectNode())), scripted({ confirmed: true }));
    assert.deepEqual(results, [{ project, machine: 'local' }]);
    assert.deepEqual(await projectContainers(), []);
    assert.deepEqual((await docker.listNetworks({ filters: { name: [`${project}_default`] } })).map((n) => n.Name), []);
    await eventually('the project node to say it is not up', 15_000, async () => ((await projectNode()).getTreeItem().contextValue === 'composeProject:down files' ? true : undefined));
  });

  it('Compose Up on the node of a project that is not up (its files in the workspace) brings it up again', async () => {
    const node = await projectNode();
    assert.equal(node.getTreeItem().contextValue, 'composeProject:down files');
    assert.deepEqual(await vscode.commands.executeCommand('dockerHosts.compose.up', ...(await menu(node))), [{ project, machine: 'local' }]);
    assert.equal((await projectContainers()).filter((c) => c.State === 'running').length, 2);
    await vscode.commands.executeCommand('dockerHosts.compose.down', ...(await menu(projectNode())), scripted({ confirmed: true }));
    assert.deepEqual(await projectContainers(), []);
  });

  it('Compose Up (select services) brings up only the services chosen', async () => {
    const results = await vscode.commands.executeCommand<unknown[]>('dockerHosts.compose.upServices', compose, [compose], scripted({ services: ['worker'] }));
    assert.deepEqual(results, [{ project, machine: 'local' }]);
    const containers = await projectContainers();
    assert.deepEqual(containers.map((c) => c.Labels['com.docker.compose.service']), ['worker']);
    await vscode.commands.executeCommand('dockerHosts.compose.down', compose, [compose], scripted({ confirmed: true }));
    assert.deepEqual(await projectContainers(), []);
  });

  it('marks an unknown key in a compose file on its line, from the compose-spec schema', async () => {
    const file = path.join(folder, 'docker-compose.yml');
    writeFileSync(file, ['services:', '  web:', `    image: ${BASE_IMAGE}`, '    imagee: typo', ''].join('\n'));
    const document = await vscode.workspace.openTextDocument(file);
    assert.equal(document.languageId, 'dockercompose', 'VS Code itself maps docker-compose.yml to the compose language');
    await vscode.window.showTextDocument(document);
    const [problem] = await eventually('a compose diagnostic', 10_000, () => {
      const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'compose');
      return found.length > 0 ? found : undefined;
    });
    assert.ok(problem);
    assert.equal(problem.range.start.line, 3);
    assert.match(problem.message, /imagee/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('offers service keys as completion and shows documentation on hover (compose language server)', async () => {
    const file = path.join(folder, 'compose.override.yaml');
    writeFileSync(file, ['services:', '  web:', `    image: ${BASE_IMAGE}`, '    ', ''].join('\n'));
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    const labels = await eventually('completion items from the language server', 30_000, async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(3, 4));
      const found = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      return found.includes('depends_on:') ? found : undefined;
    });
    assert.ok(labels.includes('command:'), `service keys offered: ${labels.join(', ')}`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 6));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /image/i, `hover: ${text}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    rmSync(file);
  });

  it('Compose Build builds a service’s image from its Dockerfile, tagged as its image: says', async () => {
    const buildFolder = path.join(folder, 'built');
    mkdirSync(buildFolder, { recursive: true });
    const tag = `dhc-built-${runId}:1`;
    writeFileSync(path.join(buildFolder, 'Dockerfile'), `FROM ${BASE_IMAGE}\nLABEL ${TEST_LABEL}=${runId}\nRUN echo built-by-compose > /built\n`);
    const file = path.join(buildFolder, 'compose.yaml');
    writeFileSync(file, ['services:', '  app:', '    build: .', `    image: ${tag}`, ''].join('\n'));
    try {
      const results = await vscode.commands.executeCommand<unknown[]>('dockerHosts.compose.build', vscode.Uri.file(file), [vscode.Uri.file(file)]);
      assert.deepEqual(results, [{ project: 'built', machine: 'local' }]);
      assert.ok(await docker.getImage(tag).inspect(), `the engine has ${tag}`);
    } finally {
      await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
    }
  });

  it('Compose Pull pulls each service’s image from its registry (the test registry on 127.0.0.1:5000)', async () => {
    const repo = `127.0.0.1:5000/dhc-pull-${runId}`;
    await docker.getImage(BASE_IMAGE).tag({ repo, tag: '1' });
    const pushed = await docker.getImage(`${repo}:1`).push({ authconfig: { username: '', password: '', serveraddress: '127.0.0.1:5000' } }); // the engine wants an X-Registry-Auth header; this registry asks no login
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(pushed, (error: Error | null) => (error ? reject(error) : resolve())));
    await docker.getImage(`${repo}:1`).remove();
    const pullFolder = path.join(folder, 'pulled');
    mkdirSync(pullFolder, { recursive: true });
    const file = vscode.Uri.file(path.join(pullFolder, 'compose.yaml'));
    writeFileSync(file.fsPath, ['services:', '  app:', `    image: ${repo}:1`, ''].join('\n'));
    try {
      assert.deepEqual(await vscode.commands.executeCommand('dockerHosts.compose.pull', file, [file]), [{ project: 'pulled', machine: 'local' }]);
      assert.ok(await docker.getImage(`${repo}:1`).inspect(), `the engine has ${repo}:1 again`);
    } finally {
      await docker.getImage(`${repo}:1`).remove().catch(() => undefined);
    }
  });

  it('Compose Up and Down on another machine (host B over SSH): the containers are made there, the project shows under that machine’s Compose group', async () => {
    const hostB = new Docker({ socketPath: HOSTB.engine.socketPath });
    const onB = (): Promise<Docker.ContainerInfo[]> => hostB.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    await withHostBMachine(`compose-b-${runId}`, async (id) => {
      try {
        assert.deepEqual(await vscode.commands.executeCommand('dockerHosts.compose.up', compose, [compose], scripted({ machine: id })), [{ project, machine: id }]);
        assert.deepEqual((await onB()).map((c) => c.Labels['com.docker.compose.service']).sort(), ['web', 'worker']);
        assert.deepEqual(await projectContainers(), [], 'and nothing on the local engine');
        const group = await machineGroup(api, `compose-b-${runId}`, 'Compose');
        const node = (await api.treeDataProvider.getChildren(group)).find((n) => n.getTreeItem().label === project);
        assert.ok(node, 'the project is under host B’s Compose group');
        assert.equal(node.getTreeItem().contextValue, 'composeProject:running files');
        await vscode.commands.executeCommand('dockerHosts.compose.down', node, [node], scripted({ confirmed: true }));
        assert.deepEqual(await onB(), []);
      } finally {
        for (const container of await onB()) await hostB.getContainer(container.Id).remove({ force: true }).catch(() => undefined);
      }
    });
  });
});
