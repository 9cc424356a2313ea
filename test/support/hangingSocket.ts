// A unix socket that accepts connections and never answers: an engine that hangs.
import * as net from 'node:net';
import { listenOnUnixSocket, UnixSocketServer } from './unixSocketServer';

export function hangingSocket(): Promise<UnixSocketServer> {
  return listenOnUnixSocket(net.createServer(), 'dh-hang-');
}
