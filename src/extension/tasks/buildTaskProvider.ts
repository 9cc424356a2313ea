import * as path from 'node:path';
import * as vscode from 'vscode';
import { BuildOptions } from '../../core/build/buildTypes';
import { parseSshSpec, SshForwardSpec } from '../../core/buildkit/sshForward';
import { MachineSession } from '../../core/machines/session';
import { Services } from '../services';
import { BuildDiagnostics } from './buildDiagnostics';
import { BUILD_TASK_TYPE, BuildTaskDefinition, DOCKERFILE_GLOB, isBuildTaskDefinition } from './buildTaskDefinition';
import { BuildTerminal } from './buildTerminal';

/**
 * docker-hosts-build tasks: one offered per Dockerfile in the workspace, and hand-written ones
 * from tasks.json. Nothing is offered or run in an untrusted workspace: a cloned tasks.json
 * could otherwise build on a remote machine.
 */
export class BuildTaskProvider implements vscode.TaskProvider {
  constructor(private readonly services: Services, private readonly diagnostics: BuildDiagnostics) {}

  async provideTasks(): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) {
      return [];
    }
    const files = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', 200);
    return files.flatMap((file) => {
      const folder = vscode.workspace.getWorkspaceFolder(file);
      if (!folder) return [];
      const definition: BuildTaskDefinition = { type: BUILD_TASK_TYPE, dockerfile: path.relative(folder.uri.fsPath, file.fsPath) };
      return [this.taskFor(definition, folder)];
    });
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    if (!vscode.workspace.isTrusted || !isBuildTaskDefinition(task.definition)) {
      return undefined;
    }
    const scope = task.scope && typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return scope ? this.taskFor(task.definition, scope) : undefined;
  }

  taskFor(definition: BuildTaskDefinition, folder: vscode.WorkspaceFolder): vscode.Task {
    const task = new vscode.Task(
      definition,
      folder,
      `build ${definition.dockerfile}${definition.machine ? ` on ${definition.machine}` : ''}`,
      'Docker Hosts',
      new vscode.CustomExecution(async () => new BuildTerminal(() => this.machineFor(definition), buildOptions(definition, folder), this.diagnostics, this.services.registryCredentials)),
      [],
    );
    task.group = vscode.TaskGroup.Build;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
    return task;
  }

  private async machineFor(definition: BuildTaskDefinition): Promise<MachineSession> {
    const session = definition.machine
      ? this.services.registry.all.find((s) => s.machine.name === definition.machine)
      : this.services.activeMachine.session;
    if (!session) {
      throw new Error(definition.machine ? `No machine named "${definition.machine}" (known: ${this.services.registry.all.map((s) => s.machine.name).join(', ')})` : 'No active machine');
    }
    await session.connect();
    if (session.state !== 'running') {
      throw new Error(`${session.machine.name} is ${session.state}: ${session.error ?? ''}`);
    }
    return session;
  }
}

/** Task properties to build options: paths resolved against the workspace folder. */
export function buildOptions(definition: BuildTaskDefinition, folder: vscode.WorkspaceFolder): BuildOptions {
  const root = folder.uri.fsPath;
  const dockerfile = path.resolve(root, definition.dockerfile);
  const contextSetting = vscode.workspace.getConfiguration('dockerHosts.build', folder).get<string>('contextFolder', 'dockerfileFolder');
  const contextDir = definition.context !== undefined ? path.resolve(root, definition.context) : contextSetting === 'workspaceRoot' ? root : path.dirname(dockerfile);
  const tags = definition.tags === undefined ? [] : Array.isArray(definition.tags) ? definition.tags : [definition.tags];
  return {
    contextDir,
    dockerfile,
    tags,
    ...(definition.buildArgs && { buildArgs: definition.buildArgs }),
    ...(definition.target && { target: definition.target }),
    ...(definition.platform && { platform: definition.platform }),
    ...(definition.labels && { labels: definition.labels }),
    ...(definition.noCache && { noCache: true }),
    ...(definition.pull && { pull: true }),
    ...(definition.network && { network: definition.network }),
    ...(definition.builder && { builder: definition.builder }),
    ...(definition.cacheFrom && { cacheFrom: definition.cacheFrom }),
    // Checked by the build itself, as the secrets are.
    ...(definition.output && { output: { ...definition.output, dest: typeof definition.output.dest === 'string' ? path.resolve(root, definition.output.dest) : definition.output.dest } }),
    // Checked by the build itself: a malformed entry fails the task with its message.
    ...(definition.secrets && { secrets: definition.secrets.map((secret) => (typeof secret?.src === 'string' ? { ...secret, src: path.resolve(root, secret.src) } : secret)) }),
    ...(definition.ssh !== undefined && { ssh: ([] as unknown[]).concat(definition.ssh).map((entry) => (typeof entry === 'string' ? parseSshSpec(entry) : (entry as SshForwardSpec))) }),
  };
}
