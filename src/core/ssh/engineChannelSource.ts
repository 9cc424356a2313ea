import { Client } from 'ssh2';
import { abortable } from './abortable';
import { ChannelSocket } from './channelSocket';
import { ConnectionGoneError, disableServerNagle, openDialStdio, openStreamLocal } from './sshChannels';
import { SshError } from './sshErrors';

/** OpenSSH allows 10 sessions per connection (MaxSessions); keep dial-stdio channels below. */
const MAX_EXEC_CHANNELS = 8;

/** A channel opened ahead is used only this fresh: dockerd drops connections that send nothing for 5 min. */
const SPARE_MAX_AGE_MS = 60_000;

export interface EngineChannelOptions {
  readonly socketPath: string;
  /** Bound on a channel request; no answer means the connection is dead. */
  readonly timeoutMs: number;
  /** "127.0.0.1:2222" and the login user, for messages. */
  readonly where: string;
  readonly user: string;
}

/**
 * Channels to the remote Engine socket on one logged-in SSH connection. Tries direct-streamlocal
 * first and remembers what worked; when the server refuses it, runs `docker system dial-stdio`
 * instead. Lives as long as that connection: a new connection probes again.
 */
export class EngineChannelSource {
  private mode: 'stream-local' | 'dial-stdio' | undefined;
  /** Whether the server sends without Nagle's delay; a spare channel only pays off then. */
  private nagleOff = false;
  /** The next request's channel, opened while the current one runs (stream-local only). */
  private spare: { readonly socket: Promise<ChannelSocket | undefined>; readonly openedAt: number } | undefined;
  private closed = false;
  private execInUse = 0;
  private readonly execWaiters: (() => void)[] = [];

  constructor(private readonly client: Client, private readonly options: EngineChannelOptions) {
    void disableServerNagle(client).then((off) => (this.nagleOff = off));
  }

  get transport(): 'stream-local' | 'dial-stdio' | undefined {
    return this.mode;
  }

  /** A new channel; ConnectionGoneError when the connection turned out dead, SshError otherwise. */
  async open(signal?: AbortSignal): Promise<ChannelSocket> {
    if (this.mode === 'stream-local') {
      const spare = await this.takeSpare();
      this.prepareSpare();
      if (spare) {
        return spare;
      }
    }
    let refusal: Error | undefined;
    if (this.mode !== 'dial-stdio') {
      try {
        const channel = await openStreamLocal(this.client, this.options.socketPath, this.options.timeoutMs);
        this.mode = 'stream-local';
        this.prepareSpare();
        return new ChannelSocket(channel);
      } catch (error) {
        if (error instanceof ConnectionGoneError) {
          throw error;
        }
        if (this.mode === 'stream-local') {
          throw new SshError('engine-unreachable', `the Docker socket ${this.options.socketPath} on ${this.options.where} could not be opened — is Docker running there? (${(error as Error).message})`, { cause: error });
        }
        refusal = error as Error;
      }
    }
    return this.openDialStdio(refusal, signal);
  }

  /** Drops the spare channel; channels in use are the connection's to fail. */
  close(): void {
    this.closed = true;
    const spare = this.spare;
    this.spare = undefined;
    void spare?.socket.then((socket) => socket?.destroy());
  }

  private async openDialStdio(refusal: Error | undefined, signal?: AbortSignal): Promise<ChannelSocket> {
    const { socketPath, where, user } = this.options;
    await this.acquireExecSlot(signal);
    let released = false;
    const release = (): void => {
      if (!released) {
        released = true;
        this.releaseExecSlot();
      }
    };
    try {
      const channel = await openDialStdio(this.client, socketPath, this.options.timeoutMs);
      this.mode = 'dial-stdio';
      const socket = new ChannelSocket(channel, (code, stderr) => {
        this.mode = undefined; // probe stream-local again next time: the host may have changed
        const why = refusal ? `stream-local forwarding of ${socketPath} was refused (${refusal.message}) and ` : '';
        return new SshError('engine-unreachable', `cannot reach Docker on ${where}: ${why}"docker system dial-stdio" failed (exit ${code ?? 'signal'}${stderr ? `: ${stderr}` : ''}) — check that Docker runs there and that ${user} may use it`);
      });
      socket.once('close', release);
      return socket;
    } catch (error) {
      release();
      if (error instanceof ConnectionGoneError) {
        throw error;
      }
      throw new SshError('engine-unreachable', `cannot reach Docker on ${where}: stream-local forwarding was refused and "docker system dial-stdio" could not be started (${(error as Error).message})`, { cause: error });
    }
  }

  /**
   * Saves the channel-open round trip from a request's latency: one channel is opened ahead,
   * and each request still gets a channel of its own.
   */
  private prepareSpare(): void {
    if (this.spare || this.closed || !this.nagleOff) {
      return;
    }
    const socket = openStreamLocal(this.client, this.options.socketPath, this.options.timeoutMs).then(
      (channel) => new ChannelSocket(channel).on('error', () => undefined),
      () => undefined,
    );
    this.spare = { socket, openedAt: Date.now() };
  }

  private async takeSpare(): Promise<ChannelSocket | undefined> {
    const spare = this.spare;
    this.spare = undefined;
    if (!spare) {
      return undefined;
    }
    const socket = await spare.socket;
    if (socket?.usable && !this.closed && Date.now() - spare.openedAt <= SPARE_MAX_AGE_MS) {
      return socket;
    }
    socket?.destroy();
    return undefined;
  }

  private async acquireExecSlot(signal?: AbortSignal): Promise<void> {
    while (this.execInUse >= MAX_EXEC_CHANNELS) {
      await abortable(new Promise<void>((resolve) => this.execWaiters.push(resolve)), signal);
    }
    this.execInUse++;
  }

  private releaseExecSlot(): void {
    this.execInUse--;
    // Wake every waiter: each checks again, and one that gave up (aborted) takes nothing.
    for (const wake of this.execWaiters.splice(0)) {
      wake();
    }
  }
}
