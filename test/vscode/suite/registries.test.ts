// The Registries view in real VS Code: registries the test starts (anonymous, htpasswd, token
// auth with its own token server, and a registry that answers 500), added with the commands,
// walked through the view's own data provider, and the tag commands run on its nodes.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as http from 'node:http';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { DockerHostsApi } from '../../../src/extension/api';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import { parseRegistryAddress } from '../../../src/core/registry/registryAddress';
import { RegistryClient } from '../../../src/core/registry/registryClient';
import type { TreeNode } from '../../../src/extension/tree/nodes/treeNode';
import { eventually, localDocker } from '../../support/engine';
import { NO_CATALOG_PASSWORD, NO_CATALOG_USER, pushTestImage, REGISTRY_PASSWORD, REGISTRY_USER, startTestRegistries, TestRegistries } from '../../support/testRegistries';
import { menu } from './menuArguments';

const docker = localDocker();
let api: DockerHostsApi;
let registries: TestRegistries;
let failing: http.Server;
let failingHost: string;

const label = (node: TreeNode): string => String(node.getTreeItem().label);
const children = (node?: TreeNode): Promise<TreeNode[]> => Promise.resolve(api.registriesDataProvider.getChildren(node));

async function registryNode(host: string): Promise<TreeNode> {
  return eventually(`${host} in the Registries view`, 8_000, async () => (await children()).find((node) => label(node) === host));
}

async function child(parent: TreeNode, name: string): Promise<TreeNode> {
  return eventually(`"${name}" under ${label(parent)}`, 8_000, async () => (await children(parent)).find((node) => label(node) === name));
}

async function listedTags(host: string, repository: string): Promise<string[]> {
  return new RegistryClient({ address: parseRegistryAddress(host), credentials: async () => undefined, timeoutMs: 8000 }).tags(repository);
}

