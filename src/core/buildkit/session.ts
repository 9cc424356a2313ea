import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { EngineClient } from '../engine/engineClient';
import { AUTH_CREDENTIALS, GET_SECRET, HEALTH_CHECK, SERVING, SSH_CHECK_AGENT, SSH_FORWARD_AGENT } from './sessionServices';
import { DEFAULT_SSH_ID, SshAgentError, SshAgents } from './sshForward';
import { SecretSources } from './secrets';

/** What the engine may ask this side for during a build. */
export interface SessionProviders {
  /** Registry credentials for base-image pulls (undefined: anonymous). */
  readonly credentials?: (host: string) => Promise<{ readonly username: string; readonly secret: string } | undefined>;
  readonly secrets?: SecretSources;
  /** SSH agents for `RUN --mount=type=ssh`. */
  readonly ssh?: SshAgents;
  /** More services, served as given (the build context's file sync). */
  readonly services?: readonly SessionService[];
  /**
   * Names what this session offers across builds (the CLI hashes the context folder): the
   * engine keeps a synced context under it, so the next build sends only what changed.
   */
  readonly sharedKey?: string;
}

export interface SessionService {
  readonly definition: grpc.MethodDefinition<object, object>;
  readonly handler: grpc.UntypedHandleCall;
}

/** An open BuildKit session: its id goes into the build request; close it when the build ends. */
export interface BuildSession {
  readonly id: string;
  close(): void;
  /** Settles with an error if the engine drops the session before close(). */
  readonly lost: Promise<never>;
}

/**
 * Opens a BuildKit session on the machine's own connection (`POST /session`, upgraded to h2c):
 * the engine becomes the gRPC client of the services served here (health, registry auth,
 * secrets, SSH agents), each advertised in a header as BuildKit expects.
 */
export async function openBuildSession(client: EngineClient, providers: SessionProviders, signal?: AbortSignal): Promise<BuildSession> {
  const id = randomUUID();
  const server = new grpc.Server();
  const methods: string[] = [];
  const serve = (definition: grpc.MethodDefinition<object, object>, handler: grpc.handleUnaryCall<object, object> | grpc.UntypedHandleCall): void => {
    const name = definition.path.split('/')[2] as string;
    server.addService({ [name]: definition }, { [name]: handler });
    methods.push(definition.path);
  };
  const serveUnary = (definition: grpc.MethodDefinition<object, object>, handler: grpc.handleUnaryCall<object, object>): void => serve(definition, handler);
  serveUnary(HEALTH_CHECK, (_call, callback) => callback(null, { status: SERVING }));
  serveUnary(AUTH_CREDENTIALS, (call, callback) => {
    const host = String((call.request as { Host?: unknown }).Host ?? '');
    (providers.credentials?.(host) ?? Promise.resolve(undefined)).then(
      (found) => callback(null, found ? { Username: found.username, Secret: found.secret } : {}),
      () => callback(null, {}), // as the CLI: a failing lookup pulls anonymously
    );
  });
  if (providers.secrets) {
    const secrets = providers.secrets;
    serveUnary(GET_SECRET, (call, callback) => {
      secrets.read(String((call.request as { ID?: unknown }).ID ?? '')).then(
        (data) => (data ? callback(null, { data }) : callback({ code: grpc.status.NOT_FOUND, details: 'secret not found' })),
        (error: Error) => callback({ code: grpc.status.FAILED_PRECONDITION, details: error.message }),
      );
    });
  }
  if (providers.ssh) {
    const agents = providers.ssh;
    serveUnary(SSH_CHECK_AGENT, (call, callback) => {
      agents.reachableSocket(String((call.request as { ID?: unknown }).ID ?? '') || DEFAULT_SSH_ID).then(
        () => callback(null, {}),
        (error: Error) => callback({ code: error instanceof SshAgentError ? error.code : grpc.status.UNAVAILABLE, details: error.message }),
      );
    });
    const forward: grpc.handleBidiStreamingCall<{ data?: Buffer }, { data: Buffer }> = (call) => agents.forward(call);
    serve(SSH_FORWARD_AGENT, forward as grpc.UntypedHandleCall);
  }
  for (const service of providers.services ?? []) {
    serve(service.definition, service.handler);
  }
  const socket = await client.upgrade('/session', {
    Upgrade: 'h2c',
    'X-Docker-Expose-Session-Uuid': id,
    'X-Docker-Expose-Session-Name': 'docker-hosts',
    'X-Docker-Expose-Session-Sharedkey': providers.sharedKey ?? '',
    'X-Docker-Expose-Session-Grpc-Method': methods,
  }, signal);
  // Over TLS the socket carries the handshake's ALPN (none: false), which Node's HTTP/2 server
  // would take for HTTP/1.1 and drop; what runs on it now is h2c, whatever TLS negotiated.
  if ('alpnProtocol' in socket) {
    (socket as { alpnProtocol?: unknown }).alpnProtocol = 'h2c';
  }
  server.createConnectionInjector(grpc.ServerCredentials.createInsecure()).injectConnection(socket);
  let closed = false;
  const lost = new Promise<never>((_, reject) => {
    socket.once('close', () => {
      if (!closed) {
        reject(new Error('The engine closed the build session before the build ended'));
      }
    });
  });
  lost.catch(() => undefined);
  return {
    id,
    lost,
    close: () => {
      closed = true;
      server.forceShutdown();
      socket.destroy();
    },
  };
}
