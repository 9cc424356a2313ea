// The compose projects in the workspace's folders: each folder holding a default compose file
// (compose.yaml, docker-compose.yml… plus its override) is one project, loaded as docker compose
// would load it there. Read again when a compose or .env file changes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMPOSE_FILE_NAMES, findDefaultComposeFiles } from '../../core/compose/model/defaultFiles';
import { loadComposeProject } from '../../core/compose/model/loadProject';
import { normaliseProjectName } from '../../core/compose/model/projectName';
import { WorkspaceProject } from './composeProjectViews';

/** A workspace with more compose files than this is searched no further (the tree stays quick). */
const MAX_COMPOSE_FILES = 200;
const FILES_GLOB = `**/{${COMPOSE_FILE_NAMES.join(',')}}`;
const RELOAD_PAUSE_MS = 300;

/**
 * The environment compose files are interpolated from: the extension host's own (that of the
 * VS Code window), with each project's `.env` filling what it lacks, as the loader does.
 */
export function composeEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

export class WorkspaceComposeProjects implements vscode.Disposable {
  private cached: Promise<WorkspaceProject[]> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (once per burst) after a compose or .env file was created, changed or deleted. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private pending: NodeJS.Timeout | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${[...COMPOSE_FILE_NAMES, '.env'].join(',')}}`);
    const forget = (): void => this.forget();
    this.subscriptions = [watcher, watcher.onDidCreate(forget), watcher.onDidChange(forget), watcher.onDidDelete(forget), vscode.workspace.onDidChangeWorkspaceFolders(forget)];
  }

  /** The projects, read once and kept until a file changes. */
  list(): Promise<WorkspaceProject[]> {
    this.cached ??= this.find().catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    });
    return this.cached;
  }

  /** Read afresh (a pick list must not miss a file written a moment ago, before its watcher event). */
  relist(): Promise<WorkspaceProject[]> {
    this.cached = undefined;
    return this.list();
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }

  private forget(): void {
    this.cached = undefined;
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.changed.fire(), RELOAD_PAUSE_MS);
  }

  private async find(): Promise<WorkspaceProject[]> {
    const found = await vscode.workspace.findFiles(FILES_GLOB, '**/node_modules/**', MAX_COMPOSE_FILES);
    const folders = [...new Set(found.filter((uri) => uri.scheme === 'file').map((uri) => path.dirname(uri.fsPath)))].sort();
    const projects = await Promise.all(folders.map((folder) => readFolderProject(folder, this.log)));
    return projects.filter((project): project is WorkspaceProject => project !== undefined);
  }
}

/** The project of one folder; a folder with only an override file has none. Files that cannot be read give a project that says why. */
export async function readFolderProject(folder: string, log: vscode.LogOutputChannel): Promise<WorkspaceProject | undefined> {
  const files = findDefaultComposeFiles(folder);
  return files.length === 0 ? undefined : readProject(files, log);
}

/** The project of these files (in `-f` order), named as docker compose names it. */
export async function readProject(files: readonly string[], log: vscode.LogOutputChannel): Promise<WorkspaceProject> {
  const workingDir = path.dirname(files[0] ?? '.');
  try {
    const project = await loadComposeProject({ files, environment: composeEnvironment() });
    return { name: project.name, workingDir: project.workingDir, configFiles: project.configFiles, services: Object.keys(project.services) };
  } catch (error) {
    log.warn(`Compose files ${files.join(', ')}: ${(error as Error).message}`);
    return { name: normaliseProjectName(path.basename(workingDir)), workingDir, configFiles: files, services: [], problem: (error as Error).message };
  }
}
