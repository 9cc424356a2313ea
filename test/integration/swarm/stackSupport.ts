// Helpers for the stack tests: the swarm of the local engine, the docker 28 CLI, and specs read
// back from the engine with the namespace taken out so two stacks can be compared.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { EngineClient } from '../../../src/core/engine/engineClient';

const run = promisify(execFile);
/** The CLI that has `docker stack`; 20.10's /usr/bin/docker has it too, but the issue names docker 28. */
export const DOCKER28 = '/usr/local/bin/docker';
export const ADVERTISE_ADDRESS = '10.77.0.1';

export function localClient(): EngineClient {
  return new EngineClient({ kind: 'unix', socketPath: '/var/run/docker.sock' }, { requestTimeoutMs: 30_000 });
}

/** The docker 28 CLI on the local engine with a clean environment (no variables leak into the compose files). */
export async function docker(args: readonly string[], cwd?: string): Promise<{ stdout: string; stderr: string }> {
  return run(DOCKER28, [...args], { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', DOCKER_HOST: 'unix:///var/run/docker.sock' }, maxBuffer: 16 * 1024 * 1024 });
}

/**
 * Holds /tmp/dh-swarm.lock (flock(1), which everyone on this machine takes before touching swarm
 * mode) until the returned function is called or this process ends. DH_SWARM_LOCK_HELD=1 says a
 * caller already holds it (`DH_SWARM_LOCK_HELD=1 flock /tmp/dh-swarm.lock npx mocha …`).
 */
/** How long holdSwarmLock waits for another swarm run on this machine. */
export const LOCK_WAIT_SECONDS = 600;

export async function holdSwarmLock(): Promise<() => void> {
  if (process.env.DH_SWARM_LOCK_HELD === '1') {
    return () => undefined;
  }
  // flock runs `cat` while it holds the lock; cat ends, and the lock goes, when our end of its stdin closes.
  // Bounded: a daemon started by someone holding the lock inherits it and keeps it for ever.
  const holder = spawn('flock', ['-w', String(LOCK_WAIT_SECONDS), '/tmp/dh-swarm.lock', 'sh', '-c', 'echo held; exec cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('error', reject);
    holder.once('exit', (code) => reject(new Error(`flock /tmp/dh-swarm.lock exited ${String(code)}: not had within ${LOCK_WAIT_SECONDS} s; a process holds it (see /proc/locks)`)));
  });
  holder.unref();
  return () => holder.stdin.end();
}

export async function swarmState(): Promise<string> {
  return (await docker(['info', '--format', '{{.Swarm.LocalNodeState}}'])).stdout.trim();
}

/** A single-node swarm on the local engine (the caller holds /tmp/dh-swarm.lock). */
export async function initSingleNodeSwarm(): Promise<void> {
  if ((await swarmState()) !== 'active') {
    await docker(['swarm', 'init', '--advertise-addr', ADVERTISE_ADDRESS]);
  }
}

export async function leaveSwarm(): Promise<void> {
  if ((await swarmState()) !== 'inactive') {
    await docker(['swarm', 'leave', '--force']);
  }
}

type Json = Record<string, unknown>;

/** The specs of a namespace's services from /services, keyed by compose service name, with `<ns>` for the namespace and no IDs. */
export async function stackServiceSpecs(client: EngineClient, namespace: string): Promise<Record<string, Json>> {
  const services = await client.call<{ Spec: Json & { Name: string } }[]>((d, abortSignal) =>
    d.listServices({ filters: { label: [`com.docker.stack.namespace=${namespace}`] }, abortSignal } as never),
  );
  // The engine keeps network IDs in the spec: they are shown by name, which the namespace then hides.
  const networks = await client.call<{ Id: string; Name: string }[]>((d, abortSignal) => d.listNetworks({ abortSignal } as never));
  const networkNames = new Map(networks.map((network) => [network.Id, network.Name]));
  const withNames = (spec: Json): Json => {
    const template = spec['TaskTemplate'] as Json;
    const attached = (template['Networks'] ?? []) as Json[];
    return { ...spec, TaskTemplate: { ...template, Networks: attached.map((item) => ({ ...item, Target: networkNames.get(String(item['Target'])) ?? item['Target'] })) } };
  };
  return Object.fromEntries(services.map((service) => [service.Spec.Name.slice(namespace.length + 1), withoutNamespace(withNames(service.Spec), namespace)]));
}

/** Networks of a namespace: name → what a stack sets on them. */
export async function stackNetworks(client: EngineClient, namespace: string): Promise<Record<string, Json>> {
  const networks = await client.call<Json[]>((d, abortSignal) => d.listNetworks({ filters: { label: [`com.docker.stack.namespace=${namespace}`] }, abortSignal } as never));
  return Object.fromEntries(
    networks.map((network) => {
      const { Driver, Scope, Attachable, Internal, Labels } = network;
      // The VXLAN id is the engine's pick for each network.
      const Options = Object.fromEntries(Object.entries((network['Options'] ?? {}) as Json).filter(([key]) => key !== 'com.docker.network.driver.overlay.vxlanid_list'));
      return [String(network['Name']).replace(namespace, '<ns>'), withoutNamespace({ Driver, Scope, Attachable, Internal, Labels, Options }, namespace)];
    }),
  );
}

/** Everything left with the namespace label: services, networks, secrets, configs, by name. */
export async function labelledLeftovers(client: EngineClient, namespace: string): Promise<string[]> {
  const filters = { label: [`com.docker.stack.namespace=${namespace}`] };
  const [services, networks, secrets, configs] = await Promise.all([
    client.call<{ Spec: { Name: string } }[]>((d, abortSignal) => d.listServices({ filters, abortSignal } as never)),
    client.call<{ Name: string }[]>((d, abortSignal) => d.listNetworks({ filters, abortSignal } as never)),
    client.call<{ Spec: { Name: string } }[]>((d, abortSignal) => d.listSecrets({ filters, abortSignal } as never)),
    client.call<{ Spec: { Name: string } }[]>((d, abortSignal) => d.listConfigs({ filters, abortSignal } as never)),
  ]);
  return [...services.map((s) => `service ${s.Spec.Name}`), ...networks.map((n) => `network ${n.Name}`), ...secrets.map((s) => `secret ${s.Spec.Name}`), ...configs.map((c) => `config ${c.Spec.Name}`)];
}

function withoutNamespace(value: Json, namespace: string): Json {
  const text = JSON.stringify(value).split(namespace).join('<ns>');
  return JSON.parse(text, (key, item: unknown) => (key === 'SecretID' || key === 'ConfigID' ? undefined : item)) as Json;
}

/** Every path where two JSON values differ, as `a.b[2].c: <ours> ≠ <theirs>`. */
export function jsonDifferences(ours: unknown, theirs: unknown, at = ''): Map<string, string> {
  const result = new Map<string, string>();
  if (JSON.stringify(ours) === JSON.stringify(theirs)) {
    return result;
  }
  const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(ours) && isObject(theirs)) {
    for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      jsonDifferences(ours[key], theirs[key], at === '' ? key : `${at}.${key}`).forEach((text, where) => result.set(where, text));
    }
    return result;
  }
  if (Array.isArray(ours) && Array.isArray(theirs) && ours.length === theirs.length) {
    ours.forEach((item, index) => jsonDifferences(item, theirs[index], `${at}[${index}]`).forEach((text, where) => result.set(where, text)));
    return result;
  }
  result.set(at, `ours ${JSON.stringify(ours)} ≠ CLI ${JSON.stringify(theirs)}`);
  return result;
}
