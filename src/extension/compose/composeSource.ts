import { existsSync } from 'node:fs';
import { listComposeProjects } from '../../core/compose/engine/composeOperations';
import { MachineSession } from '../../core/machines/session';
import { ComposeProjectView, ComposeSource } from '../tree/nodes/composeNodes';
import { composeProjectViews } from './composeProjectViews';
import { WorkspaceComposeProjects } from './workspaceComposeProjects';

/**
 * The Compose group's projects: those on the machine (its containers' labels, through the machine's
 * one connection) and the workspace's; container details from the session's list, which engine
 * events keep current.
 */
export class EngineAndWorkspaceCompose implements ComposeSource {
  constructor(private readonly workspace: WorkspaceComposeProjects) {}

  async projects(session: MachineSession, signal?: AbortSignal): Promise<ComposeProjectView[]> {
    await session.connect();
    const [summaries, containers, workspace] = await Promise.all([
      listComposeProjects(session.engine, signal),
      session.peekOrList('container', signal),
      this.workspace.list(),
    ]);
    return composeProjectViews(summaries, containers, workspace, existsSync);
  }
}
