// Deploy Stack (a compose file from the Explorer, the editor title or the palette) and Remove Stack,
// on a manager of the swarm, through core's conversion (as `docker stack deploy` converts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findDefaultComposeFiles, isComposeFileName } from '../../core/compose/model/defaultFiles';
import { convertStack } from '../../core/swarm/stack/stackConversion';
import { deployStack, StackProgress } from '../../core/swarm/stack/stackDeploy';
import { removeStack } from '../../core/swarm/stack/stackRemoval';
import { loadStackSource } from '../../core/swarm/stack/stackSource';
import { reportComposeFileError } from '../compose/composeProgress';
import { composeEnvironment } from '../compose/workspaceComposeProjects';
import { confirm } from '../prompts/confirm';
import { NodeIds } from '../tree/contextValues';
import { withSwarmProgress } from './swarmProgress';
import { resolveStack, resolveSwarm, SwarmContext, SwarmInvocation } from './swarmTargets';

export interface DeployOptions {
  /** The stack's name (namespace); the compose project's name when absent. */
  readonly stack?: string;
  /** Remove the stack's services the file no longer has. */
  readonly prune?: boolean;
  /** A compose file, for scripts that pass no URI. */
  readonly file?: string;
}

export type StackResult = { readonly stack: string; readonly services: readonly string[] } | undefined;

function describeStep(step: StackProgress): string {
  const verb = { create: 'Creating', update: 'Updating', remove: 'Removing' }[step.action];
  return `${verb} ${step.kind} ${step.name}`;
}

/** A stack file decides images, mounts and privileges on every node: it needs a trusted workspace, as Compose Up does. */
function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new Error('Deploy Stack runs what a compose file says (images, mounts, privileges) on the swarm and is off in Restricted Mode — trust this workspace (Manage Workspace Trust) to use it');
  }
}

export async function deployStackCommand(context: SwarmContext, invocation: SwarmInvocation, options: DeployOptions): Promise<StackResult> {
  requireTrust();
  const uri = invocation.uris[0] ?? (options.file !== undefined ? vscode.Uri.file(options.file) : await pickComposeFile());
  if (!uri) return undefined;
  const clusterId = await resolveSwarm(context, { ...invocation, nodes: invocation.nodes }, 'Deploy Stack');
  if (!clusterId) return undefined;
  try {
    const source = await loadStackSource({ files: composeFilesOf(uri.fsPath), environment: composeEnvironment() });
    const namespace = options.stack ?? source.project.name;
    const plan = await convertStack(source.project, namespace, source.extras);
    plan.warnings.forEach((warning) => context.services.log.warn(`Deploy Stack ${namespace}: ${warning}`));
    const done = await withSwarmProgress(context.services.log, `Deploy Stack ${namespace}`, async (report, signal) => {
      await context.directory.onManager(clusterId, (session) => deployStack(session.engine, plan, { prune: options.prune === true }, (step) => report(describeStep(step)), signal));
      return true;
    });
    context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, 'stacks'));
    context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, 'services'));
    context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, 'networks'));
    if (!done) return undefined;
    if (plan.warnings.length > 0) void vscode.window.showWarningMessage(`Deploy Stack ${namespace}: ${plan.warnings.join('; ')}`);
    return { stack: namespace, services: plan.services.map((service) => service.name) };
  } catch (error) {
    return reportComposeFileError(context.services.log, error);
  }
}

/** A default compose file stands for its folder's project (with its override), as `docker compose` there reads it. */
function composeFilesOf(file: string): string[] {
  if (isComposeFileName(file)) {
    const defaults = findDefaultComposeFiles(path.dirname(file));
    if (defaults.includes(file)) return defaults;
  }
  return [file];
}

async function pickComposeFile(): Promise<vscode.Uri | undefined> {
  const editing = vscode.window.activeTextEditor?.document.uri;
  if (editing && editing.scheme === 'file' && (isComposeFileName(editing.fsPath) || vscode.window.activeTextEditor?.document.languageId === 'dockercompose')) {
    return editing;
  }
  const found = await vscode.workspace.findFiles('**/{compose,docker-compose,docker-stack,stack}*.{yaml,yml}', '**/node_modules/**', 200);
  if (found.length === 0) throw new Error('Deploy Stack: no compose file in this workspace — open one, or right-click one in the Explorer');
  const picked = await vscode.window.showQuickPick(found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })), { title: 'Deploy Stack: which compose file?', ignoreFocusOut: true });
  return picked?.uri;
}

export async function removeStackCommand(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined, confirmed: boolean): Promise<StackResult> {
  const target = await resolveStack(context, invocation, 'Remove Stack', named);
  if (!target) return undefined;
  if (!confirmed && !(await confirm(`Remove the stack ${target.stack}?`, 'Its services, networks, secrets and configs are removed from the swarm.', ['Remove']))) return undefined;
  const done = await withSwarmProgress(context.services.log, `Remove Stack ${target.stack}`, async (report, signal) => {
    await context.directory.onManager(target.clusterId, (session) => removeStack(session.engine, target.stack, (step) => report(describeStep(step)), signal));
    return true;
  });
  for (const group of ['stacks', 'services', 'networks', 'secrets', 'configs'] as const) context.services.tree.refreshNode(NodeIds.swarmGroup(target.clusterId, group));
  return done ? { stack: target.stack, services: [] } : undefined;
}
