import { createReadStream, createWriteStream } from 'node:fs';
import { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { EngineClient, SLOW_CALL_ALLOWANCE_MS } from '../engineClient';
import { followJsonLines } from '../jsonStream';
import { RegistryCredentials } from '../registryAuth';
import { LayerProgress, ProgressMessage } from './pullProgress';
import { PruneResult } from './containerOperations';
import { RunSpec, toCreateOptions } from './runSpec';

export type ProgressListener = (progress: LayerProgress) => void;

/** Follows a progress stream to its end; an error message in the stream rejects (mid-stream failures). */
function followProgress(stream: NodeJS.ReadableStream, onProgress?: ProgressListener): Promise<void> {
  const progress = new LayerProgress();
  return followJsonLines(stream, (message) => {
    progress.apply(message as ProgressMessage);
    onProgress?.(progress);
  });
}

/** docker pull, with per-layer progress; aborting the signal cancels the download. */
export async function pullImage(client: EngineClient, reference: string, credentials: RegistryCredentials | undefined, onProgress: ProgressListener, signal?: AbortSignal): Promise<void> {
  const ref = reference.includes(':') || reference.includes('@') ? reference : `${reference}:latest`;
  const stream = await client.openStream((d, abortSignal) => d.pull(ref, { ...(credentials && { authconfig: credentials }), abortSignal } as never), { signal, idle: 'transfer' });
  await followProgress(stream, onProgress);
}

export async function pushImage(client: EngineClient, reference: string, credentials: RegistryCredentials | undefined, onProgress: ProgressListener, signal?: AbortSignal): Promise<void> {
  const stream = await client.openStream(
    (d, abortSignal) => d.getImage(reference).push({ ...(credentials ? { authconfig: credentials } : { authconfig: {} }), abortSignal } as never),
    { signal, idle: 'transfer' },
  );
  await followProgress(stream, onProgress);
}

/** Docker's rule for repository names and tags (reference grammar, simplified to what users type). */
export function validateTag(reference: string): string | undefined {
  return /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/.test(reference)
    ? undefined
    : 'Use lowercase repository[:tag], e.g. registry.example:5000/team/app:1.2';
}

export async function tagImage(client: EngineClient, source: string, target: string): Promise<void> {
  const problem = validateTag(target);
  if (problem) {
    throw new Error(problem);
  }
  const lastColon = target.lastIndexOf(':');
  const hasTag = lastColon > target.lastIndexOf('/');
  await client.call((d, abortSignal) => d.getImage(source).tag({ repo: hasTag ? target.slice(0, lastColon) : target, tag: hasTag ? target.slice(lastColon + 1) : 'latest', abortSignal } as never));
}

/** Removes a tag (or an untagged image by id); the engine refuses while a container uses it unless forced. */
export async function removeImage(client: EngineClient, reference: string, force: boolean): Promise<void> {
  await client.call((d, abortSignal) => d.getImage(reference).remove({ force, noprune: false, abortSignal } as never), { allowanceMs: SLOW_CALL_ALLOWANCE_MS });
}

export async function pruneImages(client: EngineClient, scope: 'dangling' | 'unused', labelFilter?: string): Promise<PruneResult> {
  const filters: Record<string, string[]> = { dangling: [scope === 'dangling' ? 'true' : 'false'], ...(labelFilter ? { label: [labelFilter] } : {}) };
  const result = (await client.call((d, abortSignal) => d.pruneImages({ filters, abortSignal } as never), { allowanceMs: SLOW_CALL_ALLOWANCE_MS })) as { ImagesDeleted?: { Deleted?: string; Untagged?: string }[] | null; SpaceReclaimed?: number };
  return { deleted: (result.ImagesDeleted ?? []).map((d) => d.Deleted ?? d.Untagged ?? '').filter((d) => d !== ''), spaceReclaimed: result.SpaceReclaimed ?? 0 };
}

export interface HistoryEntry {
  readonly id: string;
  readonly created: Date;
  readonly createdBy: string;
  readonly size: number;
  readonly comment: string;
}

export async function imageHistory(client: EngineClient, reference: string): Promise<HistoryEntry[]> {
  const rows = (await client.call((d) => d.getImage(reference).history())) as { Id: string; Created: number; CreatedBy: string; Size: number; Comment: string }[];
  return rows.map((row) => ({ id: row.Id, created: new Date(row.Created * 1000), createdBy: row.CreatedBy, size: row.Size, comment: row.Comment }));
}

/** docker save: the images as one tar file. */
export async function saveImages(client: EngineClient, references: readonly string[], file: string, signal?: AbortSignal): Promise<void> {
  if (references.length !== 1) {
    throw new Error('Save one image at a time');
  }
  const stream = await client.openStream((d) => d.getImage(references[0] as string).get(), { ...(signal && { signal }), idle: 'transfer' });
  await pipeline(stream, createWriteStream(file), ...(signal ? [{ signal }] : []));
}

/** docker load: images from a tar file; resolves with the engine's "Loaded image: …" lines. */
export async function loadImages(client: EngineClient, file: string): Promise<string[]> {
  const response = await client.openStream((d, abortSignal, body) => d.loadImage(body as never, { abortSignal } as never), { body: createReadStream(file), idle: 'transfer' });
  const loaded: string[] = [];
  await followJsonLines(response, (value) => {
    const message = value as { stream?: unknown; error?: unknown };
    if (message.error) {
      throw new Error(String(message.error));
    }
    const line = typeof message.stream === 'string' ? message.stream.trim() : undefined;
    if (line?.startsWith('Loaded image')) {
      loaded.push(line.replace(/^Loaded image( ID)?: /, ''));
    }
  });
  return loaded;
}

/** Creates and starts a container from a RunSpec (docker run -d); returns its id. */
export async function runImage(client: EngineClient, spec: RunSpec): Promise<string> {
  const container = await client.call<Docker.Container>((d, abortSignal) => d.createContainer({ ...toCreateOptions(spec), abortSignal } as never));
  try {
    await client.call((_d, abortSignal) => container.start({ abortSignal }));
  } catch (error) {
    await client.call((_d, abortSignal) => container.remove({ force: true, abortSignal })).catch(() => undefined); // nothing half-made stays behind
    throw error;
  }
  return container.id;
}

/**
 * docker run -it: creates the container with a TTY, attaches to its main process and starts it.
 * The returned stream is the process's terminal; the container is removed on exit when asked.
 */
export async function runInteractive(client: EngineClient, spec: RunSpec, size: { columns: number; rows: number }): Promise<{ stream: Duplex; resize(columns: number, rows: number): Promise<void>; exitCode(): Promise<number> }> {
  const container = await client.call<Docker.Container>((d, abortSignal) => d.createContainer({ ...toCreateOptions({ ...spec, interactive: true }), abortSignal } as never));
  const stream = await client.openStream<Duplex>(() => container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true } as never), { idle: 'quiet-ok' });
  await client.call((_d, abortSignal) => container.start({ abortSignal }));
  // Asked now, as the CLI does (an auto-removed container is gone once it exited); it must
  // answer within the bound once the terminal's stream has ended.
  const waiting = client.call<{ StatusCode: number }>((_d, abortSignal) => container.wait({ abortSignal }), { boundFrom: streamEnded(stream) });
  waiting.catch(() => undefined);
  const resize = async (columns: number, rows: number): Promise<void> => {
    await client.call((_d, abortSignal) => container.resize({ w: columns, h: rows, abortSignal })).catch(() => undefined);
  };
  await resize(size.columns, size.rows);
  return { stream, resize, exitCode: async () => (await waiting).StatusCode };
}

function streamEnded(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.readableEnded) {
      resolve();
      return;
    }
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
  });
}
