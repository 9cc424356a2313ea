import { Duplex } from 'node:stream';
import { Client, ClientChannel } from 'ssh2';
import { abortable } from './abortable';
import { ChannelSocket } from './channelSocket';
import { EngineChannelSource } from './engineChannelSource';
import { connectHops } from './hopChain';
import { RemoteCommandResult, runRemoteCommand } from './remoteCommand';
import { SecretMemory } from './sshAuth';
import { sftpWriteFile } from './sftpWrite';
import { ConnectionGoneError, DEFAULT_REMOTE_SOCKET } from './sshChannels';
import { readSshConfigs, ResolvedSshHost, resolveSshHost, SshHostRequest } from './sshConfig';
import { formatSshAddress, SshAddress, SshError, SshFailure, toSshError } from './sshErrors';
import { NON_INTERACTIVE } from './sshInteraction';
import { localUserName, requireAbsoluteSshFiles, ResolvedSshSettings, resolveSshSettings, SshSettings } from './sshSettings';
import { Disposable, Listeners } from '../util/listeners';

/** An SSH machine: how to log in, and where the Engine socket is on that host. */
export interface SshTarget extends SshHostRequest {
  readonly remoteSocketPath?: string;
}

/**
 * idle: not connected (yet, or again after being unused); connecting: first attempt;
 * connected; reconnecting: the connection dropped and is being re-established with backoff;
 * failed: given up until the next request; disposed: closed for good.
 */
export type SshConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'disposed';

export interface SshStateChange {
  readonly state: SshConnectionState;
  /** One sentence for failed and reconnecting. */
  readonly error?: string;
}

/** Failures that another attempt cannot fix without a person: no automatic retries for these. */
const FINAL_FAILURES: ReadonlySet<SshFailure> = new Set(['auth-failed', 'host-key-changed', 'host-key-revoked', 'host-key-untrusted']);

interface Session {
  readonly clients: readonly Client[];
  readonly channels: EngineChannelSource;
  readonly onClose: () => void;
}

/**
 * One SSH connection per machine, shared by every Engine API request: each request gets its own
 * channel to the remote Engine socket. Connects on first use, keeps alive, reconnects with
 * backoff after a drop, and reports its state. In-flight requests on a dropped connection fail
 * with a clear error; nothing here throws from an event handler.
 */
export class SshConnection implements Disposable {
  private readonly settings: ResolvedSshSettings;
  private readonly secrets = new SecretMemory();
  private readonly lifetime = new AbortController();
  private readonly changes = new Listeners<SshStateChange>();
  private readonly inUse = new Set<ChannelSocket>();
  private commandsRunning = 0;
  private session: Session | undefined;
  private connecting: Promise<Session> | undefined;
  private resolved: ResolvedSshHost | undefined;
  private currentState: SshConnectionState = 'idle';
  private lastError: SshError | undefined;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(readonly target: SshTarget, settings: SshSettings = {}) {
    this.settings = resolveSshSettings(settings, NON_INTERACTIVE);
  }

  get state(): SshConnectionState {
    return this.currentState;
  }

  /** Why the connection failed or dropped last, as one sentence. */
  get error(): string | undefined {
    return this.lastError?.message;
  }

  /** That failure itself, whose kind (failureKindOf) callers decide on. */
  get lastFailure(): SshError | undefined {
    return this.lastError;
  }

  /** Where it goes, once ~/.ssh/config was read; before that, what the machine says. */
  get address(): SshAddress {
    return this.resolved ?? { user: this.target.user ?? localUserName(), hostName: this.target.host, port: this.target.port ?? 22 };
  }

  /** Whether requests go through stream-local forwarding or dial-stdio (undefined until known). */
  get transport(): 'stream-local' | 'dial-stdio' | undefined {
    return this.session?.channels.transport;
  }

  onDidChangeState(listener: (change: SshStateChange) => void): Disposable {
    return this.changes.add(listener);
  }

  /** Connects now if not connected (e.g. to test a machine); requests do this by themselves. */
  async connect(signal?: AbortSignal): Promise<void> {
    await this.ready(signal);
  }

