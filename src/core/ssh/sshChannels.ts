import { Client, ClientChannel } from 'ssh2';

/** The Engine socket most hosts use; `docker system dial-stdio` finds it by itself then. */
export const DEFAULT_REMOTE_SOCKET = '/var/run/docker.sock';

/** The connection itself is gone (not just this channel): worth one retry on a new connection. */
export class ConnectionGoneError extends Error {
  override readonly name = 'ConnectionGoneError';
}

/** A direct-streamlocal channel (OpenSSH's `ssh -L` to a unix socket) to the remote Engine socket. */
export function openStreamLocal(client: Client, socketPath: string, timeoutMs: number): Promise<ClientChannel> {
  return withTimeout(timeoutMs, (callback) => client.openssh_forwardOutStreamLocal(socketPath, callback));
}

/**
 * `docker system dial-stdio` on the host, for servers that refuse stream-local forwarding: the
 * command's stdin/stdout is the Engine connection (what the docker CLI does over ssh://).
 */
export function openDialStdio(client: Client, socketPath: string, timeoutMs: number): Promise<ClientChannel> {
  return withTimeout(timeoutMs, (callback) => client.exec(dialStdioCommand(socketPath), callback));
}

export function dialStdioCommand(socketPath: string): string {
  if (socketPath === DEFAULT_REMOTE_SOCKET) {
    return 'docker system dial-stdio';
  }
  return `docker -H ${shellQuote(`unix://${socketPath}`)} system dial-stdio`;
}

/**
 * OpenSSH's sshd turns Nagle off (TCP_NODELAY) for a connection only once a session runs a
 * command; with forwarding channels alone it leaves it on, and small replies then wait for our
 * delayed ACK (about 40 ms on many requests, measured). One no-op command fixes that for the
 * connection's lifetime. Resolves true when the server accepted the command (then it is off).
 */
export function disableServerNagle(client: Client): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      client.exec('true', (error, channel) => {
        if (error) {
          resolve(false);
          return;
        }
        channel.on('error', () => undefined);
        channel.stderr.resume();
        channel.resume();
        resolve(true);
      });
    } catch {
      resolve(false); // not connected any more
    }
  });
}

/** A TCP channel from the server onwards, for the next ProxyJump hop. */
export function openForward(client: Client, host: string, port: number, timeoutMs: number): Promise<ClientChannel> {
  return withTimeout(timeoutMs, (callback) => client.forwardOut('127.0.0.1', 0, host, port, callback));
}

function withTimeout(timeoutMs: number, open: (callback: (error: Error | undefined, channel: ClientChannel) => void) => void): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    let done = false;
    // No answer to a channel open means the connection is dead without having noticed yet.
    const timer = setTimeout(() => {
      done = true;
      reject(new ConnectionGoneError(`no answer to a channel request within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    try {
      open((error, channel) => {
        clearTimeout(timer);
        if (done) {
          channel?.close();
          return;
        }
        done = true;
        if (error) {
          // ssh2 says "No response from server" / "Not connected" when the connection went away.
          reject(/no response|not connected/i.test(error.message) ? new ConnectionGoneError(error.message) : error);
        } else {
          resolve(channel);
        }
      });
    } catch (error) {
      clearTimeout(timer);
      done = true;
      reject(new ConnectionGoneError(String((error as Error).message ?? error)));
    }
  });
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
