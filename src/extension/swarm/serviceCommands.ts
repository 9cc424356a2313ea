// On services: Create Service…, Scale…, Update Image… (rolling, with progress), Rollback, Force
// Update, Logs (a following terminal), Inspect (JSON), Remove. Each goes to a manager that answers.
import * as vscode from 'vscode';
import { readOnlyDocuments } from '../inspect/readOnlyDocuments';
import {
  createService, forceUpdateService, inspectService, removeService, rollbackService, scaleService, serviceLogs, updateServiceImage,
} from '../../core/swarm/serviceOperations';
import { ServiceSpecInput, ServiceUpdateOutcome, ServiceUpdateProgress, SwarmServiceSummary } from '../../core/swarm/swarmTypes';
import { confirm } from '../prompts/confirm';
import { openEngineTerminal } from '../terminals/engineTerminal';
import { NodeIds } from '../tree/contextValues';
import { answersToSpec, scriptedAnswers } from './serviceAnswers';
import { askServiceAnswers } from './serviceWizard';
import { swarmFailure, withSwarmProgress } from './swarmProgress';
import { resolveService, resolveSwarm, ServiceTarget, SwarmContext, SwarmInvocation } from './swarmTargets';

/** What a service command did, for scripts and tests. */
export type ServiceResult = { readonly service: string; readonly outcome?: string } | undefined;

function repaintServices(context: SwarmContext, clusterId: string): void {
  context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, 'services'));
  context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, 'stacks'));
}

/** A spec from a script (`spec`), a script's answers to the wizard (`answers`), or the wizard. */
export interface CreateServiceGiven {
  readonly spec?: Partial<ServiceSpecInput>;
  readonly answers?: Readonly<Record<string, unknown>>;
}

export async function createServiceCommand(context: SwarmContext, invocation: SwarmInvocation, given: CreateServiceGiven): Promise<ServiceResult> {
  const clusterId = await resolveSwarm(context, invocation, 'Create Service');
  if (!clusterId) return undefined;
  const spec = await serviceSpecFor(context, clusterId, given);
  if (!spec) return undefined;
  const id = await withSwarmProgress(context.services.log, `Create Service ${spec.name}`, (report, signal) => {
    report(`${spec.image}, ${spec.global ? 'global' : `${spec.replicas ?? 1} replicas`}`);
    return context.directory.onManager(clusterId, (session) => createService(session.engine, spec, signal));
  });
  repaintServices(context, clusterId);
  return id === undefined ? undefined : { service: spec.name };
}

async function serviceSpecFor(context: SwarmContext, clusterId: string, given: CreateServiceGiven): Promise<ServiceSpecInput | undefined> {
  if (given.spec) return checkedSpec(given.spec);
  if (given.answers) return answersToSpec(scriptedAnswers(given.answers));
  // A service joins overlay networks; ingress is the routing mesh's own and takes no services.
  const networks = (await context.directory.networks(clusterId)).map((n) => n.name).filter((name) => name !== 'ingress').sort();
  const answers = await askServiceAnswers(networks);
  return answers && answersToSpec(answers);
}

function checkedSpec(given: Partial<ServiceSpecInput>): ServiceSpecInput {
  if (typeof given.name !== 'string' || typeof given.image !== 'string') {
    throw new Error('Create Service with a spec needs its name and image');
  }
  return given as ServiceSpecInput; // core's createService checks each field
}

export async function scaleServiceCommand(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined, replicas: number | undefined): Promise<ServiceResult> {
  const target = await resolveService(context, invocation, 'Scale Service', named, (s) => s.mode === 'replicated');
  if (!target) return undefined;
  if (target.service.mode === 'global') throw new Error(`${target.service.name} is global (one task per node): it cannot be scaled`);
  const count = replicas ?? (await askReplicas(target.service));
  if (count === undefined) return undefined;
  try {
    await context.directory.onManager(target.clusterId, (session) => scaleService(session.engine, target.service.id, count));
  } catch (error) {
    throw swarmFailure(`Scale ${target.service.name}`, error);
  }
  repaintServices(context, target.clusterId);
  return { service: target.service.name, outcome: String(count) };
}

async function askReplicas(service: SwarmServiceSummary): Promise<number | undefined> {
  const answer = await vscode.window.showInputBox({
    title: `Scale ${service.name}`,
    prompt: `Replicas (now ${service.desiredReplicas ?? 0})`,
    value: String(service.desiredReplicas ?? 1),
    ignoreFocusOut: true,
    validateInput: (text) => (/^\d{1,4}$/.test(text.trim()) ? undefined : 'A number of tasks, 0 or more'),
  });
  return answer === undefined ? undefined : Number(answer.trim());
}

function describeUpdate(progress: ServiceUpdateProgress): string {
  return `${progress.state}: ${progress.updatedTasks}/${progress.desiredTasks} tasks updated${progress.message ? ` — ${progress.message}` : ''}`;
}

