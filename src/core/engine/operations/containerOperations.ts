import { Duplex, PassThrough } from 'node:stream';
import { EngineClient } from '../engineClient';

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
  const container = client.docker.getContainer(id);
  const opts = { abortSignal: signal } as never;
  switch (action) {
    case 'start':
      return void (await container.start(opts));
    case 'stop':
      return void (await container.stop(opts));
    case 'restart':
      return void (await container.restart(opts));
    case 'pause':
      return void (await container.pause(opts));
    case 'unpause':
      return void (await container.unpause(opts));
  }
}

export const KILL_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

export async function killContainer(client: EngineClient, id: string, signal: string): Promise<void> {
  await client.docker.getContainer(id).kill({ signal });
}

export async function removeContainer(client: EngineClient, id: string, options: { force: boolean; volumes: boolean }): Promise<void> {
  await client.docker.getContainer(id).remove({ force: options.force, v: options.volumes });
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
  await client.docker.getContainer(id).rename({ name });
}

export interface PruneResult {
  readonly deleted: readonly string[];
  readonly spaceReclaimed: number;
}

export async function pruneContainers(client: EngineClient, filters?: Record<string, string[]>): Promise<PruneResult> {
  const result = (await client.docker.pruneContainers(filters ? { filters } : {})) as { ContainersDeleted?: string[] | null; SpaceReclaimed?: number };
  return { deleted: result.ContainersDeleted ?? [], spaceReclaimed: result.SpaceReclaimed ?? 0 };
}

export interface ProcessTable {
  readonly titles: readonly string[];
  readonly processes: readonly (readonly string[])[];
}

export async function topContainer(client: EngineClient, id: string): Promise<ProcessTable> {
  const result = (await client.docker.getContainer(id).top({ ps_args: 'aux' })) as unknown as { Titles?: string[]; Processes?: string[][] };
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
}

/**
 * The container's output as one text stream (stdout and stderr merged as the CLI shows them).
 * Containers without a TTY send a multiplexed stream that is split here; ends when the
 * container stops (follow) or the log is read, or when `signal` aborts.
 */
export async function containerLogs(client: EngineClient, id: string, options: LogOptions, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
  const container = client.docker.getContainer(id);
  const info = await container.inspect();
  const raw = (await container.logs({
    follow: options.follow as true,
    stdout: true,
    stderr: true,
    timestamps: options.timestamps,
    tail: options.tail,
    abortSignal: signal,
  } as never)) as unknown as NodeJS.ReadableStream | Buffer;
  const output = new PassThrough();
  if (Buffer.isBuffer(raw)) {
    // Without follow the engine answers in one body.
    output.end(info.Config.Tty ? raw : demuxBuffer(raw));
    return output;
  }
  if (info.Config.Tty) {
    return raw;
  }
  client.docker.modem.demuxStream(raw, output, output);
  raw.on('end', () => output.end());
  raw.on('error', (error: Error) => output.destroy(error));
  return output;
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
  const container = client.docker.getContainer(id);
  const cmd = command === 'shell' ? ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'] : [...command];
  const exec = await container.exec({ Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true, Env: ['TERM=xterm-256color'] });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true } as never)) as unknown as Duplex;
  const resize = async (columns: number, rows: number): Promise<void> => {
    await exec.resize({ w: columns, h: rows } as never).catch(() => undefined); // the process may have ended
  };
  await resize(size.columns, size.rows);
  return {
    stream,
    resize,
    exitCode: async () => ((await exec.inspect()) as { ExitCode?: number | null }).ExitCode ?? undefined,
  };
}

/** Runs a command to completion without a TTY and returns its merged output and exit code. */
export async function execCommand(client: EngineClient, id: string, command: readonly string[], signal?: AbortSignal): Promise<{ output: string; exitCode: number | undefined }> {
  const exec = await client.docker.getContainer(id).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true, Tty: false });
  const stream = (await exec.start({ hijack: true, stdin: false, abortSignal: signal } as never)) as unknown as NodeJS.ReadableStream;
  const collected = new PassThrough();
  const chunks: Buffer[] = [];
  collected.on('data', (chunk: Buffer) => chunks.push(chunk));
  client.docker.modem.demuxStream(stream, collected, collected);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const inspect = (await exec.inspect()) as { ExitCode?: number | null };
  return { output: Buffer.concat(chunks).toString('utf8'), exitCode: inspect.ExitCode ?? undefined };
}
