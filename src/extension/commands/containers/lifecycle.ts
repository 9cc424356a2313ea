import * as vscode from 'vscode';
import { ACTION_APPLIES_TO, ContainerAction, killContainer, KILL_SIGNALS, pruneContainers, removeContainer, renameContainer, runContainerAction, validateContainerName } from '../../../core/engine/operations/containerOperations';
import { formatSize } from '../../../core/util/format';
import { describeEngineError } from '../../../core/util/errors';
import { Services } from '../../services';
import { TreeNode } from '../../tree/nodes/treeNode';
import { confirm } from '../../prompts/confirm';
import { Invocation } from '../invocation';
import { sessionFromArgument } from '../machines/resolveMachine';
import { ContainerTarget, resolveContainers } from './resolveContainers';

const VERBS: Record<ContainerAction, string> = { start: 'Start', stop: 'Stop', restart: 'Restart', pause: 'Pause', unpause: 'Unpause' };

/** Start/Stop/Restart/Pause/Unpause on one or several containers, with progress; failures named per container. */
export async function containerAction(services: Services, action: ContainerAction, nodes: readonly TreeNode[]): Promise<number> {
  const targets = await resolveContainers(services, nodes, { eligible: ACTION_APPLIES_TO[action], many: true, verb: `${VERBS[action]} Container` });
  await forEachWithProgress(services, targets, `${VERBS[action]}ing`, (target, signal) => runContainerAction(target.session.engine, target.info.id, action, signal));
  return targets.length;
}

export async function killContainers(services: Services, nodes: readonly TreeNode[], signalName?: string): Promise<void> {
  const targets = await resolveContainers(services, nodes, { eligible: ['running', 'paused', 'restarting', 'unhealthy'], many: true, verb: 'Kill Container' });
  const chosen = signalName ?? (targets.length > 0 ? await vscode.window.showQuickPick([...KILL_SIGNALS], { title: 'Signal to send' }) : undefined);
  if (!chosen) {
    return;
  }
  await forEachWithProgress(services, targets, `Sending ${chosen} to`, (target) => killContainer(target.session.engine, target.info.id, chosen));
}

export interface RemoveOptions {
  readonly force?: boolean;
  readonly volumes?: boolean;
  readonly confirmed?: boolean;
}

export async function removeContainers(services: Services, nodes: readonly TreeNode[], options?: RemoveOptions): Promise<void> {
  const targets = await resolveContainers(services, nodes, { many: true, verb: 'Remove Container' });
  if (targets.length === 0) {
    return;
  }
  const names = targets.map((t) => t.info.name).join(', ');
  const running = targets.some((t) => t.info.state !== 'exited' && t.info.state !== 'created' && t.info.state !== 'dead');
  let force = options?.force ?? false;
  let volumes = options?.volumes ?? false;
  if (!options?.confirmed) {
    const choice = await confirm(`Remove ${names}?`, running ? 'Running containers are stopped first (force).' : 'The containers are deleted; named volumes are kept.', ['Remove', 'Remove with Anonymous Volumes']);
    if (!choice) {
      return;
    }
    force = force || running;
    volumes = choice === 'Remove with Anonymous Volumes';
  }
  await forEachWithProgress(services, targets, 'Removing', (target) => removeContainer(target.session.engine, target.info.id, { force, volumes }));
}

export async function renameContainerCommand(services: Services, nodes: readonly TreeNode[], newName?: string): Promise<void> {
  const [target] = await resolveContainers(services, nodes, { verb: 'Rename Container' });
  if (!target) {
    return;
  }
  const name = newName ?? (await vscode.window.showInputBox({ title: `Rename ${target.info.name}`, value: target.info.name, validateInput: validateContainerName }));
  if (name && name !== target.info.name) {
    await renameContainer(target.session.engine, target.info.id, name);
  }
}

/** Removes every stopped container on a machine, after asking, and says how much space came back. */
export async function pruneStoppedContainers(services: Services, machine: Invocation, confirmed = false): Promise<string | undefined> {
  const session = sessionFromArgument(services, machine);
  if (!session || (!confirmed && !(await confirm(`Remove all stopped containers on ${session.machine.name}?`, 'This cannot be undone.', ['Prune'])))) {
    return undefined;
  }
  const result = await pruneContainers(session.engine);
  const message = `Removed ${result.deleted.length} stopped container(s) on ${session.machine.name}, reclaimed ${formatSize(result.spaceReclaimed)}.`;
  void vscode.window.showInformationMessage(message);
  return message;
}

/** Runs `work` on each target under one cancellable progress notification; reports failures by name. */
async function forEachWithProgress(services: Services, targets: readonly ContainerTarget[], verb: string, work: (target: ContainerTarget, signal: AbortSignal) => Promise<void>): Promise<void> {
  if (targets.length === 0) {
    return;
  }
  const failures: string[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${verb} ${targets.length === 1 ? targets[0]?.info.name : `${targets.length} containers`}`, cancellable: true }, async (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    await Promise.all(
      targets.map(async (target) => {
        try {
          await work(target, controller.signal);
        } catch (error) {
          services.log.error(`${verb} ${target.info.name} failed`, error);
          failures.push(`${target.info.name}: ${describeEngineError(error, target.session.address)}`);
        }
      }),
    );
  });
  if (failures.length > 0) {
    throw new Error(failures.join('\n'));
  }
}
