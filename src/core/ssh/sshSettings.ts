import * as os from 'node:os';
import * as path from 'node:path';
import { SshError } from './sshErrors';
import { SshInteraction } from './sshInteraction';

/**
 * How SSH machines reach their hosts: who answers questions, which OpenSSH files are read, and
 * the timing. Everything has the default `ssh` itself would use; tests point the files elsewhere.
 */
export interface SshSettings {
  readonly interaction?: SshInteraction;
  /** Config files, first value wins. Default: ~/.ssh/config, then /etc/ssh/ssh_config. */
  readonly configFiles?: readonly string[];
  /** known_hosts files; new keys are added to the first. Default: ~/.ssh/known_hosts, /etc/ssh/ssh_known_hosts. */
  readonly knownHostsFiles?: readonly string[];
  /** The ssh-agent socket; false for none. Default: $SSH_AUTH_SOCK. */
  readonly agentSocket?: string | false;
  /** Where `~` and the default key files are. Default: the user's home. */
  readonly homeDir?: string;
  /** Bound on reaching the server and logging in (time spent waiting for a person is not counted). */
  readonly connectTimeoutMs?: number;
  /** SSH keep-alive interval; a host that misses three is taken as gone. */
  readonly keepaliveIntervalMs?: number;
  /** Closes the connection after this long with no channel open (it reopens on the next request). */
  readonly idleTimeoutMs?: number;
  /** Waits between automatic reconnect attempts after a drop; after the last one the state is "failed". */
  readonly reconnectDelaysMs?: readonly number[];
  /** Where details go (never secrets). */
  readonly log?: (message: string) => void;
}

export type ResolvedSshSettings = Required<Omit<SshSettings, 'log'>> & Pick<SshSettings, 'log'>;

export function resolveSshSettings(settings: SshSettings, interaction: SshInteraction): ResolvedSshSettings {
  const homeDir = settings.homeDir ?? os.homedir();
  return {
    interaction: settings.interaction ?? interaction,
    configFiles: settings.configFiles ?? [path.join(homeDir, '.ssh', 'config'), '/etc/ssh/ssh_config'],
    knownHostsFiles: settings.knownHostsFiles ?? [path.join(homeDir, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'],
    agentSocket: settings.agentSocket ?? (process.env.SSH_AUTH_SOCK || false),
    homeDir,
    connectTimeoutMs: settings.connectTimeoutMs ?? 15_000,
    keepaliveIntervalMs: settings.keepaliveIntervalMs ?? 15_000,
    idleTimeoutMs: settings.idleTimeoutMs ?? 10 * 60_000,
    reconnectDelaysMs: settings.reconnectDelaysMs ?? [500, 1_000, 2_000, 4_000, 8_000],
    ...(settings.log && { log: settings.log }),
  };
}

/**
 * Refuses config and known_hosts files given as relative paths: they would be looked up from
 * whatever folder the editor runs in, which may be a cloned repository.
 */
export function requireAbsoluteSshFiles(settings: Pick<SshSettings, 'configFiles' | 'knownHostsFiles'>): void {
  const relative = [...(settings.configFiles ?? []), ...(settings.knownHostsFiles ?? [])].find((file) => !path.isAbsolute(file));
  if (relative !== undefined) {
    throw new SshError('other', `SSH config and known_hosts files must be absolute paths; "${relative}" is relative — give the full path in the SSH settings`);
  }
}

export function localUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'root';
  }
}
