import { connect, Socket } from 'node:net';

/** An asynchronous event QEMU sent (SHUTDOWN, POWERDOWN, STOP…). */
export interface QmpEvent {
  readonly event: string;
  readonly data?: unknown;
}

/** What `query-status` answers: `running`, `paused`, `shutdown`, `internal-error`, `guest-panicked`… */
export interface QmpStatus {
  readonly status: string;
  readonly running: boolean;
}

/** QEMU refused a command (its error class and description). */
export class QmpError extends Error {
  constructor(readonly errorClass: string, description: string) {
    super(`QEMU refused the command: ${description}`);
    this.name = 'QmpError';
  }
}

export interface QmpConnectOptions {
  /** Bound on connecting, the greeting and capability negotiation. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: QmpEvent) => void;
}

/** A line longer than this is not QMP: the connection is dropped rather than buffered for ever. */
const MAX_LINE = 1024 * 1024;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The QEMU Machine Protocol over a unix socket: one JSON object per line, a greeting, then
 * `qmp_capabilities`, then commands. Each command carries an id, so answers are matched to it
 * even with events in between; every command is bounded.
 */
export class QmpClient {
  private buffer = '';
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private greeting: ((value: unknown) => void) | undefined;
  private closedError: Error | undefined;

  private constructor(private readonly socket: Socket, private readonly onEvent?: (event: QmpEvent) => void) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('error', (error) => this.fail(new Error(`QMP connection failed: ${error.message}`)));
    socket.on('close', () => this.fail(new Error('QMP connection closed (QEMU exited?)')));
  }

  /** Connects, reads the greeting and enters command mode. */
  static async connect(socketPath: string, options: QmpConnectOptions = {}): Promise<QmpClient> {
    const timeoutMs = options.timeoutMs ?? 5_000;
    const socket = connect(socketPath);
    const client = new QmpClient(socket, options.onEvent);
    const abort = (): void => {
      client.fail(new Error('cancelled'));
      socket.destroy();
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      await client.withTimeout(
        new Promise<unknown>((resolve, reject) => {
          client.greeting = resolve;
          socket.once('error', (error) => reject(new Error(`Cannot reach QEMU's control socket ${socketPath}: ${error.message}`)));
          socket.once('close', () => reject(client.closedError ?? new Error('QMP connection closed')));
        }),
        timeoutMs,
        'the QMP greeting',
      );
      await client.execute('qmp_capabilities', undefined, timeoutMs);
      return client;
    } catch (error) {
      client.close();
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
  }

  /** Runs one command; rejects with QmpError when QEMU refuses it, or after `timeoutMs`. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, timeoutMs = 5_000): Promise<T> {
    if (this.closedError) {
      return Promise.reject(this.closedError);
    }
    const id = String(this.nextId++);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`QEMU did not answer ${command} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.socket.write(`${JSON.stringify({ execute: command, ...(args && { arguments: args }), id })}\n`);
    });
  }

  queryStatus(timeoutMs?: number): Promise<QmpStatus> {
    return this.execute<QmpStatus>('query-status', undefined, timeoutMs);
  }

  /** Presses the ACPI power button: the guest decides to shut down (or not). */
  async systemPowerdown(timeoutMs?: number): Promise<void> {
    await this.execute('system_powerdown', undefined, timeoutMs);
  }

  /** Ends QEMU at once (its disks are flushed and closed); the connection ending (closed or reset) counts as done. */
  async quit(timeoutMs?: number): Promise<void> {
    try {
      await this.execute('quit', undefined, timeoutMs);
    } catch (error) {
      if (error !== this.closedError) throw error;
    }
  }

  close(): void {
    this.fail(new Error('QMP connection closed'));
    this.socket.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line !== '') this.handle(line);
    }
    if (this.buffer.length > MAX_LINE) {
      this.fail(new Error('QMP sent an over-long line'));
      this.socket.destroy();
    }
  }

  private handle(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return; // not JSON: ignored, as QMP never sends it
    }
    if ('QMP' in message) {
      this.greeting?.(message.QMP);
      this.greeting = undefined;
    } else if (typeof message.event === 'string') {
      this.onEvent?.({ event: message.event, data: message.data });
    } else if (typeof message.id === 'string') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      const error = message.error as { class?: string; desc?: string } | undefined;
      if (error) {
        pending.reject(new QmpError(error.class ?? 'GenericError', error.desc ?? 'unknown error'));
      } else {
        pending.resolve(message.return);
      }
    }
  }

  private fail(error: Error): void {
    this.closedError ??= error;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(this.closedError);
      this.pending.delete(id);
    }
  }

  private withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`QEMU did not send ${what} within ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

/** Opens a connection, runs `work` with it and closes it, whatever happens. */
export async function withQmp<T>(socketPath: string, work: (qmp: QmpClient) => Promise<T>, options: QmpConnectOptions = {}): Promise<T> {
  const qmp = await QmpClient.connect(socketPath, options);
  try {
    return await work(qmp);
  } finally {
    qmp.close();
  }
}
