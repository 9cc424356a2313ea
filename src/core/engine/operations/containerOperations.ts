import { Duplex, PassThrough, pipeline } from 'node:stream';
import type Docker from 'dockerode';
import { EngineClient, SLOW_CALL_ALLOWANCE_MS } from '../engineClient';
import { FrameDemuxer } from '../frameDemuxer';

/** Lifecycle actions that take only the container (what `docker start|stop|…` do). */
export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

/** Which states each action makes sense in; the UI offers an action only there. */
export const ACTION_APPLIES_TO: Readonly<Record<ContainerAction, readonly string[]>> = {
  start: ['exited', 'created', 'dead'],
  stop: ['running', 'restarting', 'unhealthy', 'paused'],
  restart: ['running', 'exited', 'created', 'unhealthy', 'restarting'],
  pause: ['running', 'unhealthy'],
  unpause: ['paused'],
};

export async function runContainerAction(client: EngineClient, id: string, action: ContainerAction, signal?: AbortSignal): Promise<void> {
  // stop and restart wait out the container's stop grace period on the engine.
  const allowanceMs = action === 'stop' || action === 'restart' ? SLOW_CALL_ALLOWANCE_MS : 0;
  await client.call(
    (d, abortSignal) => {
      const container = d.getContainer(id);
      const opts = { abortSignal } as never;
      const actions: Record<ContainerAction, () => unknown> = {
        start: () => container.start(opts),
        stop: () => container.stop(opts),
        restart: () => container.restart(opts),
        pause: () => container.pause(opts),
        unpause: () => container.unpause(opts),
      };
      return actions[action]();
    },
    { ...(signal && { signal }), allowanceMs },
  );
}

export const KILL_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

export async function killContainer(client: EngineClient, id: string, signal: string): Promise<void> {
  await client.call((d, abortSignal) => d.getContainer(id).kill({ signal, abortSignal }));
}

export async function removeContainer(client: EngineClient, id: string, options: { force: boolean; volumes: boolean }): Promise<void> {
  await client.call((d, abortSignal) => d.getContainer(id).remove({ force: options.force, v: options.volumes, abortSignal }), { allowanceMs: SLOW_CALL_ALLOWANCE_MS });
}

/** Docker's own rule for container names (daemon/names.go). */
export function validateContainerName(name: string): string | undefined {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name) ? undefined : 'Names start with a letter or digit and contain only letters, digits, _ . and -';
}

export async function renameContainer(client: EngineClient, id: string, name: string): Promise<void> {
  const problem = validateContainerName(name);
  if (problem) {
    throw new Error(problem);
  }
  await client.call((d, abortSignal) => d.getContainer(id).rename({ name, abortSignal }));
}

export interface PruneResult {
  readonly deleted: readonly string[];
  readonly spaceReclaimed: number;
}

