import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Driver, FieldValue, LifecycleIo, MachineLifecycle } from '../../core/machines/driver';
import type { ShownRunState } from '../tree/contextValues';
import { DriverRegistry } from '../../core/machines/driverRegistry';
import { MachineCatalog } from '../../core/machines/machineCatalog';
import { StoredMachine } from '../../core/machines/machineStore';
import { MachineRegistry } from '../../core/machines/machineRegistry';
import { confirm } from '../prompts/confirm';
import { leaveVmsRunningSetting } from '../userSettings';
import { MachineSecrets } from './machineSecrets';

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'kill';

const ACTION_TITLES: Record<LifecycleAction, string> = { start: 'Starting', stop: 'Stopping', restart: 'Restarting', kill: 'Killing' };
/** What deactivation may spend stopping this window's VMs before the editor goes (it allows a few seconds). */
const EXIT_STOP_MS = 4_000;

/**
 * The extension's side of drivers whose machines it runs itself (local VMs): each step under a
 * cancellable progress notification, with the machine's own secrets and a folder per driver;
 * the tree and the session are told afterwards. Remembers which machines this window started,
 * so that closing the editor stops them unless the user chose to leave VMs running.
 */
export class MachineLifecycles implements vscode.Disposable {
  private readonly startedHere = new Set<string>();
  /** What `attach` made per running machine (a VM's folder shares), and attempts under way. */
  private readonly attachments = new Map<string, Promise<{ dispose(): void } | undefined>>();
  private readonly subscription: vscode.Disposable;
  /** Machines a start, stop, restart or kill is working on: their session's changes attach nothing. */
  private readonly busy = new Set<string>();
  /** Machines this window is stopping (stop, kill, or a restart's first half): the tree says so. */
  private readonly stopping = new Set<string>();

  constructor(
    private readonly drivers: DriverRegistry,
    private readonly catalog: MachineCatalog,
    private readonly registry: MachineRegistry,
    private readonly secrets: MachineSecrets,
    /** The extension's global storage folder. */
    private readonly storageDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // A machine found running (started by an earlier window, or outside VS Code) gets what attach
    // keeps; one found gone (killed outside VS Code) loses it, so that the next start makes it again.
    this.subscription = registry.onDidChange((change) => {
      if (change.type !== 'session' || change.change.scope !== 'machine' || this.busy.has(change.session.machine.id)) return;
      if (change.session.state === 'running') void this.attach(change.session.machine.id);
      if (change.session.state === 'unreachable') void this.detach(change.session.machine.id);
    });
  }

  has(machine: { readonly driver: string }): boolean {
    return this.drivers.get(machine.driver)?.lifecycle !== undefined;
  }

  /** New Machine for such a driver: made under a fresh id, then saved; a failure or cancel leaves nothing. */
  async create(driver: Driver, name: string, options: Record<string, FieldValue>): Promise<StoredMachine> {
    const lifecycle = requireLifecycle(driver);
    const nameProblem = this.catalog.nameProblem(name);
    if (nameProblem) {
      throw new Error(nameProblem);
    }
    const draft: StoredMachine = { id: randomUUID(), name: name.trim(), driver: driver.name, options };
    const recorded = await this.withProgress(draft, `Creating ${draft.name}`, true, (io) => lifecycle.create(draft, io));
    try {
      const machine = await this.catalog.add(draft.name, driver.name, recorded, [], draft.id);
      this.startedHere.add(machine.id);
      void this.attach(machine.id);
      return machine;
    } catch (error) {
      // Saving failed (the name was taken meanwhile, say): what create made goes too.
      await lifecycle.remove({ ...draft, options: recorded }, this.io(draft, () => undefined)).catch((cleanup: unknown) => this.log.error(`Removing ${draft.name} after a failed save`, cleanup));
      await this.secrets.forget(draft.id);
      throw error;
    }
  }

  async run(stored: StoredMachine, action: LifecycleAction, confirmed = false): Promise<boolean> {
    const lifecycle = this.lifecycleOf(stored);
    if (action === 'kill' && !confirmed && !(await confirm(`Kill ${stored.name}?`, 'Like pulling the plug: the VM stops at once, without shutting down. Containers that were writing may lose data.', ['Kill']))) {
      return false;
    }
    this.busy.add(stored.id);
    try {
      await this.withProgress(stored, `${ACTION_TITLES[action]} ${stored.name}`, action !== 'kill', async (io) => {
        await this.detach(stored.id);
        if (action !== 'start') this.stopping.add(stored.id);
        try {
          if (action === 'stop' || action === 'restart') await lifecycle.stop(stored, io);
          if (action === 'kill') await lifecycle.kill(stored, io);
        } finally {
          this.stopping.delete(stored.id);
        }
        if (action === 'start' || action === 'restart') await lifecycle.start(stored, io);
      });
    } finally {
      this.busy.delete(stored.id);
      this.stopping.delete(stored.id);
    }
    if (action === 'start' || action === 'restart') {
      this.startedHere.add(stored.id);
      void this.attach(stored.id);
    } else {
      this.startedHere.delete(stored.id);
    }
    await this.registry.get(stored.id)?.retry();
    return true;
  }

