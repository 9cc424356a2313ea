import * as vscode from 'vscode';
import { MachineSession } from '../../core/machines/session';
import { LOCAL_MACHINE_ID } from '../../core/machines/machine';
import { MachineRegistry } from '../../core/machines/machineRegistry';

const STATE_KEY = 'dockerHosts.activeMachine';

/**
 * The machine this workspace builds on and points palette commands at. Kept in workspace
 * state and shown in the status bar; it never touches ~/.docker/config.json.
 */
export class ActiveMachine implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dockerHosts.activeMachine', vscode.StatusBarAlignment.Left, 50);
  private readonly changed = new vscode.EventEmitter<MachineSession | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly workspaceState: vscode.Memento, private readonly registry: MachineRegistry) {
    this.item.name = 'Docker Hosts: active machine';
    this.item.command = 'dockerHosts.machine.setActive';
    this.subscription = registry.onDidChange((change) => {
      if (change.type === 'machines' || (change.type === 'session' && change.change.scope === 'machine')) {
        this.render();
      }
    });
    this.render();
    this.item.show();
  }

  /** The active machine; falls back to local when the chosen one was removed. */
  get session(): MachineSession | undefined {
    return this.registry.get(this.workspaceState.get<string>(STATE_KEY, LOCAL_MACHINE_ID)) ?? this.registry.get(LOCAL_MACHINE_ID);
  }

  get text(): string {
    return this.item.text;
  }

  async set(machineId: string): Promise<void> {
    if (!this.registry.get(machineId)) {
      throw new Error(`No machine with id ${machineId}`);
    }
    await this.workspaceState.update(STATE_KEY, machineId);
    this.render();
    this.changed.fire(this.session);
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
    this.changed.dispose();
  }

  private render(): void {
    const session = this.session;
    const icon = session?.state === 'unreachable' ? '$(debug-disconnect)' : '$(server-environment)';
    this.item.text = `${icon} ${session?.machine.name ?? 'no machine'}`;
    this.item.tooltip = session
      ? `Active Docker machine for this workspace: ${session.machine.name} (${session.state}, ${session.address}).\nBuilds and palette commands use it. Click to switch.`
      : 'No Docker machine. Click to choose one.';
  }
}
