import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type { ComposeFileObject, ComposeProject, ComposeService, ComposeServiceFileRef } from '../model/composeModel';
import type { EngineClient } from '../../engine/engineClient';
import { headerLength, padded, writeHeader } from '../../build/tarHeaders';
import { ComposeServiceError } from './composeTypes';

/** One secret or config of a service, resolved: where it goes in the container, and from where. */
interface ServiceFile {
  readonly kind: 'secret' | 'config';
  readonly ref: ComposeServiceFileRef;
  readonly object: ComposeFileObject;
  /** Absolute path in the container. */
  readonly target: string;
}

/** v2's targets: secrets under /run/secrets unless absolute, configs under / unless absolute. */
function serviceFiles(project: ComposeProject, service: ComposeService): ServiceFile[] {
  const resolve = (kind: 'secret' | 'config', ref: ComposeServiceFileRef): ServiceFile => {
    const object = (kind === 'secret' ? project.secrets : project.configs)[ref.source];
    if (!object) throw new ComposeServiceError(service.name, `Service "${service.name}" uses ${kind} "${ref.source}", which the project does not declare`);
    if (object.external) throw new ComposeServiceError(service.name, `Service "${service.name}": external ${kind} "${ref.source}" needs Swarm; use a file instead`);
    const target = ref.target ?? ref.source;
    return { kind, ref, object, target: path.posix.isAbsolute(target) ? target : path.posix.join(kind === 'secret' ? '/run/secrets' : '/', target) };
  };
  return [...service.secrets.map((ref) => resolve('secret', ref)), ...service.configs.map((ref) => resolve('config', ref))];
}

/** File-based secrets and configs: read-only bind mounts, as v2 makes them. */
export function fileObjectMounts(project: ComposeProject, service: ComposeService): Record<string, unknown>[] {
  return serviceFiles(project, service)
    .filter((file) => file.object.file !== undefined)
    .map((file) => ({ Type: 'bind', Source: file.object.file, Target: file.target, ReadOnly: true }));
}

/**
 * Secrets from a variable and configs with inline content have no file to mount: like v2, they
 * are copied into the created container (before it starts), as one small tar. The variable's
 * value comes from `environment` (what the project was loaded with); it is never logged.
 */
export async function injectFileObjects(client: EngineClient, project: ComposeProject, service: ComposeService, containerId: string, environment: Readonly<Record<string, string | undefined>>, signal?: AbortSignal): Promise<void> {
  const entries = serviceFiles(project, service).filter((file) => file.object.file === undefined).map((file) => {
    const variable = file.object.environment;
    const content = variable !== undefined ? environment[variable] : file.object.content;
    if (content === undefined) {
      const source = variable !== undefined ? `variable ${variable}, which is not set` : 'no file, variable or content';
      throw new ComposeServiceError(service.name, `Service "${service.name}": ${file.kind} "${file.ref.source}" has ${source}`);
    }
    return { name: file.target.slice(1), content: Buffer.from(content, 'utf8'), mode: file.ref.mode ?? 0o444 };
  });
  if (entries.length === 0) return;
  const body = new PassThrough();
  body.end(oneTar(entries));
  await client.upload(body, (d, abortSignal, watched) => d.getContainer(containerId).putArchive(watched as never, { path: '/', abortSignal }), { ...(signal && { signal }) });
}

/** A tar of regular files (the engine creates their folders as it extracts). */
function oneTar(entries: readonly { name: string; content: Buffer; mode: number }[]): Buffer {
  const size = entries.reduce((sum, e) => sum + headerLength(e.name, undefined) + padded(e.content.length), 1024);
  const buffer = Buffer.alloc(size);
  let offset = 0;
  const now = Math.floor(Date.now() / 1000);
  for (const entry of entries) {
    offset += writeHeader(buffer, offset, entry.name, 0, entry.mode, now, entry.content.length, undefined);
    entry.content.copy(buffer, offset);
    offset += padded(entry.content.length);
  }
  return buffer.subarray(0, offset + 1024);
}
