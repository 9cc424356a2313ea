// An HTTP server on a unix socket standing in for an engine that sends what no real engine
// would (crafted archives, malformed events, stalled streams). Each test answers requests itself.
import * as http from 'node:http';
import { listenOnUnixSocket, UnixSocketServer } from './unixSocketServer';

export type HostileHandler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export function hostileEngine(handler: HostileHandler): Promise<UnixSocketServer> {
  return listenOnUnixSocket(http.createServer(handler), 'dh-hostile-');
}
