import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';

/** An SSH agent a build may use, as `docker build --ssh` names it: an id and the agent's socket. */
export interface SshForwardSpec {
  readonly id: string;
  /** One agent socket; none: the SSH_AUTH_SOCK of this computer (as the docker CLI does). */
  readonly paths?: readonly string[];
}

/** The id `RUN --mount=type=ssh` uses when it names none. */
export const DEFAULT_SSH_ID = 'default';
/** Where BuildKit puts the id of the agent it wants, in a ForwardAgent call's metadata. */
export const SSH_ID_METADATA_KEY = 'buildkit.ssh.id';

/** `default`, `id` or `id=/path/a,/path/b`, as the docker CLI's --ssh takes them. */
export function parseSshSpec(text: string): SshForwardSpec {
  const separator = text.indexOf('=');
  if (separator < 0) {
    return { id: text };
  }
  return { id: text.slice(0, separator), paths: text.slice(separator + 1).split(',') };
}

/** What is wrong with the SSH agents of a build, before it starts (a message per problem). */
export function sshSpecProblems(specs: readonly unknown[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  specs.forEach((raw, index) => {
    const spec = raw as Partial<Record<keyof SshForwardSpec, unknown>>;
    if (typeof spec?.id !== 'string' || !/^[A-Za-z0-9._-]+$/.test(spec.id)) {
      problems.push(`ssh[${index}]: the id must be letters, digits, ".", "_" or "-" (e.g. "default" or "github=/path/to/agent.sock")`);
      return;
    }
    if (seen.has(spec.id)) {
      problems.push(`ssh[${index}]: the id ${spec.id} is given twice`);
    }
    seen.add(spec.id);
    if (spec.paths === undefined) {
      return;
    }
    if (!Array.isArray(spec.paths) || spec.paths.some((entry) => typeof entry !== 'string' || entry.length === 0)) {
      problems.push(`ssh[${index}] (${spec.id}): the paths must be non-empty strings`);
    } else if (spec.paths.length !== 1) {
      problems.push(`ssh[${index}] (${spec.id}): give one agent socket, not ${spec.paths.length} paths`);
    } else if (!path.isAbsolute(spec.paths[0] as string)) {
      problems.push(`ssh[${index}] (${spec.id}): the agent socket ${String(spec.paths[0])} must be an absolute path`);
    }
  });
  return problems;
}

/** A failure to answer for an agent, with the gRPC status BuildKit is given. */
export class SshAgentError extends Error {
  constructor(readonly code: grpc.status, message: string) {
    super(message);
  }
}

/**
 * The SSH agents a build may reach with `RUN --mount=type=ssh`: each ForwardAgent call gets a
 * connection of its own to the agent's socket, and the agent's protocol passes through untouched
 * (keys never leave the agent; nothing here reads or logs the bytes).
 */
export class SshAgents {
  private readonly specs = new Map<string, SshForwardSpec>();

  constructor(specs: readonly SshForwardSpec[], private readonly environment: NodeJS.ProcessEnv = process.env) {
    for (const spec of specs) {
      this.specs.set(spec.id, spec);
    }
  }

  /** The agent socket for an id, checked to be a socket that accepts a connection. */
  async reachableSocket(id: string): Promise<string> {
    const socketPath = await this.socketOf(id);
    const connection = await this.connect(id, socketPath);
    connection.destroy();
    return socketPath;
  }

  /** Serves one ForwardAgent call: BytesMessages to the agent, its answers back, until either ends. */
  forward(call: grpc.ServerDuplexStream<{ data?: Buffer }, { data: Buffer }>): void {
    const id = String(call.metadata.get(SSH_ID_METADATA_KEY)[0] ?? '') || DEFAULT_SSH_ID;
    let cancelled = false;
    call.once('cancelled', () => (cancelled = true));
    const fail = (error: unknown): void => {
      const known = error instanceof SshAgentError ? error : new SshAgentError(grpc.status.UNAVAILABLE, `SSH agent for id ${id}: ${(error as Error).message}`);
      if (!call.writableEnded) {
        call.emit('error', { code: known.code, details: known.message });
      }
    };
    this.socketOf(id).then((socketPath) => this.connect(id, socketPath)).then((agent) => {
      if (cancelled) {
        agent.destroy();
        return;
      }
      call.once('cancelled', () => agent.destroy());
      agent.on('error', fail);
      // Both directions honour back-pressure; a half-close is passed on, so the agent answers the
      // last request before the stream ends.
      call.on('data', (message: { data?: Buffer }) => {
        if (message.data?.length && !agent.write(message.data)) {
          call.pause();
        }
      });
      agent.on('drain', () => call.resume());
      call.on('end', () => agent.end());
      agent.on('data', (chunk: Buffer) => {
        if (!call.write({ data: chunk })) {
          agent.pause();
        }
      });
      call.on('drain', () => agent.resume());
      agent.on('end', () => {
        if (!call.writableEnded) {
          call.end();
        }
      });
    }, fail);
  }

  private async socketOf(id: string): Promise<string> {
    const spec = this.specs.get(id);
    if (!spec) {
      const known = [...this.specs.keys()].join(', ');
      throw new SshAgentError(grpc.status.NOT_FOUND, `No SSH agent for id ${id} is forwarded to this build (its ssh list has: ${known || 'none'})`);
    }
    const socketPath = spec.paths?.[0] ?? this.environment.SSH_AUTH_SOCK;
    if (!socketPath) {
      throw new SshAgentError(grpc.status.NOT_FOUND, `SSH agent for id ${id}: SSH_AUTH_SOCK is not set; start an ssh-agent or give its socket (${id}=/path/to/agent.sock)`);
    }
    const stat = await fs.stat(socketPath).catch((error: NodeJS.ErrnoException) => {
      throw new SshAgentError(grpc.status.UNAVAILABLE, `SSH agent for id ${id}: the agent at ${socketPath} is not running (${error.code ?? error.message})`);
    });
    if (!stat.isSocket()) {
      throw new SshAgentError(grpc.status.FAILED_PRECONDITION, `SSH agent for id ${id}: ${socketPath} is not a socket; key files are not supported, add the key to an ssh-agent (ssh-add) and give the agent's socket`);
    }
    return socketPath;
  }

  private connect(id: string, socketPath: string): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const connection = net.createConnection(socketPath);
      connection.once('connect', () => {
        connection.removeListener('error', refused);
        resolve(connection);
      });
      const refused = (error: Error): void => reject(new SshAgentError(grpc.status.UNAVAILABLE, `SSH agent for id ${id}: the agent at ${socketPath} is not running (${error.message})`));
      connection.once('error', refused);
    });
  }
}
