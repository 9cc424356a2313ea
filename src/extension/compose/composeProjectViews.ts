// What the Compose group shows for one machine: the projects the engine has (by label) merged with
// the workspace's projects, by name. Pure: no VS Code, no engine (a unit test runs it).
import type { ComposeProjectSummary } from '../../core/compose/engine/composeTypes';
import type { ContainerInfo } from '../../core/engine/resources';
import type { ComposeProjectState } from '../tree/contextValues';
import type { ComposeProjectView, ComposeServiceView } from '../tree/nodes/composeNodes';

/** A project found in the workspace's compose files. */
export interface WorkspaceProject {
  readonly name: string;
  readonly workingDir: string;
  readonly configFiles: readonly string[];
  /** Service names in file order; empty when the files could not be read. */
  readonly services: readonly string[];
  /** Why the files could not be read, when they could not. */
  readonly problem?: string;
}

const RUNNING: ReadonlySet<string> = new Set(['running', 'unhealthy']);

export function projectState(containers: readonly ContainerInfo[]): ComposeProjectState {
  if (containers.length === 0) {
    return 'down';
  }
  const running = containers.filter((container) => RUNNING.has(container.state)).length;
  return running === containers.length ? 'running' : running === 0 ? 'stopped' : 'partial';
}

/**
 * Engine projects first (sorted by name), each with the workspace's files when a workspace project
 * has its name, else its labels' files when they exist on this computer; then the workspace's
 * projects that are not on the machine, as 'down'.
 */
export function composeProjectViews(
  summaries: readonly ComposeProjectSummary[],
  containers: readonly ContainerInfo[],
  workspace: readonly WorkspaceProject[],
  existsHere: (file: string) => boolean,
): ComposeProjectView[] {
  const byId = new Map(containers.map((container) => [container.id, container]));
  const local = new Map(workspace.map((project) => [project.name, project]));
  const onEngine = [...summaries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((summary): ComposeProjectView => {
    const fromWorkspace = local.get(summary.name);
    // The session's list (kept current by events) has what the tree's container nodes show.
    const infosOf = (states: ComposeProjectSummary['containers']): ContainerInfo[] => states.flatMap((state) => byId.get(state.id) ?? []);
    const infos = infosOf(summary.containers);
    const serviceNames = unique([...(fromWorkspace?.services ?? []), ...summary.services, ...summary.containers.map((c) => c.service)]);
    const services = serviceNames.map((name): ComposeServiceView => ({
      name,
      containers: infosOf(summary.containers.filter((c) => c.service === name)),
    }));
    const labelled = summary.workingDir !== undefined && summary.configFiles.length > 0 && summary.configFiles.every(existsHere)
      ? { configFiles: summary.configFiles, workingDir: summary.workingDir }
      : undefined;
    const files = fromWorkspace ? { configFiles: fromWorkspace.configFiles, workingDir: fromWorkspace.workingDir } : labelled;
    return {
      name: summary.name,
      state: projectState(infos),
      services,
      ...(files && { files }),
      ...(fromWorkspace?.problem !== undefined && { problem: fromWorkspace.problem }),
    };
  });
  const shown = new Set(summaries.map((summary) => summary.name));
  const notUp = workspace.filter((project) => !shown.has(project.name)).map((project): ComposeProjectView => ({
    name: project.name,
    state: 'down',
    services: project.services.map((name) => ({ name, containers: [] })),
    files: { configFiles: project.configFiles, workingDir: project.workingDir },
    ...(project.problem !== undefined && { problem: project.problem }),
  }));
  return [...onEngine, ...notUp];
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
