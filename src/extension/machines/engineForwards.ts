import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { EngineSocketForward } from '../../core/ssh/engineSocketForward';
import { MachineRegistry } from '../../core/machines/machineRegistry';
import { MachineSession } from '../../core/machines/session';
import { Disposable } from '../../core/util/listeners';

interface Forward {
  /** The session whose SSH connection the socket uses: an edited or removed machine gets a new one, or none. */
  readonly session: MachineSession;
  readonly forward: Promise<EngineSocketForward>;
}

/**
 * Local sockets for machines whose SSH key lives only in secret storage (local VMs), so that the
 * docker CLI in a terminal can reach them: one per machine, closed when the machine is removed or
 * replaced (edited), and when this window ends.
 */
export class EngineForwards implements vscode.Disposable {
  private readonly forwards = new Map<string, Forward>();
  /** Closings under way: a new socket at the same path waits for the old one's removal. */
  private readonly closing = new Map<string, Promise<void>>();
  private readonly following: Disposable;

  constructor(private readonly registry: MachineRegistry, private readonly runtimeDir = runtimeDirectory()) {
    this.following = registry.onDidChange((change) => change.type === 'machines' && this.closeStale());
  }

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
    const id = session.machine.id;
    let entry = this.forwards.get(id);
    if (entry?.session !== session) {
      this.close(id);
      const previous = this.closing.get(id) ?? Promise.resolve();
      entry = { session, forward: previous.then(() => EngineSocketForward.start(connection, this.runtimeDir, id)) };
      this.forwards.set(id, entry);
      const made = entry;
      made.forward.catch(() => this.forwards.get(id) === made && this.forwards.delete(id));
    }
    return (await entry.forward).socketPath;
  }

  dispose(): void {
    this.following.dispose();
    [...this.forwards.keys()].forEach((id) => this.close(id));
  }

  private closeStale(): void {
    for (const [id, entry] of this.forwards) {
      if (this.registry.get(id) !== entry.session) this.close(id);
    }
  }

  private close(id: string): void {
    const entry = this.forwards.get(id);
    if (!entry) return;
    this.forwards.delete(id);
    const closed = entry.forward.then((forward) => forward.close(), () => undefined);
    this.closing.set(id, closed);
    void closed.then(() => this.closing.get(id) === closed && this.closing.delete(id));
  }
}

/** XDG_RUNTIME_DIR where there is one (per user, cleared at logout), else a per-user folder in /tmp; short, for unix socket paths. */
function runtimeDirectory(): string {
  const runtime = process.env.XDG_RUNTIME_DIR;
  return runtime ? path.join(runtime, 'docker-hosts') : path.join(os.tmpdir(), `docker-hosts-${process.getuid?.() ?? 'user'}`);
}
