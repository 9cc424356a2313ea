// A real unix-socket relay in front of the real engine, so a test can cut the connection (as a
// network drop or engine restart would) and bring it back, without touching the engine itself.
import { mkdtempSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export class SocketProxy {
  readonly socketPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-proxy-')), 'docker.sock');
  private server: net.Server | undefined;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();

  constructor(private readonly target = '/var/run/docker.sock') {}

  /** Starts accepting connections (again). */
  async listen(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.pairs.add(pair);
      const close = (): void => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.socketPath, resolve));
    this.server = server;
  }

  /** Drops every open connection; the listener stays, as after a network blip. */
  cutConnections(): void {
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Stops listening and drops everything: the engine looks gone. */
  async close(): Promise<void> {
    this.cutConnections();
    const server = this.server;
    this.server = undefined;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
