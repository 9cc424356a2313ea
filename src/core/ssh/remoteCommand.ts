import { Client } from 'ssh2';

export interface RemoteCommandResult {
  /** The exit code; -1 when the command was ended by a signal or reported none. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Output kept per stream; a service command's output is short, a runaway one is cut. */
const MAX_OUTPUT = 1024 * 1024;

/** Runs one command on the host (no TTY) and collects its output; abort closes the channel. */
export function runRemoteCommand(client: Client, command: string, signal?: AbortSignal): Promise<RemoteCommandResult> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    try {
      client.exec(command, (error, channel) => {
        if (error) {
          reject(error);
          return;
        }
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        const keep = (into: Buffer[]) => (chunk: Buffer) => {
          if (into.reduce((n, b) => n + b.length, 0) < MAX_OUTPUT) {
            into.push(chunk);
          }
        };
        let code: number | undefined;
        const onAbort = (): void => {
          channel.close();
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        channel.on('data', keep(stdout));
        channel.stderr.on('data', keep(stderr));
        channel.on('error', () => undefined);
        channel.stderr.on('error', () => undefined);
        channel.on('exit', (exitCode: number | null) => (code = exitCode ?? -1));
        channel.on('close', () => {
          signal?.removeEventListener('abort', onAbort);
          if (code === undefined) {
            reject(new Error(`the connection closed before "${command}" finished`));
            return;
          }
          resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
        });
      });
    } catch (error) {
      reject(error); // not connected any more
    }
  });
}