  /**
   * A new channel to the remote Engine socket, as a socket-like stream for one HTTP exchange.
   * Throws an SshError whose message is the sentence to show.
   */
  async openStream(signal?: AbortSignal): Promise<Duplex> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.ready(signal);
      try {
        return this.track(await session.channels.open(signal));
      } catch (error) {
        if (!(error instanceof ConnectionGoneError)) {
          throw error;
        }
        // The connection died unnoticed (no FIN yet): drop it, and try once on a fresh one.
        this.onLost(session, error);
        if (attempt > 0 || signal?.aborted) {
          throw this.lostError(error);
        }
      }
    }
  }

  /**
   * Runs a command on the host over this connection (for machine operations such as restarting
   * the Docker service). Fails with an SshError when the host cannot be reached.
   */
  async exec(command: string, signal?: AbortSignal): Promise<RemoteCommandResult> {
    const session = await this.ready(signal);
    this.commandsRunning++;
    clearTimeout(this.idleTimer);
    try {
      return await runRemoteCommand(session.clients[session.clients.length - 1] as Client, command, signal);
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      throw error instanceof SshError ? error : new SshError('connection-lost', `"${command}" on ${formatSshAddress(this.address, false)} did not complete: ${String((error as Error)?.message ?? error)}`, { cause: error });
    } finally {
      this.commandsRunning--;
      this.armIdleTimer();
    }
  }

  /**
   * An interactive login shell with a terminal of the given size, on this connection (for hosts
   * whose key lives in memory, which OpenSSH cannot use). The caller ends the channel.
   */
  shell(size: { readonly rows: number; readonly cols: number }, signal?: AbortSignal): Promise<ClientChannel> {
    return this.openChannel((client, opened) => client.shell({ term: 'xterm-256color', rows: size.rows, cols: size.cols }, opened), signal);
  }

  /**
   * A command without a terminal whose input and output the caller streams (a protocol spoken
   * over stdin/stdout, as `sshfs -o slave` does); the connection stays while it runs. The caller ends the channel.
   */
  execChannel(command: string, signal?: AbortSignal): Promise<ClientChannel> {
    return this.openChannel((client, opened) => client.exec(command, opened), signal);
  }

  private async openChannel(open: (client: Client, opened: (error: Error | undefined, channel: ClientChannel) => void) => void, signal?: AbortSignal): Promise<ClientChannel> {
    const session = await this.ready(signal);
    const client = session.clients[session.clients.length - 1] as Client;
    const channel = await new Promise<ClientChannel>((resolve, reject) => {
      open(client, (error, opened) => (error ? reject(error) : resolve(opened)));
    });
    this.commandsRunning++;
    clearTimeout(this.idleTimer);
    channel.on('error', () => undefined);
    channel.once('close', () => {
      this.commandsRunning--;
      this.armIdleTimer();
    });
    return channel;
  }

  /** Writes a file on the host over SFTP, as the login user. */
  async writeFile(remotePath: string, content: string | Buffer, mode: number, signal?: AbortSignal): Promise<void> {
    const session = await this.ready(signal);
    this.commandsRunning++;
    clearTimeout(this.idleTimer);
    try {
      await sftpWriteFile(session.clients[session.clients.length - 1] as Client, remotePath, content, mode, signal);
    } finally {
      this.commandsRunning--;
      this.armIdleTimer();
    }
  }

  dispose(): void {
    if (this.currentState === 'disposed') {
      return;
    }
    const closed = new SshError('closed', `SSH connection to ${formatSshAddress(this.address)} was closed with its machine`);
    this.lifetime.abort(closed);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.idleTimer);
    this.closeSession(closed);
    this.secrets.clear();
    this.setState('disposed', undefined);
    this.changes.clear();
  }

  private ready(signal?: AbortSignal): Promise<Session> {
    signal?.throwIfAborted();
    if (this.currentState === 'disposed') {
      return Promise.reject(this.lifetime.signal.reason as Error);
    }
    if (this.session) {
      return Promise.resolve(this.session);
    }
    clearTimeout(this.reconnectTimer);
    return abortable(this.startConnecting(), signal);
  }

  private startConnecting(): Promise<Session> {
    this.connecting ??= this.establish().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async establish(): Promise<Session> {
    if (this.currentState !== 'reconnecting') {
      this.setState('connecting', undefined);
    }
    try {
      requireAbsoluteSshFiles(this.settings);
      const configs = await readSshConfigs(this.settings.configFiles);
      this.resolved = resolveSshHost(this.target, configs, { homeDir: this.settings.homeDir, localUser: localUserName() });
      const clients = await connectHops(this.resolved, this.settings, this.secrets, this.lifetime.signal);
      const session = this.startSession(clients);
      this.reconnectAttempt = 0;
      this.setState('connected', undefined);
      this.armIdleTimer();
      return session;
    } catch (error) {
      const failure = toSshError(error, this.address, this.settings.connectTimeoutMs);
      const cause = failure.cause instanceof Error ? ` (${failure.cause.message})` : '';
      this.settings.log?.(`SSH ${formatSshAddress(this.address)}: ${failure.message}${cause}`);
      this.lastError = failure;
      if (this.currentState === 'reconnecting' && !FINAL_FAILURES.has(failure.failure) && !this.lifetime.signal.aborted) {
        this.scheduleReconnect();
      } else if (this.currentState !== 'disposed') {
        this.setState('failed', failure.message);
      }
      throw failure;
    }
  }

  private startSession(clients: readonly Client[]): Session {
    const target = clients[clients.length - 1] as Client;
    let socketError: Error | undefined;
    const session: Session = {
      clients,
      channels: new EngineChannelSource(target, {
        socketPath: this.target.remoteSocketPath ?? DEFAULT_REMOTE_SOCKET,
        timeoutMs: this.settings.connectTimeoutMs,
        where: formatSshAddress(this.address, false),
        user: this.address.user,
      }),
      // Any hop closing ends the whole chain.
      onClose: () => this.onLost(session, socketError),
    };
    for (const client of clients) {
      client.on('close', session.onClose);
      client.on('error', (error: Error) => {
        socketError = error;
        this.settings.log?.(`SSH ${formatSshAddress(this.address)}: ${error.message}`);
      });
    }
    this.session = session;
    return session;
  }

  private track(socket: ChannelSocket): ChannelSocket {
    // Whoever uses the socket listens too; this one only makes sure an error never goes unhandled.
    socket.on('error', () => undefined);
    this.inUse.add(socket);
    clearTimeout(this.idleTimer);
    socket.once('close', () => {
      this.inUse.delete(socket);
      this.armIdleTimer();
    });
    return socket;
  }

  /** The session's connection closed, or a channel request found it dead. */
  private onLost(session: Session, cause: unknown): void {
    if (session !== this.session) {
      return;
    }
    const error = this.lostError(cause);
    this.lastError = error;
    this.closeSession(error);
    if (this.lifetime.signal.aborted) {
      return;
    }
    this.settings.log?.(`SSH ${formatSshAddress(this.address)}: ${error.message}`);
    this.setState('reconnecting', error.message);
    this.reconnectAttempt = 0;
    this.scheduleReconnect();
  }

  private lostError(cause: unknown): SshError {
    const why = cause instanceof Error ? ` (${cause.message})` : ' (closed by the server or the network)';
    return new SshError('connection-lost', `SSH connection to ${formatSshAddress(this.address)} was lost${why}; the request did not complete — the connection is re-established on the next request`, { cause });
  }

  /** Fails what is in flight with `error` and closes every hop. */
  private closeSession(error: SshError): void {
    const session = this.session;
    this.session = undefined;
    for (const socket of [...this.inUse]) {
      socket.fail(error);
    }
    this.inUse.clear();
    if (!session) {
      return;
    }
    session.channels.close();
    for (const client of [...session.clients].reverse()) {
      client.removeListener('close', session.onClose);
      client.end();
      client.destroy();
    }
  }

  private scheduleReconnect(): void {
    const delay = this.settings.reconnectDelaysMs[this.reconnectAttempt];
    if (delay === undefined) {
      this.setState('failed', this.lastError?.message);
      return;
    }
    this.reconnectAttempt++;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (!this.session && this.currentState === 'reconnecting') {
        this.startConnecting().catch(() => undefined); // reported through the state; nobody awaits it
      }
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Unused connections close after a while; the next request opens one again. */
  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.inUse.size > 0 || this.commandsRunning > 0 || !this.session) {
      return;
    }
    this.idleTimer = setTimeout(() => {
      if (this.inUse.size === 0 && this.commandsRunning === 0 && this.session) {
        this.closeSession(new SshError('closed', 'closed while idle'));
        this.setState('idle', undefined);
      }
    }, this.settings.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private setState(state: SshConnectionState, error: string | undefined): void {
    if (state === this.currentState && (error === undefined || state === 'connected')) {
      return;
    }
    this.currentState = state;
    if (state === 'connected' || state === 'idle') {
      this.lastError = undefined;
    }
    this.changes.fire({ state, ...(error !== undefined && { error }) });
  }
}
