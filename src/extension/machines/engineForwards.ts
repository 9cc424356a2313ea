import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EngineSocketForward } from '../../core/ssh/engineSocketForward';
import { MachineSession } from '../../core/machines/session';

/**
 * Local sockets for machines whose SSH key lives only in secret storage (local VMs), so that the
 * docker CLI in a terminal can reach them: one per machine, for as long as this window runs.
 */
export class EngineForwards implements vscode.Disposable {
  private readonly forwards = new Map<string, Promise<EngineSocketForward>>();

  /** True when the docker CLI cannot reach the machine by itself (its key is not in a file). */
  needed(session: MachineSession): boolean {
    const endpoint = session.machine.endpoint;
    return endpoint.kind === 'ssh' && endpoint.privateKey !== undefined;
  }

  /** The socket path for the machine, made on first use. */
  async socketFor(session: MachineSession): Promise<string> {
    const connection = session.engine.sshConnection;
    if (!connection) {
      throw new Error(`${session.machine.name} is not reached over SSH`);
    }
    let forward = this.forwards.get(session.machine.id);
    if (!forward) {
      forward = EngineSocketForward.start(connection, runtimeDirectory(), session.machine.id);
      this.forwards.set(session.machine.id, forward);
      forward.catch(() => this.forwards.delete(session.machine.id));
    }
    return (await forward).socketPath;
  }

  dispose(): void {
    this.forwards.forEach((forward) => void forward.then((f) => f.close(), () => undefined));
    this.forwards.clear();
  }
}

/** XDG_RUNTIME_DIR where there is one (per user, cleared at logout), else a per-user folder in /tmp; short, for unix socket paths. */
function runtimeDirectory(): string {
  const runtime = process.env.XDG_RUNTIME_DIR;
  return runtime ? path.join(runtime, 'docker-hosts') : path.join(os.tmpdir(), `docker-hosts-${process.getuid?.() ?? 'user'}`);
}
