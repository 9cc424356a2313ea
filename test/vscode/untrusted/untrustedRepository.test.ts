// A cloned repository opened in real VS Code with workspace trust on and the folder not trusted.
// Its .vscode/settings.json names its own ssh_config (with a ProxyCommand) and known_hosts (one
// line trusting any key for any host), a request timeout of 0 and no confirmations. None of it
// may count: the user's settings and the defaults do, and SSH into Machine refuses to run.
import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scripted } from '../../../src/extension/commands/scriptOptions';
import { NON_INTERACTIVE } from '../../../src/core/ssh/sshInteraction';
import type { DockerHostsApi } from '../../../src/extension/api';
import { deployStackCommand } from '../../../src/extension/swarm/stackCommands';
import type { SwarmContext } from '../../../src/extension/swarm/swarmTargets';
import { sshFileSettings, sshSettingsFromEditor } from '../../../src/extension/machines/sshSettingsFromEditor';
import { confirmDestructiveActionsSetting, requestTimeoutMsSetting } from '../../../src/extension/userSettings';
import { BASE_IMAGE, localDocker, newRunId } from '../../support/engine';
import { ensureTestHosts, HOSTB } from '../../support/testHosts';
import type { HostileRepository } from '../runUntrusted';

const repo = JSON.parse(process.env.DOCKER_HOSTS_HOSTILE_REPO ?? '{}') as HostileRepository;
const runId = newRunId();

describe('A cloned repository opened untrusted', () => {
  let api: DockerHostsApi;

  before(async () => {
    assert.ok(repo.folder, 'started by runUntrusted.js');
    const extension = vscode.extensions.getExtension<DockerHostsApi>('docker-hosts.docker-hosts');
    assert.ok(extension);
    api = await extension.activate();
    await api.ready;
  });

  it('is open in Restricted Mode, with the repository folder and its settings in effect', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is not trusted (else this suite proves nothing)');
    assert.equal(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, repo.folder);
    assert.equal(vscode.workspace.getConfiguration('dockerHosts.images').get('sortBy'), 'size', "the repository's harmless setting applies");
  });

  it("takes the SSH config and known_hosts from the user's settings and the defaults, never the repository's", () => {
    assert.deepEqual(sshFileSettings(), { knownHostsFile: repo.userKnownHostsFile });
    const log = vscode.window.createOutputChannel('Docker Hosts untrusted test', { log: true });
    try {
      const settings = sshSettingsFromEditor(NON_INTERACTIVE, log);
      assert.deepEqual(settings.knownHostsFiles, [repo.userKnownHostsFile]);
      assert.equal(settings.configFiles, undefined, '~/.ssh/config and /etc/ssh/ssh_config, the defaults');
    } finally {
      log.dispose();
    }
    const ssh = vscode.workspace.getConfiguration('dockerHosts.ssh');
    assert.equal(ssh.get('configFile'), '', 'VS Code itself ignores the machine-scoped value from the workspace');
    assert.equal(ssh.get('knownHostsFile'), repo.userKnownHostsFile);
  });

  it("ignores the repository's request timeout of 0 and its turning off of confirmations", () => {
    assert.equal(requestTimeoutMsSetting(), repo.userTimeoutSeconds * 1000);
    assert.equal(confirmDestructiveActionsSetting(), true);
    assert.equal(vscode.workspace.getConfiguration('dockerHosts').get('confirmDestructiveActions'), true);
  });

  it("connects an SSH machine with the user's known_hosts, and SSH into Machine refuses to run ssh", async () => {
    await ensureTestHosts();
    const options = { host: HOSTB.ssh.host, user: HOSTB.ssh.username, port: HOSTB.ssh.port, identityFile: HOSTB.ssh.privateKeyPath, remoteSocketPath: HOSTB.ssh.remoteSocketPath };
    // With the repository's known_hosts this would be refused: its one line pins another key.
    const id = await vscode.commands.executeCommand<string | undefined>('dockerHosts.machine.new', scripted({ name: `ssh-untrusted-${runId}`, driver: 'ssh', options }));
    assert.ok(id, "host B was verified against the user's known_hosts");
    try {
      assert.ok(api.machines().some((m) => m.id === id));
      const terminalsBefore = vscode.window.terminals.length;
      const terminal = await vscode.commands.executeCommand<vscode.Terminal | undefined>('dockerHosts.machine.ssh', scripted({ machine: id }));
      assert.equal(terminal, undefined, 'SSH into Machine refused');
      assert.equal(vscode.window.terminals.length, terminalsBefore, 'no terminal was created (createTerminal adds one at once)');
      assert.equal(existsSync(repo.marker), false, "the repository's ProxyCommand never ran");
    } finally {
      await vscode.commands.executeCommand('dockerHosts.machine.remove', scripted({ machine: id, confirmed: true }));
    }
  });

  it("refuses Compose Up, Pull and Build on the repository's compose file: nothing is created on the engine", async () => {
    const project = `dh-untrusted-${runId}`;
    const file = path.join(repo.folder, 'compose.yaml');
    writeFileSync(file, [`name: ${project}`, 'services:', '  web:', `    image: ${BASE_IMAGE}`, '    command: ["sleep", "600"]', ''].join('\n'));
    const uri = vscode.Uri.file(file);
    for (const verb of ['up', 'upServices', 'pull', 'build']) {
      const result = await vscode.commands.executeCommand(`dockerHosts.compose.${verb}`, uri, [uri]);
      assert.equal(result, undefined, `Compose ${verb} refused`);
    }
    const made = await localDocker().listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    assert.deepEqual(made, [], 'no container of the project exists');
  });

  it("refuses Deploy Stack on the repository's compose file before it looks for a swarm (as Compose Up)", async () => {
    const file = path.join(repo.folder, 'stack.yml');
    writeFileSync(file, ['services:', '  web:', `    image: ${BASE_IMAGE}`, ''].join('\n'));
    const uri = vscode.Uri.file(file);
    assert.equal(await vscode.commands.executeCommand('dockerHosts.swarm.deployStack', uri, [uri]), undefined, 'the command did nothing');
    // The handler itself: a context with nothing in it shows that no swarm, file or engine was reached first.
    await assert.rejects(deployStackCommand({} as SwarmContext, { nodes: [], uris: [uri] }, {}), /Deploy Stack runs what a compose file says .* off in Restricted Mode/);
  });
});
