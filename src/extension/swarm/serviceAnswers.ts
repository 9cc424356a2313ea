// Create Service…'s answers as the wizard holds them (text as typed, picks as chosen) and the
// ServiceSpecInput they make. Scripts pass the same answers (the `answers` option), so both go
// through one mapping. No vscode here (unit-tested).
import type { ServiceMountInput, ServiceSpecInput, ServiceUpdatePolicy } from '../../core/swarm/swarmTypes';
import { parseConstraints, parseEnv, parseMode, parsePorts, splitList } from './serviceInput';

export type FailureAction = NonNullable<ServiceUpdatePolicy['failureAction']>;
export type UpdateOrder = NonNullable<ServiceUpdatePolicy['order']>;

/** One policy as typed: parallelism and delay as text, the rest picked. */
export interface PolicyAnswers {
  parallelism: string;
  delay: string;
  failureAction: FailureAction;
  order: UpdateOrder;
}

export interface ServiceAnswers {
  image: string;
  name: string;
  /** A number of replicas, or "global". */
  mode: string;
  ports: string;
  env: string;
  /** source:target[:ro], separated by commas (see parseMounts). */
  mounts: string;
  /** Names of overlay networks of the swarm. */
  networks: string[];
  constraints: string;
  /** 'default': docker service create's policies (the two below are not used). */
  policies: 'default' | 'custom';
  update: PolicyAnswers;
  rollback: PolicyAnswers;
}

/** What the wizard starts from (and what a script's answers are laid over). */
export function defaultAnswers(): ServiceAnswers {
  return {
    image: '', name: '', mode: '1', ports: '', env: '', mounts: '', networks: [], constraints: '', policies: 'default',
    update: { parallelism: '1', delay: '0s', failureAction: 'pause', order: 'stop-first' },
    rollback: { parallelism: '1', delay: '0s', failureAction: 'pause', order: 'stop-first' },
  };
}

const ABSOLUTE = /^\//;

/**
 * `docker run -v`-like mounts: `data:/data` (a named volume), `/srv/www:/www:ro` (a bind: the source
 * is an absolute path on each node), `/cache` (an anonymous volume). Throws naming the entry it cannot read.
 */
export function parseMounts(text: string): ServiceMountInput[] {
  return splitList(text).map((entry) => {
    const parts = entry.split(':');
    const readOnly = parts.length > 1 && (parts[parts.length - 1] === 'ro' || parts[parts.length - 1] === 'rw') ? parts.pop() === 'ro' : false;
    const bad = (): Error => new Error(`"${entry}" is not a mount: write volume:/path, /host/path:/path or /path, with :ro for read-only`);
    if (parts.length === 1) {
      const [target = ''] = parts;
      if (!ABSOLUTE.test(target)) throw bad();
      return { type: 'volume', target, ...(readOnly && { readOnly }) };
    }
    const [source = '', target = ''] = parts;
    if (parts.length !== 2 || source === '' || !ABSOLUTE.test(target)) throw bad();
    if (!ABSOLUTE.test(source) && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source)) throw bad();
    return { type: ABSOLUTE.test(source) ? 'bind' : 'volume', source, target, ...(readOnly && { readOnly }) };
  });
}

/** "10s", "1m30s", "500ms", "2h", or a plain number of seconds → seconds. */
export function parseDuration(text: string): number {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (value === '' || parts.map((p) => p[0]).join('') !== value) throw new Error(`"${text}" is not a duration: write e.g. 10s, 1m30s or 500ms`);
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (units[unit ?? 's'] ?? 1), 0);
}

/** Tasks changed at once: 0 means all at once, as `--update-parallelism 0`. */
export function parseParallelism(text: string): number {
  const value = text.trim();
  if (!/^\d{1,4}$/.test(value)) throw new Error('A number of tasks at a time (0: all at once)');
  return Number(value);
}

const FAILURE_ACTIONS: readonly string[] = ['pause', 'continue', 'rollback'];
const ORDERS: readonly string[] = ['stop-first', 'start-first'];

function toPolicy(answers: PolicyAnswers): ServiceUpdatePolicy {
  if (!FAILURE_ACTIONS.includes(answers.failureAction)) throw new Error(`"${answers.failureAction}" is not a failure action: pause, continue or rollback`);
  if (!ORDERS.includes(answers.order)) throw new Error(`"${answers.order}" is not an order: stop-first or start-first`);
  return { parallelism: parseParallelism(answers.parallelism), delaySeconds: parseDuration(answers.delay), failureAction: answers.failureAction, order: answers.order };
}

/** The spec the answers make; throws with the first answer that cannot be read. */
export function answersToSpec(answers: ServiceAnswers): ServiceSpecInput {
  const ports = parsePorts(answers.ports);
  const env = parseEnv(answers.env);
  const mounts = parseMounts(answers.mounts);
  const constraints = parseConstraints(answers.constraints);
  const networks = answers.networks.map((n) => n.trim()).filter((n) => n !== '');
  return {
    name: answers.name.trim(),
    image: answers.image.trim(),
    ...parseMode(answers.mode),
    ...(ports.length > 0 && { ports }),
    ...(env.length > 0 && { env }),
    ...(mounts.length > 0 && { mounts }),
    ...(networks.length > 0 && { networks }),
    ...(constraints.length > 0 && { constraints }),
    ...(answers.policies === 'custom' && { updateConfig: toPolicy(answers.update), rollbackConfig: toPolicy(answers.rollback) }),
  };
}

/** A script's answers laid over the defaults; only known fields of the right type are taken. */
export function scriptedAnswers(given: Readonly<Record<string, unknown>>): ServiceAnswers {
  const answers = defaultAnswers();
  const known = new Set(Object.keys(answers));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) throw new Error(`Unknown answer "${key}" (known: ${[...known].join(', ')})`);
  }
  const text = (key: 'image' | 'name' | 'mode' | 'ports' | 'env' | 'mounts' | 'constraints'): void => {
    const value = given[key];
    if (value === undefined) return;
    if (typeof value !== 'string') throw new Error(`Answer "${key}" is text`);
    answers[key] = value;
  };
  (['image', 'name', 'mode', 'ports', 'env', 'mounts', 'constraints'] as const).forEach(text);
  if (given.networks !== undefined) {
    if (!Array.isArray(given.networks) || !given.networks.every((n) => typeof n === 'string')) throw new Error('Answer "networks" is a list of network names');
    answers.networks = [...(given.networks as string[])];
  }
  if (given.policies !== undefined) {
    if (given.policies !== 'default' && given.policies !== 'custom') throw new Error('Answer "policies" is "default" or "custom"');
    answers.policies = given.policies;
  }
  for (const key of ['update', 'rollback'] as const) {
    const policy = given[key];
    if (policy === undefined) continue;
    if (typeof policy !== 'object' || policy === null) throw new Error(`Answer "${key}" is { parallelism, delay, failureAction, order }`);
    answers[key] = { ...answers[key], ...(policy as Partial<PolicyAnswers>) };
  }
  if (answers.name === '') answers.name = defaultServiceName(answers.image);
  return answers;
}

/** The name Create Service… proposes for an image: its last path part without tag or digest. */
export function defaultServiceName(image: string): string {
  const last = image.trim().split('/').pop() ?? '';
  return last.split(/[:@]/)[0]?.replace(/[^a-zA-Z0-9_.-]/g, '') ?? '';
}
