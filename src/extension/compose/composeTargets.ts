// What a compose command acts on: a project on a machine. From the tree, the project node; from
// the Explorer or an editor, the project of the compose file, on the active machine; from the
// palette, a project (a workspace project for commands that need the files, else one on the
// machine) and a machine (asked when there is more than one, the active one first).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listComposeProjects } from '../../core/compose/engine/composeOperations';
import { ComposeProject } from '../../core/compose/model/composeModel';
import { findDefaultComposeFiles, isComposeFileName } from '../../core/compose/model/defaultFiles';
import { loadComposeProject } from '../../core/compose/model/loadProject';
import { MachineSession } from '../../core/machines/session';
import { pickMachine } from '../machines/pickMachine';
import { Services } from '../services';
import { ComposeProjectNode } from '../tree/nodes/composeNodes';
import { TreeNode } from '../tree/nodes/treeNode';
import { composeEnvironment, WorkspaceComposeProjects } from './workspaceComposeProjects';

export interface ComposeFiles {
  readonly configFiles: readonly string[];
  readonly workingDir: string;
}

export interface ComposeTarget {
  readonly session: MachineSession;
  readonly name: string;
  /** Its compose files on this computer, when known. */
  readonly files?: ComposeFiles;
  /** Already loaded (a file the user pointed at). */
  readonly project?: ComposeProject;
}

export interface ComposeContext {
  readonly services: Services;
  readonly workspace: WorkspaceComposeProjects;
}

/** How a command was invoked, as the command table's parser tells it. */
export interface ComposeInvocation {
  readonly nodes: readonly TreeNode[];
  readonly uris: readonly vscode.Uri[];
  /** Programmatic: the machine's id and the project's name instead of a node or a pick. */
  readonly machine?: string;
  readonly project?: string;
}

/** Whether the command reads the compose files (Up, Pull, Build) or needs only the project's name (Down, Stop, Logs…). */
export type TargetNeeds = 'files' | 'name';

export async function resolveComposeTargets(context: ComposeContext, invocation: ComposeInvocation, needs: TargetNeeds, verb: string): Promise<ComposeTarget[]> {
  const { registry } = context.services;
  const given = invocation.machine === undefined ? undefined : registry.get(invocation.machine);
  if (invocation.machine !== undefined && !given) {
    throw new Error(`No machine with id ${invocation.machine}`);
  }
  if (invocation.nodes.length > 0) {
    return invocation.nodes.flatMap((node) => {
      const session = node instanceof ComposeProjectNode ? registry.get(node.machineId) : undefined;
      return node instanceof ComposeProjectNode && session ? [{ session, name: node.project, ...(node.view.files && { files: node.view.files }) }] : [];
    });
  }
  const session = (): MachineSession | undefined => given ?? context.services.activeMachine.session;
  if (invocation.uris.length > 0) {
    const machine = session();
    if (!machine) {
      throw new Error('No machine to run it on: choose the active machine first (Docker Hosts: Set Active Machine).');
    }
    return Promise.all(unique(invocation.uris.map(composeFilesOf)).map(async (files) => ({ session: machine, ...(await loadedTarget(files)) })));
  }
  const machine = given ?? (await pickMachine(registry.all, `${verb}: which machine?`, context.services.activeMachine.session));
  if (!machine) {
    return [];
  }
  const name = invocation.project ?? (needs === 'files' ? await pickWorkspaceProject(context.workspace, verb) : await pickEngineProject(machine, verb));
  if (name === undefined) {
    return [];
  }
  const inWorkspace = (await context.workspace.list()).find((project) => project.name === name);
  return [{ session: machine, name, ...(inWorkspace && { files: { configFiles: inWorkspace.configFiles, workingDir: inWorkspace.workingDir } }) }];
}

/** The resolved project of a target, read from its files with the window's environment (and the project's .env). */
export async function loadTargetProject(target: ComposeTarget): Promise<ComposeProject> {
  if (target.project) {
    return target.project;
  }
  if (!target.files) {
    throw new Error(`The compose files of ${target.name} are not on this computer: open the folder that has them, then run it from the file or the Compose group.`);
  }
  return loadComposeProject({ files: target.files.configFiles, workingDir: target.files.workingDir, environment: composeEnvironment(), projectName: target.name });
}

/** A default compose file stands for its folder's project (with its override, as `docker compose up` there); any other file for itself. */
function composeFilesOf(uri: vscode.Uri): string[] {
  const file = uri.fsPath;
  if (isComposeFileName(file)) {
    const defaults = findDefaultComposeFiles(path.dirname(file));
    if (defaults.includes(file)) {
      return defaults;
    }
  }
  return [file];
}

async function loadedTarget(files: readonly string[]): Promise<Omit<ComposeTarget, 'session'>> {
  const project = await loadComposeProject({ files, environment: composeEnvironment() });
  return { name: project.name, files: { configFiles: project.configFiles, workingDir: project.workingDir }, project };
}

function unique(fileLists: readonly string[][]): string[][] {
  const seen = new Set<string>();
  return fileLists.filter((files) => {
    const key = files.join('\n');
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

// The picks keep open when focus moves: one that closed when focus moved (the click test saw it,
// while the Compose group repainted) would end the command with nothing done.
async function pickWorkspaceProject(workspace: WorkspaceComposeProjects, verb: string): Promise<string | undefined> {
  const projects = await workspace.relist();
  if (projects.length === 0) {
    throw new Error('No compose file in this workspace (compose.yaml, docker-compose.yml…): open a folder that has one.');
  }
  const editing = vscode.window.activeTextEditor?.document.uri.fsPath;
  const ordered = [...projects].sort((a, b) => Number(b.configFiles.includes(editing ?? '')) - Number(a.configFiles.includes(editing ?? '')));
  if (ordered.length === 1) {
    return ordered[0]?.name;
  }
  const picked = await vscode.window.showQuickPick(
    ordered.map((project) => ({ label: project.name, description: vscode.workspace.asRelativePath(project.configFiles[0] ?? project.workingDir), name: project.name })),
    { title: `${verb}: which compose project?`, ignoreFocusOut: true },
  );
  return picked?.name;
}

async function pickEngineProject(session: MachineSession, verb: string): Promise<string | undefined> {
  await session.connect();
  const projects = await listComposeProjects(session.engine);
  if (projects.length === 0) {
    void vscode.window.showInformationMessage(`No compose project on ${session.machine.name}.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    projects.map((project) => ({ label: project.name, description: project.status, name: project.name })),
    { title: `${verb} (${session.machine.name}): which compose project?`, ignoreFocusOut: true },
  );
  return picked?.name;
}
