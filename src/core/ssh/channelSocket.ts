import { Duplex } from 'node:stream';
import { ClientChannel } from 'ssh2';

/**
 * An ssh2 channel dressed as the socket Node's HTTP client expects. ssh2's Channel#destroy
 * takes no error and it lacks the net.Socket methods an http.Agent may call; this wrapper lets
 * the connection fail a request with a clear error (`fail`) and lets HTTP treat the channel
 * as any other socket. Data is passed through with backpressure in both directions.
 */
export class ChannelSocket extends Duplex {
  private exitCode: number | null | undefined;
  private stderrText = '';
  private sawData = false;
  private channelClosed = false;

  /**
   * @param onEngineExit for `docker system dial-stdio` channels: turns a failed command (exit code
   *   and its stderr) into the error the request fails with, when it ends before any answer.
   */
  constructor(private readonly channel: ClientChannel, private readonly onEngineExit?: (code: number | null, stderr: string) => Error) {
    super({ allowHalfOpen: true });
    channel.on('data', (chunk: Buffer) => {
      this.sawData = true;
      if (!this.push(chunk)) {
        channel.pause();
      }
    });
    channel.on('end', () => {
      if (!this.onEngineExit) {
        this.push(null);
      }
    });
    channel.on('error', (error: Error) => this.destroy(error));
    channel.stderr.on('error', () => undefined);
    channel.on('close', () => this.onChannelClose());
    if (onEngineExit) {
      channel.on('exit', (code: number | null) => (this.exitCode = code));
      channel.stderr.on('data', (chunk: Buffer) => {
        this.stderrText = (this.stderrText + chunk.toString('utf8')).slice(-2000);
      });
    }
  }

  /** Still open both ways and unread: can carry a new exchange. */
  get usable(): boolean {
    return !this.channelClosed && !this.destroyed && !this.readableEnded && !this.writableEnded;
  }

  /** Ends the request that uses this channel with `error` (the connection under it was lost). */
  fail(error: Error): void {
    this.destroy(error);
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.channelClosed) {
      callback(new Error('the SSH channel is closed'));
      return;
    }
    this.channel.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.channelClosed) {
      this.channel.end();
    }
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.channelClosed) {
      try {
        this.channel.close();
      } catch {
        // The connection under it is already gone; nothing is left to close.
      }
    }
    callback(error);
  }

  // What http.Agent and ClientRequest may call on a net.Socket; a channel has no such knobs.
  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setTimeout(_ms: number, callback?: () => void): this {
    if (callback) {
      this.once('timeout', callback);
    }
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  private onChannelClose(): void {
    this.channelClosed = true;
    if (this.destroyed) {
      return;
    }
    if (this.onEngineExit && this.exitCode !== 0 && this.exitCode !== undefined && !this.sawData) {
      this.destroy(this.onEngineExit(this.exitCode, this.stderrText.trim()));
      return;
    }
    // No destroy here: the reader may not have consumed everything yet. HTTP ends its side when
    // the response is complete (or fails on the early end), and autoDestroy does the rest.
    this.push(null);
  }
}
