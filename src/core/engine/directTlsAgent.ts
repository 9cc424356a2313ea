import { Agent as HttpsAgent } from 'node:https';
import { isIP } from 'node:net';
import * as tls from 'node:tls';

/**
 * An HTTPS agent that always dials its machine's engine with the machine's own TLS policy (CA,
 * client certificate, verification). Requests name 127.0.0.1 as their host: VS Code's proxy
 * support replaces the agent of every other request in the extension host, which would drop the
 * client certificate and the per-machine opt-out of verification.
 */
export class DirectTlsAgent extends HttpsAgent {
  static readonly REQUEST_HOST = '127.0.0.1';

  constructor(private readonly target: { host: string; port: number }, private readonly tlsOptions: tls.ConnectionOptions) {
    super({ keepAlive: true });
  }

  override createConnection(_options: unknown, callback?: (error: Error | null, socket: tls.TLSSocket) => void): tls.TLSSocket {
    const socket = tls.connect({
      ...this.tlsOptions,
      host: this.target.host,
      port: this.target.port,
      ...(isIP(this.target.host) === 0 ? { servername: this.target.host } : {}),
    });
    if (callback) {
      socket.once('secureConnect', () => callback(null, socket));
      socket.once('error', (error) => callback(error, socket));
    }
    return socket;
  }
}
