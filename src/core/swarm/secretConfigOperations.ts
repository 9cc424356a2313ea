import { EngineClient } from '../engine/engineClient';
import { engineMessageOf } from '../util/errors';
import { RawSwarmObject, toObjectSummary } from './swarmMapping';
import { swarmRequest } from './swarmRequest';
import { SwarmConfigSummary, SwarmObjectInput, SwarmObjectSummary, SwarmSecretSummary } from './swarmTypes';

type SwarmObjectKind = 'secrets' | 'configs';

const withSignal = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});
const singular = (kind: SwarmObjectKind): 'secret' | 'config' => (kind === 'secrets' ? 'secret' : 'config');

/** swarmkit's limits (MaxSecretSize, MaxConfigSize): data must be smaller. */
export const MAX_OBJECT_BYTES: Readonly<Record<'secret' | 'config', number>> = { secret: 500 * 1024, config: 1000 * 1024 };

/** A secret's or config's name as swarmkit accepts it (validateSecretOrConfigSpec: 1-64 of these). */
export function validateObjectName(kind: 'secret' | 'config', name: string): string | undefined {
  if (name === '') return `A ${kind} needs a name`;
  if (name.length > 64) return `At most 64 characters (this is ${name.length})`;
  return /^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$/.test(name) ? undefined : `Letters, digits, '_', '.', '-', starting and ending with a letter or digit`;
}

/** The engine refused to remove a secret or config because services use it; `services` names them. */
export class SwarmObjectInUseError extends Error {
  override readonly name = 'SwarmObjectInUseError';

  constructor(readonly kind: 'secret' | 'config', readonly objectName: string, readonly services: readonly string[], options?: { cause?: unknown }) {
    const which = services.length === 1 ? `the service ${services[0] ?? ''}` : `the services ${services.join(', ')}`;
    super(`the ${kind} ${objectName} is in use by ${which}: remove ${services.length === 1 ? 'that service' : 'those services'} or update ${services.length === 1 ? 'it' : 'them'} not to use it, then remove the ${kind}`, options);
  }
}

/** swarmkit's words (controlapi RemoveSecret/RemoveConfig): "secret 'x' is in use by the following service: a, b". */
const IN_USE = /(?:secret|config) '([^']*)' is in use by the following services?: (.+?)\s*$/i;

/** The services an engine's in-use refusal names, or undefined when the failure is another one. */
export function servicesInUse(error: unknown): { readonly name: string; readonly services: string[] } | undefined {
  const match = IN_USE.exec(engineMessageOf(error));
  return match ? { name: match[1] ?? '', services: (match[2] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '') } : undefined;
}

async function listObjects(client: EngineClient, kind: SwarmObjectKind, signal?: AbortSignal): Promise<SwarmObjectSummary[]> {
  const raw = await swarmRequest<RawSwarmObject[]>(client, { method: 'GET', path: `/${kind}` }, withSignal(signal));
  return raw.map(toObjectSummary).sort((a, b) => a.name.localeCompare(b.name));
}

/** The data goes base64-encoded in the body and nowhere else: not into errors, logs or the answer. */
async function createObject(client: EngineClient, kind: SwarmObjectKind, input: SwarmObjectInput, signal?: AbortSignal): Promise<string> {
  const invalid = validateObjectName(singular(kind), input.name);
  if (invalid !== undefined) {
    throw new Error(`"${input.name}" is not a ${singular(kind)} name: ${invalid}`);
  }
  const bytes = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : Buffer.from(input.data);
  if (bytes.length === 0) throw new Error(`The ${singular(kind)} ${input.name} would be empty: the engine takes no empty ${kind}`);
  const limit = MAX_OBJECT_BYTES[singular(kind)];
  if (bytes.length >= limit) throw new Error(`The ${singular(kind)} ${input.name} is ${bytes.length} bytes: a swarm takes less than ${limit}`);
  const body = { Name: input.name, Labels: { ...input.labels }, Data: bytes.toString('base64') };
  bytes.fill(0);
  const created = await swarmRequest<{ ID?: string }>(client, { method: 'POST', path: `/${kind}/create`, body }, withSignal(signal));
  return created.ID ?? '';
}

async function removeObject(client: EngineClient, kind: SwarmObjectKind, id: string, signal?: AbortSignal): Promise<void> {
  try {
    await swarmRequest(client, { method: 'DELETE', path: `/${kind}/${encodeURIComponent(id)}` }, withSignal(signal));
  } catch (error) {
    const inUse = servicesInUse(error);
    throw inUse ? new SwarmObjectInUseError(singular(kind), inUse.name || id, inUse.services, { cause: error }) : error;
  }
}

/** The engine's own JSON for one secret or config (a secret's has no data; a config's has its data, base64). */
async function inspectObject(client: EngineClient, kind: SwarmObjectKind, id: string, signal?: AbortSignal): Promise<unknown> {
  return swarmRequest<unknown>(client, { method: 'GET', path: `/${kind}/${encodeURIComponent(id)}` }, withSignal(signal));
}

export const listSecrets = (client: EngineClient, signal?: AbortSignal): Promise<SwarmSecretSummary[]> => listObjects(client, 'secrets', signal);
export const createSecret = (client: EngineClient, input: SwarmObjectInput, signal?: AbortSignal): Promise<string> => createObject(client, 'secrets', input, signal);
export const removeSecret = (client: EngineClient, id: string, signal?: AbortSignal): Promise<void> => removeObject(client, 'secrets', id, signal);
export const inspectSecret = (client: EngineClient, id: string, signal?: AbortSignal): Promise<unknown> => inspectObject(client, 'secrets', id, signal);

export const listConfigs = (client: EngineClient, signal?: AbortSignal): Promise<SwarmConfigSummary[]> => listObjects(client, 'configs', signal);
export const createConfig = (client: EngineClient, input: SwarmObjectInput, signal?: AbortSignal): Promise<string> => createObject(client, 'configs', input, signal);
export const removeConfig = (client: EngineClient, id: string, signal?: AbortSignal): Promise<void> => removeObject(client, 'configs', id, signal);
export const inspectConfig = (client: EngineClient, id: string, signal?: AbortSignal): Promise<unknown> => inspectObject(client, 'configs', id, signal);