export async function pruneContainers(client: EngineClient, filters?: Record<string, string[]>): Promise<PruneResult> {
  const result = (await client.call((d, abortSignal) => d.pruneContainers({ ...(filters && { filters }), abortSignal } as never), { allowanceMs: SLOW_CALL_ALLOWANCE_MS })) as { ContainersDeleted?: string[] | null; SpaceReclaimed?: number };
  return { deleted: result.ContainersDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
}

export interface ProcessTable {
  readonly titles: readonly string[];
  readonly processes: readonly (readonly string[])[];
}

export async function topContainer(client: EngineClient, id: string): Promise<ProcessTable> {
  const result = (await client.call((d, abortSignal) => d.getContainer(id).top({ ps_args: 'aux', abortSignal }))) as { Titles?: string[]; Processes?: string[][] };
  return { titles: result.Titles ?? [], processes: result.Processes ?? [] };
}

/** Plain text for a process table, columns padded to line up. */
export function formatProcessTable(table: ProcessTable): string {
  const rows = [table.titles, ...table.processes];
  const widths = table.titles.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')).join('\n');
}

export interface LogOptions {
  readonly follow: boolean;
  readonly timestamps: boolean;
  /** Lines from the end; 'all' for everything. */
  readonly tail: number | 'all';
  /** Only lines logged at or after this time (the engine's clock, Unix nanoseconds). */
  readonly sinceNano?: bigint;
}

/**
 * The container's output as one text stream (stdout and stderr merged as the CLI shows them).
 * Containers without a TTY send a multiplexed stream that is split here; ends when the
 * container stops (follow) or the log is read, or when `signal` aborts.
 */
export async function containerLogs(client: EngineClient, id: string, options: LogOptions, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
  const info = await client.call<Docker.ContainerInspectInfo>((d, abortSignal) => d.getContainer(id).inspect({ abortSignal }), { signal });
  const logsOf = (d: Docker, abortSignal: AbortSignal): unknown =>
    d.getContainer(id).logs({ follow: options.follow as true, stdout: true, stderr: true, timestamps: options.timestamps, tail: options.tail, ...(options.sinceNano !== undefined && { since: engineTimestamp(options.sinceNano) }), abortSignal } as never);
  if (!options.follow) {
    // Without follow the engine answers in one body; a long log may take a while to send.
    const body = await client.call<Buffer>(logsOf, { signal, allowanceMs: SLOW_CALL_ALLOWANCE_MS });
    const output = new PassThrough();
    output.end(info.Config.Tty ? body : demuxBuffer(body));
    return output;
  }
  // A followed log of a quiet container is silent for as long as it likes.
  const raw = await client.openStream(logsOf, { signal, idle: 'quiet-ok' });
  if (info.Config.Tty) {
    return raw;
  }
  return pipeline(raw, new FrameDemuxer(), () => undefined);
}

/** `seconds.nanoseconds` as the engine parses `since` (the part after the dot is read as nanoseconds, so it has 9 digits). */
function engineTimestamp(nanoseconds: bigint): string {
  const billion = 1_000_000_000n;
  return `${nanoseconds / billion}.${String(nanoseconds % billion).padStart(9, '0')}`;
}

/** Splits the engine's 8-byte-header frames of a non-TTY body into the plain text. */
export function demuxBuffer(buffer: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return Buffer.concat(parts);
}

export interface InteractiveExec {
  readonly stream: Duplex;
  resize(columns: number, rows: number): Promise<void>;
  /** The command's exit code once it ended. */
  exitCode(): Promise<number | undefined>;
}

/**
 * An interactive process in the container with a TTY (Open Shell, Run Interactive). The shell
 * is bash where the image has it, else sh: decided inside the container in one exec.
 */
export async function execInteractive(client: EngineClient, id: string, command: readonly string[] | 'shell', size: { columns: number; rows: number }): Promise<InteractiveExec> {
  const cmd = command === 'shell' ? ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'] : [...command];
  const exec = await client.call<Docker.Exec>((d, abortSignal) =>
    d.getContainer(id).exec({ Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true, Env: ['TERM=xterm-256color'], abortSignal } as never),
  );
  const stream = await client.openStream<Duplex>(() => exec.start({ hijack: true, stdin: true, Tty: true } as never), { idle: 'quiet-ok' });
  const resize = async (columns: number, rows: number): Promise<void> => {
    await client.call((_d, abortSignal) => exec.resize({ w: columns, h: rows, abortSignal } as never)).catch(() => undefined); // the process may have ended
  };
  await resize(size.columns, size.rows);
  return {
    stream,
    resize,
    exitCode: async () => (await client.call<{ ExitCode?: number | null }>((_d, abortSignal) => exec.inspect({ abortSignal } as never))).ExitCode ?? undefined,
  };
}

/** Runs a command to completion without a TTY and returns its merged output and exit code. */
export async function execCommand(client: EngineClient, id: string, command: readonly string[], signal?: AbortSignal): Promise<{ output: string; exitCode: number | undefined }> {
  const exec = await client.call<Docker.Exec>((d, abortSignal) => d.getContainer(id).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true, Tty: false, abortSignal } as never), { signal });
  // The command may work silently for a while; the caller's signal ends it.
  const stream = await client.openStream((_d, abortSignal) => exec.start({ hijack: true, stdin: false, abortSignal } as never), { signal, idle: 'quiet-ok' });
  const chunks: Buffer[] = [];
  const collected = pipeline(stream, new FrameDemuxer(), () => undefined);
  collected.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const inspect = await client.call<{ ExitCode?: number | null }>((_d, abortSignal) => exec.inspect({ abortSignal } as never));
  return { output: Buffer.concat(chunks).toString('utf8'), exitCode: inspect.ExitCode ?? undefined };
}
