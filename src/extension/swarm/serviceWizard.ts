// Create Service…'s steps in one multi-step input (step counter, Back keeps what was entered): image,
// name, replicas, ports, environment, mounts, overlay networks of the swarm, placement constraints,
// and, when asked for, the update and rollback policies.
import * as vscode from 'vscode';
import { InputStep, MultiStepInput } from '../ui/multiStepInput';
import { defaultAnswers, defaultServiceName, FailureAction, parseDuration, parseMounts, parseParallelism, PolicyAnswers, ServiceAnswers, UpdateOrder } from './serviceAnswers';
import { parseConstraints, parseEnv, parseMode, parsePorts, problemOf } from './serviceInput';

type TextKey = 'image' | 'name' | 'mode' | 'ports' | 'env' | 'mounts' | 'constraints';
type Choice<T> = vscode.QuickPickItem & { readonly value: T };

const BASE_STEPS = 9;
const POLICY_STEPS = 8;

/** Asks every answer; undefined when the user cancelled. `networks` are the swarm's overlay networks a service can join. */
export async function askServiceAnswers(networks: readonly string[]): Promise<ServiceAnswers | undefined> {
  const answers = defaultAnswers();
  const totalSteps = (): number => BASE_STEPS + (answers.policies === 'custom' ? POLICY_STEPS : 0);
  const title = (step: string): string => `Create Service: ${step}`;

  const text = (key: TextKey, step: string, prompt: string, parse: (value: string) => unknown, next: () => InputStep | void): InputStep => async (input) => {
    answers[key] = (await input.showInputBox({ title: title(step), totalSteps: totalSteps(), prompt, value: answers[key], ignoreFocusOut: true, validate: (value) => problemOf(parse, value) })).trim();
    return next();
  };
  const pick = <T>(step: string, choices: readonly Choice<T>[], current: () => T, set: (value: T) => InputStep | void): InputStep => async (input) => {
    const items = choices.map((choice) => ({ ...choice }));
    const picked = await input.showQuickPick({ title: title(step), totalSteps: totalSteps(), items, active: items.find((item) => item.value === current()), ignoreFocusOut: true });
    return set(picked.value);
  };

  const policySteps = (which: 'update' | 'rollback', next: () => InputStep | void): InputStep => {
    const policy = (): PolicyAnswers => answers[which];
    const label = which === 'update' ? 'update policy' : 'rollback policy';
    const actions: Choice<FailureAction>[] = [
      { label: 'pause', description: 'stop the rollout where it is', value: 'pause' },
      { label: 'continue', description: 'go on with the next tasks', value: 'continue' },
      ...(which === 'update' ? [{ label: 'rollback', description: 'return to the previous spec', value: 'rollback' as const }] : []),
    ];
    const orders: Choice<UpdateOrder>[] = [
      { label: 'stop-first', description: 'stop the old task, then start the new one', value: 'stop-first' },
      { label: 'start-first', description: 'start the new task, then stop the old one (briefly both run)', value: 'start-first' },
    ];
    const order = pick(`${label}, order`, orders, () => policy().order, (value) => {
      policy().order = value;
      return next();
    });
    const failure = pick(`${label}, on failure`, actions, () => policy().failureAction, (value) => {
      policy().failureAction = value;
      return order;
    });
    const delay = async (input: MultiStepInput): Promise<InputStep> => {
      policy().delay = (await input.showInputBox({ title: title(`${label}, delay`), totalSteps: totalSteps(), prompt: 'Time between batches, e.g. 10s, 1m30s', value: policy().delay, ignoreFocusOut: true, validate: (value) => problemOf(parseDuration, value) })).trim();
      return failure;
    };
    return async (input) => {
      policy().parallelism = (await input.showInputBox({ title: title(`${label}, parallelism`), totalSteps: totalSteps(), prompt: 'Tasks changed at a time (0: all at once)', value: policy().parallelism, ignoreFocusOut: true, validate: (value) => problemOf(parseParallelism, value) })).trim();
      return delay;
    };
  };

  const rollbackPolicy = policySteps('rollback', () => undefined);
  const updatePolicy = policySteps('update', () => rollbackPolicy);
  const policies = pick<'default' | 'custom'>('update and rollback', [
    { label: 'Default policies', description: 'one task at a time, no delay, pause on failure, stop-first', value: 'default' },
    { label: 'Set the update and rollback policies…', description: 'parallelism, delay, failure action, order', value: 'custom' },
  ], () => answers.policies, (value) => {
    answers.policies = value;
    return value === 'custom' ? updatePolicy : undefined;
  });
  const constraints = text('constraints', 'placement constraints (optional)', 'e.g. node.role==worker, node.hostname!=db', parseConstraints, () => policies);
  const networkStep: InputStep = async (input) => {
    const items = networks.map((name) => ({ label: name }));
    const picked = await input.showMultiPick({
      title: title('networks (optional)'), totalSteps: totalSteps(), items, selected: items.filter((item) => answers.networks.includes(item.label)), ignoreFocusOut: true,
      placeholder: networks.length > 0 ? 'Overlay networks of the swarm its tasks join (Enter: none)' : 'The swarm has no overlay network a service can join: Enter to go on',
    });
    answers.networks = picked.map((item) => item.label);
    return constraints;
  };
  const mounts = text('mounts', 'mounts (optional)', 'volume:/path, /host/path:/path (a bind: the path must exist on every node), /path (anonymous); add :ro for read-only', parseMounts, () => networkStep);
  const env = text('env', 'environment (optional)', 'KEY=value, separated by commas', parseEnv, () => mounts);
  const ports = text('ports', 'ports (optional)', 'published:target[/udp], separated by commas, e.g. 8080:80', parsePorts, () => env);
  const mode = text('mode', 'replicas', 'How many tasks, or "global" for one on every node', parseMode, () => ports);
  const name = text('name', 'name', 'The service’s name', (value) => {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(value.trim())) throw new Error('Letters, digits, _ . - (not first)');
  }, () => mode);
  const image: InputStep = async (input) => {
    const before = answers.image;
    answers.image = (await input.showInputBox({
      title: title('image'), totalSteps: totalSteps(), prompt: 'The image every task runs (it must be on the nodes, or in a registry they reach)', value: answers.image, ignoreFocusOut: true,
      validate: (value) => (value.trim() === '' ? 'An image is needed' : undefined),
    })).trim();
    if (answers.name === '' || answers.name === defaultServiceName(before)) answers.name = defaultServiceName(answers.image);
    return name;
  };
  return (await MultiStepInput.run(image)) ? answers : undefined;
}
