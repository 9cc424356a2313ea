import { promises as fs } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import * as path from 'node:path';
import { pipeline } from 'node:stream';
import { SshConnection } from './sshConnection';

/**
 * A local unix socket whose every connection is a channel to the remote Engine socket over an
 * SSH connection of the extension's: how the docker CLI in a terminal reaches a machine whose
 * SSH key lives only in secret storage (as Colima and Lima forward a VM's socket). The socket is
 * made in a folder only this user can enter, and removed when closed.
 */
export class EngineSocketForward {
  private constructor(
    readonly socketPath: string,
    private readonly server: Server,
    private readonly open: Set<Socket>,
  ) {}

  static async start(connection: SshConnection, directory: string, name: string): Promise<EngineSocketForward> {
    await fs.mkdir(directory, { recursive: true, mode: 0o700 });
    // A shared temporary folder: it must be ours, a real folder, and closed to everyone else.
    const folder = await fs.lstat(directory);
    if (!folder.isDirectory() || folder.uid !== process.getuid?.()) {
      throw new Error(`${directory} is not a folder of this user's; the engine socket is not made there`);
    }
    await fs.chmod(directory, 0o700);
    const socketPath = path.join(directory, `${name}.sock`);
    await fs.rm(socketPath, { force: true }); // a socket left by a window that crashed
    const open = new Set<Socket>();
    const server = createServer((local) => {
      open.add(local);
      local.on('close', () => open.delete(local));
      local.on('error', () => undefined);
      connection.openStream().then(
        (remote) => pipeline(local, remote, local, () => local.destroy()),
        () => local.destroy(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    server.on('error', () => undefined);
    await fs.chmod(socketPath, 0o600);
    return new EngineSocketForward(socketPath, server, open);
  }

  async close(): Promise<void> {
    this.open.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await fs.rm(this.socketPath, { force: true });
  }
}