describe('Registries view', function () {
  this.timeout(120_000);

  before(async () => {
    api = await vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts')!.activate();
    registries = await startTestRegistries();
    for (const tag of ['1.0', '2.0', 'doomed']) await pushTestImage(docker, registries.anonymous.host, 'suite/app', tag);
    failing = http.createServer((_req, res) => res.writeHead(500).end('{"errors":[{"code":"UNKNOWN","message":"storage is down"}]}'));
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    failingHost = `127.0.0.1:${(failing.address() as net.AddressInfo).port}`;
    await vscode.commands.executeCommand('dockerHosts.registries.focus');
  });

  after(async () => {
    for (const node of await children()) {
      await vscode.commands.executeCommand('dockerHosts.registry.remove', ...(await menu(node)), scripted({ confirmed: true }));
    }
    failing?.close();
    await registries?.stop();
    await docker.getImage(`${registries.anonymous.host}/suite/app:1.0`).remove({ force: true }).catch(() => undefined);
  });

  it('adds an anonymous registry and shows repository → tags with digest, size and date', async () => {
    await vscode.commands.executeCommand('dockerHosts.registry.add', scripted({ address: registries.anonymous.host, auth: 'anonymous' }));
    const repository = await child(await registryNode(registries.anonymous.host), 'suite/app');
    const tag = await child(repository, '1.0');
    const description = await eventually('the tag details', 8_000, () => {
      const text = String(tag.getTreeItem().description ?? '');
      return /^[a-f0-9]{12} · [\d.]+[kM]B · /.test(text) ? text : undefined;
    });
    assert.match(description, /ago$/);
    assert.match(String((tag.getTreeItem().tooltip as vscode.MarkdownString).value), /Digest: `+ sha256:[a-f0-9]{64}/);
  });

  it('Copy Reference puts host/repo:tag, or @digest, on the clipboard', async () => {
    const tag = await child(await child(await registryNode(registries.anonymous.host), 'suite/app'), '2.0');
    await vscode.commands.executeCommand('dockerHosts.registry.copyReference', ...(await menu(tag)), scripted({ digest: false }));
    assert.equal(await vscode.env.clipboard.readText(), `${registries.anonymous.host}/suite/app:2.0`);
    await eventually('the digest', 8_000, () => tag.getTreeItem().description || undefined);
    await vscode.commands.executeCommand('dockerHosts.registry.copyReference', ...(await menu(tag)), scripted({ digest: true }));
    assert.match(await vscode.env.clipboard.readText(), new RegExp(`^${registries.anonymous.host}/suite/app@sha256:[a-f0-9]{64}$`));
  });

  it('Pull to Machine pulls the tag onto the chosen machine through the engine', async () => {
    const reference = `${registries.anonymous.host}/suite/app:1.0`;
    await docker.getImage(reference).remove({ force: true }).catch(() => undefined);
    const tag = await child(await child(await registryNode(registries.anonymous.host), 'suite/app'), '1.0');
    await vscode.commands.executeCommand('dockerHosts.registry.pull', ...(await menu(tag)), scripted({ machine: 'local' }));
    assert.ok(await docker.getImage(reference).inspect(), 'the engine has the image');
  });

  it('Delete Tag deletes it from the registry; the view lists it no more', async () => {
    const repository = await child(await registryNode(registries.anonymous.host), 'suite/app');
    const doomed = await child(repository, 'doomed');
    await vscode.commands.executeCommand('dockerHosts.registry.deleteTag', ...(await menu(doomed)), scripted({ confirmed: true }));
    assert.deepEqual((await listedTags(registries.anonymous.host, 'suite/app')).sort(), ['1.0', '2.0']);
    const again = await child(await registryNode(registries.anonymous.host), 'suite/app');
    assert.deepEqual((await children(again)).map(label).sort(), ['1.0', '2.0']);
  });

  it('basic auth: a wrong password adds nothing; the right one lists the catalog', async () => {
    await vscode.commands.executeCommand('dockerHosts.registry.add', scripted({ address: registries.basic.host, auth: 'password', username: REGISTRY_USER, password: 'wrong' }));
    assert.ok(!(await children()).some((node) => label(node) === registries.basic.host), 'refused credentials add no registry');
    await vscode.commands.executeCommand('dockerHosts.registry.add', scripted({ address: registries.basic.host, auth: 'password', username: REGISTRY_USER, password: REGISTRY_PASSWORD }));
    assert.ok(await child(await registryNode(registries.basic.host), 'suite/app'));
  });

  it("docker's credentials: the auths entry of DOCKER_CONFIG's config.json signs in to the htpasswd registry", async () => {
    await vscode.commands.executeCommand('dockerHosts.registry.remove', scripted({ registry: `http://${registries.basic.host}`, confirmed: true }));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-docker-config-'));
    const previous = process.env.DOCKER_CONFIG;
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [registries.basic.host]: { auth: Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64') } } }));
    process.env.DOCKER_CONFIG = dir;
    try {
      await vscode.commands.executeCommand('dockerHosts.registry.add', scripted({ address: registries.basic.host, auth: 'docker' }));
      const registry = await registryNode(registries.basic.host);
      assert.equal(registry.getTreeItem().description, "docker's credentials");
      assert.ok(await child(registry, 'suite/app'));
    } finally {
      if (previous === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = previous;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('token auth without catalog access: says so, and Add Repository shows a named one', async () => {
    await vscode.commands.executeCommand('dockerHosts.registry.add', scripted({ address: registries.token.host, auth: 'password', username: NO_CATALOG_USER, password: NO_CATALOG_PASSWORD }));
    const registry = await registryNode(registries.token.host);
    assert.ok(await child(registry, 'Not listed by this registry: Add Repository…'));
    await vscode.commands.executeCommand('dockerHosts.registry.addRepository', ...(await menu(registry)), scripted({ repository: 'suite/app' }));
    const repository = await child(await registryNode(registries.token.host), 'suite/app');
    assert.deepEqual((await children(repository)).map(label).sort(), ['1.0', '2.0']);
  });

  it('a registry that answers 500 shows the error and Retry under it; the others still list', async () => {
    await vscode.commands.executeCommand('dockerHosts.registry.add', scripted({ address: failingHost, auth: 'anonymous', testConnection: false }));
    const shown = (await children(await registryNode(failingHost))).map(label);
    assert.match(shown[0] ?? '', /500: UNKNOWN storage is down.*try again later/);
    assert.equal(shown[1], 'Retry');
    assert.ok(await child(await registryNode(registries.anonymous.host), 'suite/app'));
  });

  it('Remove Registry forgets the entry only', async () => {
    await vscode.commands.executeCommand('dockerHosts.registry.remove', ...(await menu(registryNode(failingHost))), scripted({ confirmed: true }));
    assert.ok(!(await children()).some((node) => label(node) === failingHost));
    assert.ok(await registryNode(registries.anonymous.host));
  });
});