  /** Remove Machine: says what goes (the disk), then deletes it, the secrets and the entry. */
  async remove(stored: StoredMachine, confirmed = false): Promise<boolean> {
    const lifecycle = this.lifecycleOf(stored);
    if (!confirmed && !(await confirm(`Remove ${stored.name}?`, lifecycle.removeWarning(stored), ['Remove']))) {
      return false;
    }
    await this.detach(stored.id);
    await this.withProgress(stored, `Removing ${stored.name}`, false, (io) => lifecycle.remove(stored, io));
    await this.secrets.forget(stored.id);
    await this.catalog.remove(stored.id);
    this.startedHere.delete(stored.id);
    return true;
  }

  /** Where the machine is (stopped, starting…), for the tree; undefined for other drivers or when the driver cannot tell. */
  async runState(machineId: string): Promise<ShownRunState | undefined> {
    const stored = this.catalog.find(machineId);
    const lifecycle = stored && this.drivers.get(stored.driver)?.lifecycle;
    if (!stored || !lifecycle) {
      return undefined;
    }
    if (this.stopping.has(machineId)) {
      return 'stopping';
    }
    return lifecycle.status(stored, this.io(stored, () => undefined)).catch((error: unknown) => {
      this.log.warn(`Status of ${stored.name}: ${(error as Error).message}`);
      return undefined;
    });
  }

  /** On deactivation: the VMs this window started are stopped, unless the user leaves VMs running. */
  async stopStartedOnExit(): Promise<void> {
    if (leaveVmsRunningSetting() || this.startedHere.size === 0) {
      return;
    }
    const stops = [...this.startedHere].map(async (id) => {
      const stored = this.catalog.find(id);
      const lifecycle = stored && this.drivers.get(stored.driver)?.lifecycle;
      if (!stored || !lifecycle) return;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), EXIT_STOP_MS);
      try {
        await lifecycle.stop(stored, this.io(stored, () => undefined, controller.signal));
      } catch {
        await lifecycle.kill(stored, this.io(stored, () => undefined)).catch(() => undefined);
      } finally {
        clearTimeout(timer);
      }
    });
    await Promise.all(stops);
  }

  /**
   * Makes what the driver keeps beside a running machine, once per start (a failure is said once,
   * and tried again at the next start); resolves when it is made.
   */
  async attach(machineId: string): Promise<void> {
    const stored = this.catalog.find(machineId);
    const lifecycle = stored && this.drivers.get(stored.driver)?.lifecycle;
    if (!stored || !lifecycle?.attach || this.attachments.has(machineId)) {
      await this.attachments.get(machineId);
      return;
    }
    const attaching = lifecycle.attach(stored, this.io(stored, (message) => this.log.info(`${stored.name}: ${message}`))).catch((error: unknown) => {
      const message = `${stored.name} is running, but ${(error as Error).message ?? String(error)}`;
      this.log.error(message);
      void vscode.window.showWarningMessage(message);
      return undefined;
    });
    this.attachments.set(machineId, attaching);
    await attaching;
  }

  /** Ends what attach made (before a stop, kill or remove). */
  private async detach(machineId: string): Promise<void> {
    const attached = this.attachments.get(machineId);
    this.attachments.delete(machineId);
    (await attached)?.dispose();
  }

  dispose(): void {
    this.subscription.dispose();
    for (const id of [...this.attachments.keys()]) void this.detach(id);
  }

  private lifecycleOf(stored: StoredMachine): MachineLifecycle {
    const driver = this.drivers.get(stored.driver);
    if (!driver) {
      throw new Error(`${stored.name} uses the driver "${stored.driver}", which is not installed`);
    }
    return requireLifecycle(driver);
  }

  private io(stored: StoredMachine, progress: (message: string) => void, signal?: AbortSignal): LifecycleIo {
    return { progress, secrets: this.secrets.of(stored.id), storageDir: path.join(this.storageDir, 'drivers', stored.driver), ...(signal && { signal }) };
  }

  private withProgress<T>(stored: StoredMachine, title: string, cancellable: boolean, step: (io: LifecycleIo) => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort(new Error(`${title}: cancelled`)));
        return step(
          this.io(stored, (message) => {
            this.log.info(`${title}: ${message}`);
            progress.report({ message });
          }, controller.signal),
        );
      }),
    );
  }
}

function requireLifecycle(driver: Driver): MachineLifecycle {
  if (!driver.lifecycle) {
    throw new Error(`The ${driver.displayName} driver does not run its machines itself`);
  }
  return driver.lifecycle;
}
