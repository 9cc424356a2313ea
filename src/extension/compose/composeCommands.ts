// Compose Up, Up (select services), Down, Stop, Start, Restart, Pull and Build on a project: each
// through the machine's one connection (core/compose/engine), in a cancellable notification that
// shows each service's step.
import * as vscode from 'vscode';
import {
  composeBuild, composeDown, composePull, composeRestart, composeStart, composeStop, composeUp, CredentialsFor,
} from '../../core/compose/engine/composeOperations';
import { confirm } from '../prompts/confirm';
import { ComposeContext, ComposeInvocation, ComposeTarget, loadTargetProject, resolveComposeTargets, TargetNeeds } from './composeTargets';
import { ProgressListener, reportComposeFileError, withComposeProgress } from './composeProgress';

/** What a command did, per project (for scripts and tests); undefined entries were cancelled. */
export type ComposeResult = { readonly project: string; readonly machine: string } | undefined;

type Work = (target: ComposeTarget, onProgress: ProgressListener, signal: AbortSignal) => Promise<unknown>;

/** Registry credentials as image pulls get them (config.json, helpers, or saved in secret storage); never asks mid-run. */
function credentialsOf(context: ComposeContext): CredentialsFor {
  return (registry) => context.services.registryCredentials.forRegistry(registry, false);
}

/** Compose files decide images, mounts and privileges: what runs from them needs a trusted workspace. */
function requireTrust(verb: string): void {
  if (!vscode.workspace.isTrusted) {
    throw new Error(`${verb} runs what a compose file says (images, mounts, privileges) and is off in Restricted Mode — trust this workspace (Manage Workspace Trust) to use it`);
  }
}

/**
 * Resolves the targets and runs `work` on each in its own progress notification, after `ask`
 * (a confirmation) agreed; compose file errors offer to open the file.
 */
async function runOnTargets(context: ComposeContext, invocation: ComposeInvocation, verb: string, needs: TargetNeeds, work: Work, ask?: (target: ComposeTarget) => Promise<boolean>): Promise<ComposeResult[] | undefined> {
  const { log, tree } = context.services;
  try {
    const targets = await resolveComposeTargets(context, invocation, needs, verb);
    const results: ComposeResult[] = [];
    for (const target of targets) {
      if (ask && !(await ask(target))) {
        results.push(undefined);
        continue;
      }
      const title = `${verb} ${target.name} on ${target.session.machine.name}`;
      const done = await withComposeProgress(log, title, async (onProgress, signal) => {
        await work(target, onProgress, signal);
        return true;
      }).then(undefined, (error: unknown) => {
        tree.refreshCompose(target.session.machine.id);
        throw error;
      });
      tree.refreshCompose(target.session.machine.id);
      results.push(done ? { project: target.name, machine: target.session.machine.id } : undefined);
    }
    return results;
  } catch (error) {
    return reportComposeFileError(log, error);
  }
}

export interface UpOptions {
  /** Only these services (and what they depend on); programmatic Up (select services) skips the pick. */
  readonly services?: readonly string[];
  readonly removeOrphans?: boolean;
}

export function composeUpCommand(context: ComposeContext, invocation: ComposeInvocation, options: UpOptions = {}): Promise<ComposeResult[] | undefined> {
  requireTrust('Compose Up');
  return runOnTargets(context, invocation, 'Compose Up', 'files', async (target, onProgress, signal) => {
    const project = await loadTargetProject(target);
    await target.session.connect();
    await composeUp(target.session.engine, project, { signal, onProgress, credentials: credentialsOf(context), ...(options.services && { services: options.services }), removeOrphans: options.removeOrphans ?? false });
  });
}

/** Up for the services picked (several at once) among the project's own. */
export async function composeUpServicesCommand(context: ComposeContext, invocation: ComposeInvocation, services?: readonly string[]): Promise<ComposeResult[] | undefined> {
  requireTrust('Compose Up');
  const [target] = await resolveComposeTargets(context, invocation, 'files', 'Compose Up (select services)').catch((error: unknown) => [reportComposeFileError(context.services.log, error)]);
  if (!target) {
    return undefined;
  }
  let chosen = services;
  if (!chosen) {
    const project = await loadTargetProject(target).catch((error: unknown) => reportComposeFileError(context.services.log, error));
    if (!project) {
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      Object.values(project.services).map((service) => ({ label: service.name, description: service.image ?? (service.build ? 'built from its Dockerfile' : '') })),
      { title: `Compose Up ${project.name}: which services?`, canPickMany: true, ignoreFocusOut: true },
    );
    chosen = picked?.map((item) => item.label);
  }
  if (!chosen || chosen.length === 0) {
    return undefined;
  }
  return composeUpCommand(context, { nodes: [], uris: [], machine: target.session.machine.id, project: target.name }, { services: chosen });
}

export interface DownOptions {
  /** Skips the question (scripts): the answer is `volumes`. */
  readonly confirmed?: boolean;
  readonly volumes?: boolean;
}

const DOWN = 'Down';
const DOWN_WITH_VOLUMES = 'Down and Remove Volumes';

export async function composeDownCommand(context: ComposeContext, invocation: ComposeInvocation, options: DownOptions = {}): Promise<ComposeResult[] | undefined> {
  let volumes = options.volumes ?? false;
  const ask = async (target: ComposeTarget): Promise<boolean> => {
    if (options.confirmed) {
      return true;
    }
    const answer = await confirm(
      `Take ${target.name} down on ${target.session.machine.name}?`,
      'Its containers and networks are removed. Named volumes (the data) stay unless you remove them too.',
      [DOWN, DOWN_WITH_VOLUMES],
    );
    volumes = answer === DOWN_WITH_VOLUMES;
    return answer !== undefined;
  };
  return runOnTargets(context, invocation, 'Compose Down', 'name', async (target, onProgress, signal) => {
    await target.session.connect();
    await composeDown(target.session.engine, target.name, { signal, onProgress, volumes });
  }, ask);
}

export type LifecycleVerb = 'stop' | 'start' | 'restart';

const LIFECYCLE = {
  stop: { title: 'Compose Stop', run: composeStop },
  start: { title: 'Compose Start', run: composeStart },
  restart: { title: 'Compose Restart', run: composeRestart },
} as const;

export function composeLifecycleCommand(context: ComposeContext, invocation: ComposeInvocation, verb: LifecycleVerb): Promise<ComposeResult[] | undefined> {
  const { title, run } = LIFECYCLE[verb];
  return runOnTargets(context, invocation, title, 'name', async (target, onProgress, signal) => {
    await target.session.connect();
    await run(target.session.engine, target.name, { signal, onProgress });
  });
}

export function composePullCommand(context: ComposeContext, invocation: ComposeInvocation): Promise<ComposeResult[] | undefined> {
  requireTrust('Compose Pull');
  return runOnTargets(context, invocation, 'Compose Pull', 'files', async (target, onProgress, signal) => {
    const project = await loadTargetProject(target);
    await target.session.connect();
    await composePull(target.session.engine, project, { signal, onProgress, credentials: credentialsOf(context) });
  });
}

export function composeBuildCommand(context: ComposeContext, invocation: ComposeInvocation): Promise<ComposeResult[] | undefined> {
  requireTrust('Compose Build');
  const { log } = context.services;
  return runOnTargets(context, invocation, 'Compose Build', 'files', async (target, onProgress, signal) => {
    const project = await loadTargetProject(target);
    await target.session.connect();
    await composeBuild(target.session.engine, project, { signal, onProgress, onOutput: (service, text) => log.info(`[build ${service}] ${text.trimEnd()}`) });
  });
}
