import { promises as fs } from 'node:fs';
import { SshEndpoint } from '../../../engine/endpoint';
import { EngineClient } from '../../../engine/engineClient';
import { SshConnection } from '../../../ssh/sshConnection';
import { SshError } from '../../../ssh/sshErrors';
import { isAlive, sleep } from './vmProcess';

export interface ReadinessWait {
  readonly endpoint: SshEndpoint;
  /** The VM's QEMU: when it ends, waiting stops at once (with the console's last lines). */
  readonly pid: number;
  readonly consoleLog: string;
  readonly sshTimeoutMs: number;
  readonly engineTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly progress: (message: string) => void;
}

/** The last lines the VM wrote on its serial console, for messages. */
export async function consoleTail(consoleLog: string, lines = 5): Promise<string> {
  try {
    const text = await fs.readFile(consoleLog, 'utf8');
    return text.replace(/\r/g, '').split('\n').filter((line) => line.trim() !== '').slice(-lines).join(' | ');
  } catch {
    return '';
  }
}

async function vmEnded(wait: ReadinessWait): Promise<Error | undefined> {
  if (await isAlive(wait.pid)) return undefined;
  const tail = await consoleTail(wait.consoleLog);
  return new Error(`The VM stopped while booting${tail !== '' ? ` (console: ${tail})` : ''}`);
}

/**
 * Waits until the VM answers SSH with its pinned host key and takes its key (the guest booted and
 * cloud-init made the user), then until its engine answers /_ping through that SSH connection.
 * Each phase is bounded; the VM's end or `signal` stops it at once. Returns the two durations.
 */
export async function waitForVm(wait: ReadinessWait): Promise<{ sshMs: number; engineMs: number }> {
  // No agent, no ~/.ssh/config: the machine's own key and pinned host key are all there is.
  const client = new EngineClient(wait.endpoint, { requestTimeoutMs: 10_000, ssh: { agentSocket: false, connectTimeoutMs: 10_000, reconnectDelaysMs: [] } });
  const started = Date.now();
  try {
    wait.progress('Waiting for the VM to answer SSH (booting)');
    let lastSshProblem: string | undefined;
    await until(wait, wait.sshTimeoutMs, 'answer SSH', async (signal) => {
      try {
        await client.sshConnection?.connect(signal);
        return true;
      } catch (error) {
        // A host that presents another key will never present ours: stop now.
        if (error instanceof SshError && error.failure.startsWith('host-key')) throw Object.assign(error, { fatal: true });
        lastSshProblem = (error as Error)?.message ?? String(error);
        return false;
      }
    }, () => lastSshProblem);
    const sshMs = Date.now() - started;
    wait.progress('Waiting for Docker in the VM to answer');
    await until(wait, wait.engineTimeoutMs, 'start its Docker engine', async (signal) => {
      try {
        await client.ping(signal);
        return true;
      } catch {
        return false;
      }
    });
    return { sshMs, engineMs: Date.now() - started - sshMs };
  } finally {
    client.dispose();
  }
}

async function until(wait: ReadinessWait, timeoutMs: number, what: string, attempt: (signal: AbortSignal) => Promise<boolean>, lastProblem: () => string | undefined = () => undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    wait.signal?.throwIfAborted();
    const ended = await vmEnded(wait);
    if (ended) throw ended;
    const left = deadline - Date.now();
    const signal = wait.signal ? AbortSignal.any([wait.signal, AbortSignal.timeout(Math.max(left, 1))]) : AbortSignal.timeout(Math.max(left, 1));
    try {
      if (await attempt(signal)) return;
    } catch (error) {
      if ((error as { fatal?: boolean }).fatal) throw error;
    }
    if (Date.now() >= deadline) {
      const tail = await consoleTail(wait.consoleLog);
      const problem = lastProblem();
      throw new Error(`The VM did not ${what} within ${Math.round(timeoutMs / 1000)} s${problem ? ` (last attempt: ${problem})` : ''}${tail !== '' ? ` (console: ${tail})` : ''}`);
    }
    await sleep(1_000, wait.signal);
  }
}

/** One bounded check that the engine answers (for status). */
export async function engineAnswers(endpoint: SshEndpoint, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const client = new EngineClient(endpoint, { requestTimeoutMs: timeoutMs, ssh: { agentSocket: false, connectTimeoutMs: timeoutMs, reconnectDelaysMs: [] } });
  try {
    await client.ping(signal);
    return true;
  } catch {
    return false;
  } finally {
    client.dispose();
  }
}

/**
 * Asks the guest to power off over SSH (`sudo systemctl poweroff`): for images where nothing
 * handles the ACPI power button (no logind or acpid). Bounded; a connection that drops as the
 * guest goes down counts as asked. False when the VM could not be reached.
 */
export async function poweroffOverSsh(endpoint: SshEndpoint, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const connection = new SshConnection(endpoint, { agentSocket: false, connectTimeoutMs: timeoutMs, reconnectDelaysMs: [] });
  const bound = signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  try {
    await connection.connect(bound);
  } catch {
    connection.dispose();
    return false;
  }
  try {
    await connection.exec('sudo -n systemctl poweroff || sudo -n poweroff', bound);
  } catch {
    // the guest going down closes the connection
  } finally {
    connection.dispose();
  }
  return true;
}
