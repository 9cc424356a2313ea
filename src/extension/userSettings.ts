import * as vscode from 'vscode';
import { requestTimeoutMs } from '../core/util/requestTimeout';

/**
 * A setting as the user set it (or its default), never a workspace's value. For settings a
 * cloned repository must not change (what ssh runs, what is trusted, asking before deleting,
 * timeouts): they are machine-scoped in package.json as well, and this holds even if VS Code
 * were to hand a workspace value back.
 */
export function userSetting<T>(section: string, key: string): T | undefined {
  const inspected = vscode.workspace.getConfiguration(section).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** dockerHosts.requestTimeoutSeconds from the user's settings, clamped, in milliseconds. */
export function requestTimeoutMsSetting(): number {
  return requestTimeoutMs(userSetting<unknown>('dockerHosts', 'requestTimeoutSeconds'));
}

/** dockerHosts.confirmDestructiveActions from the user's settings: only the user may turn asking off. */
export function confirmDestructiveActionsSetting(): boolean {
  return userSetting<unknown>('dockerHosts', 'confirmDestructiveActions') !== false;
}

/** dockerHosts.localVm.leaveRunningOnExit from the user's settings: VMs this window started keep running after it closes. */
export function leaveVmsRunningSetting(): boolean {
  return userSetting<unknown>('dockerHosts', 'localVm.leaveRunningOnExit') === true;
}
