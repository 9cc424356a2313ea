import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EngineClient } from '../engine/engineClient';
import { followJsonLines } from '../engine/jsonStream';
import { engineMessageOf } from '../util/errors';
import { parseDockerfile } from '../dockerfile/model';
import { packContext, planContext } from './buildContext';
import { BuildFailure, BuildListener, BuildOptions, BuildResult } from './buildTypes';
import { buildWithBuildkit } from './buildkitBuild';
import { chooseBuilder } from './builderChoice';
import { SessionProviders } from '../buildkit/session';
import { SecretSources, secretSpecProblems } from '../buildkit/secrets';
import { SshAgents, sshSpecProblems } from '../buildkit/sshForward';
import { outputProblems } from './buildOutput';

export { BuildFailure } from './buildTypes';
export type { BuildListener, BuildOptions, BuildResult } from './buildTypes';

/**
 * POST /build with the context packed as the CLI packs it, by BuildKit where the engine has it
 * (or the classic builder where it does not, or where the user chose it). Tags are applied by
 * the engine only when every step succeeded, so a failed or cancelled build tags nothing.
 */
export async function buildImage(
  client: EngineClient,
  options: BuildOptions,
  listener: BuildListener,
  signal?: AbortSignal,
  credentials?: SessionProviders['credentials'],
): Promise<BuildResult> {
  for (const [what, problems] of [
    ['secrets', secretSpecProblems(options.secrets ?? [])],
    ['output', outputProblems(options.output)],
    ['SSH agents', sshSpecProblems(options.ssh ?? [])],
  ] as const) {
    if (problems.length > 0) {
      throw new BuildFailure(`The build's ${what} ${what === 'output' ? 'is' : 'are'} not usable:\n${problems.join('\n')}`, undefined, undefined);
    }
  }
  if (options.builder !== undefined && !['auto', 'buildkit', 'classic'].includes(options.builder)) {
    throw new BuildFailure(`"builder" is "${String(options.builder)}": use auto, buildkit or classic`, undefined, undefined);
  }
  const builder = await chooseBuilder(client, options.builder ?? 'auto', signal);
  const needsBuildkit = builder === 'classic' && buildkitOnly(options);
  if (needsBuildkit) {
    throw new BuildFailure(`${needsBuildkit} BuildKit; this build uses the classic builder`, undefined, undefined);
  }
  listener.builder?.(builder);
  const planning = planContext(options.contextDir, options.dockerfile);
  planning.catch(() => undefined); // awaited below, or by the file sync
  const dockerfileText = await fs.readFile(options.dockerfile, 'utf8');
  const query = {
    t: [...options.tags],
    rm: true,
    forcerm: true,
    ...(options.buildArgs && { buildargs: options.buildArgs }),
    ...(options.target && { target: options.target }),
    ...(options.platform && { platform: options.platform }),
    ...(options.labels && { labels: options.labels }),
    ...(options.noCache && { nocache: true }),
    ...(options.pull && { pull: true }),
    ...(options.network && { networkmode: options.network }),
    ...(options.cacheFrom?.length && { cachefrom: JSON.stringify(options.cacheFrom) }),
  };
  if (builder === 'buildkit') {
    // The context goes through the session's file sync, as the docker CLI sends it to BuildKit.
    const folders = { context: planning, dockerfileDir: path.dirname(path.resolve(options.dockerfile)) };
    const request = {
      query: { ...query, dockerfile: path.basename(options.dockerfile), remote: 'client-session' },
      folders,
      contextRoot: path.resolve(options.contextDir),
      dockerfile: parseDockerfile(dockerfileText),
      tags: options.tags,
      ...(options.target && { target: options.target }),
      ...(options.output && { output: options.output }),
    };
    const providers: SessionProviders = { ...(credentials && { credentials }), secrets: new SecretSources(options.secrets ?? []), ssh: new SshAgents(options.ssh ?? []) };
    return buildWithBuildkit(client, request, providers, listener, signal);
  }
  const plan = await planning;
  const context = packContext(plan, (sent) => listener.upload?.(sent, plan.totalBytes));
  const stepLines = instructionLines(dockerfileText);
  let step: number | undefined;
  const failure = (text: string): BuildFailure => {
    const parseLine = /parse error (?:on )?line (\d+)/i.exec(text);
    const line = parseLine ? Number(parseLine[1]) : step !== undefined ? stepLines[step - 1] : undefined;
    return new BuildFailure(text.trim(), line, parseLine ? undefined : step);
  };
  let response: NodeJS.ReadableStream;
  try {
    // While the context uploads, silence bounds the request; a build step may then run quietly.
    response = await client.openStream((d, abortSignal, body) => d.buildImage(body as never, { ...query, dockerfile: plan.dockerfile, abortSignal } as never), { ...(signal && { signal }), body: context, idle: 'quiet-ok' });
  } catch (error) {
    // A Dockerfile the engine cannot parse is refused before any step (HTTP 400).
    const text = engineMessageOf(error);
    throw /parse error/i.test(text) ? failure(text.replace(/^\(HTTP code \d+\) \w+ - /, '')) : error;
  }
  let imageId: string | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    signal?.addEventListener('abort', () => reject(Object.assign(new Error('Build cancelled'), { name: 'AbortError' })), { once: true });
  });
  cancelled.catch(() => undefined);
  const following = followJsonLines(response, (value) => {
    const message = value as { stream?: unknown; error?: unknown; errorDetail?: { message?: unknown }; aux?: { ID?: unknown } };
    if (typeof message.aux?.ID === 'string') {
      imageId = message.aux.ID;
    }
    if (typeof message.stream === 'string') {
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
      throw failure(String(message.errorDetail?.message ?? message.error ?? 'build failed'));
    }
  });
  await Promise.race([following, cancelled]);
  if (!imageId) {
    throw new BuildFailure('The engine reported no image id', undefined, step);
  }
  return { imageId, tags: options.tags };
}

/** What in the options only BuildKit can do, said as the start of a sentence ("… needs BuildKit"). */
function buildkitOnly(options: BuildOptions): string | undefined {
  if (options.secrets?.length) return 'Build secrets need';
  if (options.output || options.cacheFrom?.length) return 'An output or cacheFrom needs';
  if (options.ssh?.length) return 'SSH agent forwarding needs';
  return undefined;
}

/** The 1-based line of each instruction, in the order the classic builder numbers its steps. */
export function instructionLines(dockerfileText: string): number[] {
  return parseDockerfile(dockerfileText).instructions.map((instruction) => instruction.getRange().start.line + 1);
}
