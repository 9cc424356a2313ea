import { EngineClient } from '../engine/engineClient';
import { RawSwarmObject, toObjectSummary } from './swarmMapping';
import { swarmRequest } from './swarmRequest';
import { SwarmConfigSummary, SwarmObjectInput, SwarmObjectSummary, SwarmSecretSummary } from './swarmTypes';

type SwarmObjectKind = 'secrets' | 'configs';

const withSignal = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});

async function listObjects(client: EngineClient, kind: SwarmObjectKind, signal?: AbortSignal): Promise<SwarmObjectSummary[]> {
  const raw = await swarmRequest<RawSwarmObject[]>(client, { method: 'GET', path: `/${kind}` }, withSignal(signal));
  return raw.map(toObjectSummary).sort((a, b) => a.name.localeCompare(b.name));
}

/** The data goes base64-encoded in the body and nowhere else: not into errors, logs or the answer. */
async function createObject(client: EngineClient, kind: SwarmObjectKind, input: SwarmObjectInput, signal?: AbortSignal): Promise<string> {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(input.name)) {
    throw new Error(`"${input.name}" is not a ${kind === 'secrets' ? 'secret' : 'config'} name: use letters, digits, '_', '.', '-'`);
  }
  const data = (typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : Buffer.from(input.data)).toString('base64');
  const body = { Name: input.name, Labels: { ...input.labels }, Data: data };
  const created = await swarmRequest<{ ID?: string }>(client, { method: 'POST', path: `/${kind}/create`, body }, withSignal(signal));
  return created.ID ?? '';
}

async function removeObject(client: EngineClient, kind: SwarmObjectKind, id: string, signal?: AbortSignal): Promise<void> {
  await swarmRequest(client, { method: 'DELETE', path: `/${kind}/${encodeURIComponent(id)}` }, withSignal(signal));
}

export const listSecrets = (client: EngineClient, signal?: AbortSignal): Promise<SwarmSecretSummary[]> => listObjects(client, 'secrets', signal);
export const createSecret = (client: EngineClient, input: SwarmObjectInput, signal?: AbortSignal): Promise<string> => createObject(client, 'secrets', input, signal);
export const removeSecret = (client: EngineClient, id: string, signal?: AbortSignal): Promise<void> => removeObject(client, 'secrets', id, signal);

export const listConfigs = (client: EngineClient, signal?: AbortSignal): Promise<SwarmConfigSummary[]> => listObjects(client, 'configs', signal);
export const createConfig = (client: EngineClient, input: SwarmObjectInput, signal?: AbortSignal): Promise<string> => createObject(client, 'configs', input, signal);
export const removeConfig = (client: EngineClient, id: string, signal?: AbortSignal): Promise<void> => removeObject(client, 'configs', id, signal);
