// A server of any kind listening on a fresh unix socket, whose close() also cuts the
// connections it holds (a server that never answers would otherwise keep close() waiting).
import { mkdtempSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface UnixSocketServer {
  readonly socketPath: string;
  close(): Promise<void>;
}

export async function listenOnUnixSocket(server: net.Server, prefix: string): Promise<UnixSocketServer> {
  const socketPath = path.join(mkdtempSync(path.join(os.tmpdir(), prefix)), 'docker.sock');
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