function reportOutcome(service: string, verb: string, outcome: ServiceUpdateOutcome): void {
  const detail = outcome.message ? ` (${outcome.message})` : '';
  if (outcome.state === 'completed' || outcome.state === 'rollback_completed') {
    void vscode.window.showInformationMessage(`${verb} of ${service}: ${outcome.state.replace('_', ' ')}${detail}`);
  } else {
    void vscode.window.showWarningMessage(`${verb} of ${service} stopped: ${outcome.state.replace('_', ' ')}${detail}. Rollback returns it to the previous spec.`);
  }
}

export async function updateImageCommand(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined, image: string | undefined): Promise<ServiceResult> {
  const target = await resolveService(context, invocation, 'Update Image', named);
  if (!target) return undefined;
  const chosen = image ?? (await vscode.window.showInputBox({
    title: `Update Image of ${target.service.name}`,
    prompt: 'The new image; tasks are replaced one batch at a time, as the service’s update policy says',
    value: target.service.image,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? 'An image is needed' : undefined),
  }));
  if (chosen === undefined) return undefined;
  return rollingWork(context, target, `Update ${target.service.name} to ${chosen.trim()}`, 'Update', (client, onProgress, signal) => updateServiceImage(client, target.service.id, chosen.trim(), onProgress, signal));
}

export function rollbackCommand(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined): Promise<ServiceResult> {
  return resolveService(context, invocation, 'Rollback Service', named).then((target) =>
    target && rollingWork(context, target, `Rollback ${target.service.name}`, 'Rollback', (client, onProgress, signal) => rollbackService(client, target.service.id, onProgress, signal)));
}

type RollingWork = (client: Parameters<typeof rollbackService>[0], onProgress: (progress: ServiceUpdateProgress) => void, signal: AbortSignal) => Promise<ServiceUpdateOutcome>;

/** A rolling change in a notification that says how far it is; its tasks in the tree follow by polling. */
async function rollingWork(context: SwarmContext, target: ServiceTarget, title: string, verb: string, work: RollingWork): Promise<ServiceResult> {
  const outcome = await withSwarmProgress(context.services.log, title, (report, signal) => {
    report('starting');
    return context.directory.onManager(target.clusterId, (session) => work(session.engine, (progress) => {
      report(describeUpdate(progress));
      repaintServices(context, target.clusterId);
    }, signal));
  });
  repaintServices(context, target.clusterId);
  if (!outcome) return undefined;
  reportOutcome(target.service.name, verb, outcome);
  return { service: target.service.name, outcome: outcome.state };
}

export async function forceUpdateCommand(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined): Promise<ServiceResult> {
  const target = await resolveService(context, invocation, 'Force Update', named);
  if (!target) return undefined;
  try {
    await context.directory.onManager(target.clusterId, (session) => forceUpdateService(session.engine, target.service.id));
  } catch (error) {
    throw swarmFailure(`Force Update ${target.service.name}`, error);
  }
  repaintServices(context, target.clusterId);
  return { service: target.service.name };
}

export async function removeServiceCommand(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined, confirmed: boolean): Promise<ServiceResult> {
  const target = await resolveService(context, invocation, 'Remove Service', named);
  if (!target) return undefined;
  if (!confirmed && !(await confirm(`Remove the service ${target.service.name}?`, 'Its tasks stop on every node.', ['Remove']))) return undefined;
  try {
    await context.directory.onManager(target.clusterId, (session) => removeService(session.engine, target.service.id));
  } catch (error) {
    throw swarmFailure(`Remove ${target.service.name}`, error);
  }
  repaintServices(context, target.clusterId);
  return { service: target.service.name };
}

/** The service's spec and state as the engine reports it, in a read-only JSON editor. */
export async function inspectServiceCommand(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined): Promise<vscode.TextEditor | undefined> {
  const target = await resolveService(context, invocation, 'Inspect Service', named);
  if (!target) return undefined;
  const json = await context.directory.onManager(target.clusterId, (session) => inspectService(session.engine, target.service.id));
  return readOnlyDocuments.show(`service ${target.service.name}.json`, `${JSON.stringify(json, undefined, 2)}\n`);
}

/** Every task's log lines in one terminal, following, as `docker service logs -f`; closing it stops. */
export async function serviceLogsCommand(context: SwarmContext, invocation: SwarmInvocation, named: string | undefined): Promise<vscode.Terminal | undefined> {
  const target = await resolveService(context, invocation, 'Service Logs', named);
  if (!target) return undefined;
  const tail = vscode.workspace.getConfiguration('dockerHosts.logs').get<number>('tail', 500);
  const [manager] = context.directory.managers(target.clusterId);
  if (!manager) throw new Error('No manager of this swarm answers');
  return openEngineTerminal(`service logs: ${target.service.name}`, async (session) => {
    await manager.connect();
    for await (const line of serviceLogs(manager.engine, target.service.id, { follow: true, ...(tail > 0 && { tail }) }, session.signal)) {
      session.write(line.endsWith('\n') ? line : `${line}\n`);
    }
    session.write(`\n\x1b[2m[${target.service.name}: log ended]\x1b[0m\n`);
    return new Promise<void>((resolve) => session.signal.addEventListener('abort', () => resolve(), { once: true }));
  }, 'output');
}

