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
  /** Run by a script: what it did not give takes its default (the project's name, no prune) instead of a question. */
  readonly scripted?: boolean;
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
    const namespace = options.stack ?? (options.scripted === true ? source.project.name : await askStackName(source.project.name, uri));
    if (namespace === undefined) return undefined;
    const invalid = stackNameProblem(namespace);
    if (invalid !== undefined) throw new Error(`Deploy Stack: "${namespace}" is not a stack name: ${invalid}`);
    const plan = await convertStack(source.project, namespace, source.extras);
    const prune = options.prune ?? (options.scripted === true ? false : await askPrune(context, clusterId, namespace, plan.services.map((service) => service.name)));
    if (prune === undefined) return undefined;
    plan.warnings.forEach((warning) => context.services.log.warn(`Deploy Stack ${namespace}: ${warning}`));
    const done = await withSwarmProgress(context.services.log, `Deploy Stack ${namespace}`, async (report, signal) => {
      await context.directory.onManager(clusterId, (session) => deployStack(session.engine, plan, { prune }, (step) => report(describeStep(step)), signal));
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

/**
 * The names `docker stack deploy` (docker 28) deploys: the CLI takes any name, and the swarm then
 * refuses the stack's `<name>_default` network unless the name starts with a letter or digit and
 * holds only letters, digits, '_' and '-' (checked on this machine: `Bad_Name` deploys, `bad.name`
 * and `-bad` fail with "name must be valid as a DNS name component"). Said here, before anything is made.
 */
export function stackNameProblem(name: string): string | undefined {
  if (name === '') return 'a stack needs a name';
  return /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(name) ? undefined : 'use letters, digits, \'_\' and \'-\', starting with a letter or digit (the swarm names its networks and services <stack>_<name>)';
}

/** The stack's name, prefilled with the compose project's (the file's `name:`, else its folder's name). */
function askStackName(projectName: string, uri: vscode.Uri): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Deploy Stack ${path.basename(uri.fsPath)}: stack name`,
    prompt: 'Its services, networks, secrets and configs are named <stack>_<name>; deploying to an existing stack updates it',
    value: projectName,
    ignoreFocusOut: true,
    validateInput: (text) => stackNameProblem(text),
  });
}

/**
 * When the stack is already on the swarm and has services the file no longer has: keep them, or
 * prune them (`docker stack deploy --prune`). False without a question when there is nothing to prune.
 */
async function askPrune(context: SwarmContext, clusterId: string, namespace: string, wanted: readonly string[]): Promise<boolean | undefined> {
  const current = (await context.directory.services(clusterId)).filter((service) => service.stack === namespace).map((service) => service.name);
  const extra = current.filter((name) => !wanted.includes(name)).sort();
  if (extra.length === 0) return false;
  const listed = extra.join(', ');
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Update and Prune', description: `remove ${listed}: the file no longer has ${extra.length === 1 ? 'it' : 'them'}`, prune: true },
      { label: 'Update Only', description: `keep ${listed} running`, prune: false },
    ],
    { title: `Deploy Stack ${namespace}: the stack exists and has ${extra.length === 1 ? 'a service' : 'services'} the file does not (${listed})`, ignoreFocusOut: true },
  );
  return picked?.prune;
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
