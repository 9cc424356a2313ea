import { Machine } from './machine';
import { MachineChange, MachineSession as EngineSession, MachineSessionOptions } from '../engine/machineSession';
import { MachineSession } from './session';
import { Disposable, Listeners } from '../util/listeners';

export type RegistryChange =
  | { readonly type: 'machines' }
  | { readonly type: 'session'; readonly session: MachineSession; readonly change: MachineChange };

/** The machines shown side by side, each with its own independent session. */
export class MachineRegistry implements Disposable {
  private readonly sessions = new Map<string, MachineSession>();
  private readonly subscriptions = new Map<string, Disposable>();
  private readonly changes = new Listeners<RegistryChange>();
  private following = false;

  constructor(private readonly sessionOptions: MachineSessionOptions) {}

  get all(): readonly MachineSession[] {
    return [...this.sessions.values()];
  }

  get(machineId: string): MachineSession | undefined {
    return this.sessions.get(machineId);
  }

  onDidChange(listener: (change: RegistryChange) => void): Disposable {
    return this.changes.add(listener);
  }

  /** Adds (or replaces) a machine; the returned disposable removes it again. */
  add(machine: Machine): Disposable {
    this.remove(machine.id);
    const session = this.newSession(machine);
    this.sessions.set(machine.id, session);
    this.subscriptions.set(machine.id, session.onDidChange((change) => this.changes.fire({ type: 'session', session, change })));
    session.setFollowing(this.following);
    this.changes.fire({ type: 'machines' });
    return { dispose: () => this.sessions.get(machine.id) === session && this.remove(machine.id) };
  }

  /** A session with the registry's options that is not shown (a connection test before saving). */
  newSession(machine: Machine): MachineSession {
    return new EngineSession(machine, this.sessionOptions);
  }

  remove(machineId: string): void {
    const session = this.sessions.get(machineId);
    if (!session) {
      return;
    }
    this.subscriptions.get(machineId)?.dispose();
    this.subscriptions.delete(machineId);
    session.dispose();
    this.sessions.delete(machineId);
    this.changes.fire({ type: 'machines' });
  }

  /** Event streams run only while the machines are on screen. */
  setFollowing(following: boolean): void {
    this.following = following;
    for (const session of this.sessions.values()) {
      session.setFollowing(following);
    }
  }

  dispose(): void {
    for (const id of [...this.sessions.keys()]) {
      this.remove(id);
    }
    this.changes.clear();
  }
}
