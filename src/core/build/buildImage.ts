import { promises as fs } from 'node:fs';
import { EngineClient } from '../engine/engineClient';
import { engineMessageOf } from '../util/errors';
import { parseDockerfile } from '../dockerfile/model';
import { packContext, planContext } from './buildContext';

export interface BuildOptions {
  readonly contextDir: string;
  readonly dockerfile: string;
  readonly tags: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly noCache?: boolean;
  readonly pull?: boolean;
}

export interface BuildListener {
  /** Build output as the engine prints it. */
  output(text: string): void;
  /** Bytes of the context sent so far, of the total planned. */
  upload?(sent: number, total: number): void;
}

export interface BuildResult {
  readonly imageId: string;
  readonly tags: readonly string[];
}

/** A failed build, mapped back to the Dockerfile line of the step (or parse error) that failed. */
export class BuildFailure extends Error {
  constructor(message: string, readonly line: number | undefined, readonly step: number | undefined) {
    super(message);
  }
}

/**
 * POST /build with the context packed as the CLI packs it (classic builder). Tags are applied
 * by the engine only when every step succeeded, so a failed or cancelled build tags nothing.
 */
export async function buildImage(client: EngineClient, options: BuildOptions, listener: BuildListener, signal?: AbortSignal): Promise<BuildResult> {
  const plan = await planContext(options.contextDir, options.dockerfile);
  const stepLines = instructionLines(await fs.readFile(options.dockerfile, 'utf8'));
  const context = packContext(plan, (sent) => listener.upload?.(sent, plan.totalBytes));
  const query = {
    t: [...options.tags],
    dockerfile: plan.dockerfile,
    rm: true,
    forcerm: true,
    ...(options.buildArgs && { buildargs: options.buildArgs }),
    ...(options.target && { target: options.target }),
    ...(options.platform && { platform: options.platform }),
    ...(options.labels && { labels: options.labels }),
    ...(options.noCache && { nocache: true }),
    ...(options.pull && { pull: true }),
    abortSignal: signal,
  };
  let step: number | undefined;
  const failure = (text: string): BuildFailure => {
    const parseLine = /parse error (?:on )?line (\d+)/i.exec(text);
    const line = parseLine ? Number(parseLine[1]) : step !== undefined ? stepLines[step - 1] : undefined;
    return new BuildFailure(text.trim(), line, parseLine ? undefined : step);
  };
  let response: NodeJS.ReadableStream;
  try {
    response = (await client.docker.buildImage(context as never, query as never)) as unknown as NodeJS.ReadableStream;
  } catch (error) {
    // A Dockerfile the engine cannot parse is refused before any step (HTTP 400).
    const text = engineMessageOf(error);
    throw /parse error/i.test(text) ? failure(text.replace(/^\(HTTP code \d+\) \w+ - /, '')) : error;
  }
  let imageId: string | undefined;
  await new Promise<void>((resolve, reject) => {
    signal?.addEventListener('abort', () => reject(Object.assign(new Error('Build cancelled'), { name: 'AbortError' })), { once: true });
    client.docker.modem.followProgress(
      response,
      (error: Error | null) => (error ? reject(error) : resolve()),
      (message: { stream?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string } }) => {
        if (message.aux?.ID) {
          imageId = message.aux.ID;
        }
        if (message.stream) {
          const stepMatch = /^Step (\d+)\/\d+ :/m.exec(message.stream);
          if (stepMatch) {
            step = Number(stepMatch[1]);
          }
          const built = /^Successfully built ([0-9a-f]+)/m.exec(message.stream);
          if (built) {
            imageId ??= built[1];
          }
          listener.output(message.stream);
        }
        if (message.error || message.errorDetail) {
          reject(failure(message.errorDetail?.message ?? message.error ?? 'build failed'));
        }
      },
    );
  });
  if (!imageId) {
    throw new BuildFailure('The engine reported no image id', undefined, step);
  }
  return { imageId, tags: options.tags };
}

/** The 1-based line of each instruction, in the order the classic builder numbers its steps. */
export function instructionLines(dockerfileText: string): number[] {
  return parseDockerfile(dockerfileText).instructions.map((instruction) => instruction.getRange().start.line + 1);
}
