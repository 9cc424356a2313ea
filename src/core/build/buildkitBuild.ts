import { createHash } from 'node:crypto';
import * as os from 'node:os';
import { EngineClient } from '../engine/engineClient';
import { followJsonLines } from '../engine/jsonStream';
import { engineMessageOf } from '../util/errors';
import { DockerfileModel } from '../dockerfile/model';
import { decodeStatusUpdate } from '../buildkit/protocol';
import { openBuildSession, SessionProviders } from '../buildkit/session';
import { TraceProgress } from '../buildkit/traceProgress';
import { lineOfVertex } from '../buildkit/vertexLines';
import { BuildFailure, BuildListener, BuildResult } from './buildTypes';
import { contextSyncService, SyncedFolders } from './contextSync';
import { BuildOutput, outputReceiver, outputsQuery } from './buildOutput';

const TRACE_ID = 'moby.buildkit.trace';
const IMAGE_ID = 'moby.image.id';

export interface BuildkitRequest {
  /** The build's query parameters, shared with the classic builder. */
  readonly query: Readonly<Record<string, unknown>>;
  /** The context and the Dockerfile's folder, offered through the session's file sync. */
  readonly folders: SyncedFolders;
  /** The context folder, absolute (its plan may still be in the making). */
  readonly contextRoot: string;
  readonly dockerfile: DockerfileModel;
  readonly target?: string;
  readonly tags: readonly string[];
  /** Files or a tar on this computer instead of an image. */
  readonly output?: BuildOutput;
}

/**
 * POST /build?version=2 with a BuildKit session of our own (registry auth, secrets), the trace
 * decoded into plain progress lines, and a failure mapped to the Dockerfile line of its step.
 * The engine tags only after a successful solve; aborting the request cancels the solve.
 */
export async function buildWithBuildkit(client: EngineClient, request: BuildkitRequest, providers: SessionProviders, listener: BuildListener, signal?: AbortSignal): Promise<BuildResult> {
  let contextBytes = 0;
  // A context that cannot be planned (an unreadable .dockerignore, say) stops the build with its own message.
  const planned = request.folders.context.then((plan) => {
    contextBytes = plan.totalBytes;
    return new Promise<never>(() => undefined);
  });
  planned.catch(() => undefined);
  const sync = contextSyncService(request.folders, (sent) => listener.upload?.(sent, contextBytes));
  const receiver = request.output ? outputReceiver(request.output) : undefined;
  const services = [...(providers.services ?? []), sync, ...(receiver ? [receiver.service] : [])];
  const session = await openBuildSession(client, { ...providers, services, sharedKey: sharedKeyFor(request.contextRoot) }, signal);
  const progress = new TraceProgress((text) => listener.output(text));
  let imageId: string | undefined;
  try {
    const query = { ...request.query, version: '2', session: session.id, ...(request.output && { outputs: outputsQuery(request.output) }) };
    let response: NodeJS.ReadableStream;
    try {
      response = await client.openStream((d, abortSignal) => new Promise((resolve, reject) => {
        d.modem.dial(
          // An empty tar body, as the CLI sends: without one docker-modem would send the query as JSON.
          { path: '/build?', method: 'POST', options: query, file: Buffer.alloc(0), isStream: true, abortSignal, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' } },
          (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream)),
        );
      }), { ...(signal && { signal }), idle: 'quiet-ok' });
    } catch (error) {
      throw failureOf(engineMessageOf(error).replace(/^\(HTTP code \d+\) [\w ]+ - /, ''), request, progress);
    }
    const following = followJsonLines(response, (value) => {
      const message = value as { id?: unknown; aux?: unknown; error?: unknown; errorDetail?: { message?: unknown }; stream?: unknown };
      if (message.id === TRACE_ID && typeof message.aux === 'string') {
        let update;
        try {
          update = decodeStatusUpdate(message.aux);
        } catch {
          return; // an undecodable update is dropped, as an odd event is
        }
        progress.apply(update);
      } else if (message.id === IMAGE_ID && typeof (message.aux as { ID?: unknown } | undefined)?.ID === 'string') {
        imageId = (message.aux as { ID: string }).ID;
      } else if (typeof message.stream === 'string') {
        listener.output(message.stream);
      }
      if (message.error || message.errorDetail) {
        throw failureOf(String(message.errorDetail?.message ?? message.error ?? 'build failed'), request, progress);
      }
    });
    await Promise.race([following, session.lost, planned]).catch((error: unknown) => {
      (response as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.(); // the engine stops the solve
      throw error;
    });
    // The engine reports success once it has sent the output; the last bytes may still be on their way to disk.
    await (receiver ? Promise.race([receiver.written, session.lost]) : undefined);
  } finally {
    session.close();
  }
  for (const warning of progress.warningList) {
    listener.output(`WARNING: ${warning}\n`);
  }
  if (request.output) {
    return { tags: [], output: request.output };
  }
  if (!imageId) {
    throw new BuildFailure('The engine reported no image id', undefined, undefined);
  }
  return { imageId, tags: request.tags };
}

/**
 * The session's shared key for a context folder: the engine keeps what it synced under it, so
 * the next build of the same folder from this computer and user sends only what changed.
 */
function sharedKeyFor(contextRoot: string): string {
  return createHash('sha256').update(`docker-hosts\0${os.hostname()}\0${os.userInfo().username}\0${contextRoot}`).digest('hex');
}

/** The engine's final error, on the line of the step that failed, with that step's last output. */
function failureOf(text: string, request: BuildkitRequest, progress: TraceProgress): BuildFailure {
  const parseLine = /dockerfile parse error (?:on )?line (\d+)/i.exec(text) ?? /^(?:.*: )?line (\d+):/.exec(text);
  if (parseLine) {
    return new BuildFailure(text.trim(), Number(parseLine[1]), undefined);
  }
  const step = progress.failedStep;
  if (!step) {
    return new BuildFailure(text.trim(), undefined, undefined);
  }
  const output = step.lastOutput.length > 0 ? `\n${step.lastOutput.map((line) => `  ${line}`).join('\n')}` : '';
  return new BuildFailure(`${step.name}: ${step.error}${output}`, lineOfVertex(request.dockerfile, step.name, request.target), undefined);
}
