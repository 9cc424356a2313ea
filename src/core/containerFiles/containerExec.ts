import type Docker from 'dockerode';
import { EngineClient } from '../engine/engineClient';
import { FrameDemuxer } from '../engine/frameDemuxer';

/** How much a file command may print; a listing beyond this is refused rather than held in memory. */
export const MAX_EXEC_OUTPUT_BYTES = 16 * 1024 * 1024;

export interface ExecResult {
  readonly output: Buffer;
  readonly exitCode: number | undefined;
  /** More output came than MAX_EXEC_OUTPUT_BYTES; the rest was dropped. */
  readonly truncated: boolean;
}

/** Exit codes of a command the container does not have (the runtime's, or sh's "not found"). */
export function isMissingTool(result: ExecResult): boolean {
  return result.exitCode === 126 || result.exitCode === 127;
}

/**
 * Runs a file command in a running container as root (as the archive endpoint writes), without
 * a TTY, and returns its output as bytes (a listing's names need not be UTF-8 safe to split).
 */
export async function execInContainer(client: EngineClient, id: string, command: readonly string[], signal?: AbortSignal): Promise<ExecResult> {
  const exec = await client.call<Docker.Exec>((d, abortSignal) => d.getContainer(id).exec({ Cmd: [...command], User: '0', AttachStdout: true, AttachStderr: true, Tty: false, abortSignal } as never), { ...(signal && { signal }) });
  const stream = await client.openStream((_d, abortSignal) => exec.start({ hijack: true, stdin: false, abortSignal } as never), { idle: 'quiet-ok', ...(signal && { signal }) });
  const chunks: Buffer[] = [];
  let length = 0;
  let truncated = false;
  const demuxer = new FrameDemuxer();
  demuxer.on('data', (chunk: Buffer) => {
    if (length + chunk.length > MAX_EXEC_OUTPUT_BYTES) {
      truncated = true;
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      return;
    }
    chunks.push(chunk);
    length += chunk.length;
  });
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', (error: Error) => (truncated ? resolve() : reject(error)));
    stream.pipe(demuxer);
  });
  const inspect = await client.call<{ ExitCode?: number | null; Running?: boolean }>((_d, abortSignal) => exec.inspect({ abortSignal } as never), { ...(signal && { signal }) });
  return { output: Buffer.concat(chunks, length), exitCode: inspect.ExitCode ?? undefined, truncated };
}
