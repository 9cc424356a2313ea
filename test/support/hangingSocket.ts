// A unix socket that accepts connections and never answers: an engine that hangs.
import { mkdtempSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export async function hangingSocket(): Promise<{ socketPath: string; close(): Promise<void> }> {
  const socketPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'dh-hang-')), 'docker.sock');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
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
