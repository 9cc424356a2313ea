import * as http from 'node:http';
import { Duplex } from 'node:stream';
import { inspect } from 'node:util';
import { SshConnection } from './sshConnection';

/**
 * An http.Agent whose "sockets" are channels of one SSH connection, so that dockerode (through
 * docker-modem's `agent` option with `protocol: 'http'`) speaks the Engine API over SSH without
 * a connection of its own per request. HTTP keep-alive is off on purpose: a channel is cheap
 * (one round trip on an open connection) and one per request keeps failures per request.
 */
export class SshDockerAgent extends http.Agent {
  constructor(readonly connection: SshConnection) {
    super({ keepAlive: false });
  }

  override createConnection(_options: http.ClientRequestArgs, callback?: (error: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    this.connection.openStream().then(
      (stream) => callback?.(null, stream),
      (error: unknown) => callback?.(error as Error, undefined as unknown as Duplex),
    );
    return undefined;
  }

  /**
   * docker-modem formats its request options with util.inspect (depth unlimited, hidden
   * properties shown) on every request, even with debugging off; without this the whole SSH
   * connection graph behind the agent was walked each time (measured: several ms per request).
   */
  [inspect.custom](): string {
    return `SshDockerAgent(${this.connection.target.host})`;
  }
}
