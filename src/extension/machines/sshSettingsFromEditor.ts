import * as vscode from 'vscode';
import { SshInteraction } from '../../core/ssh/sshInteraction';
import { SshSettings } from '../../core/ssh/sshSettings';
import { userSetting } from '../userSettings';

/** dockerHosts.ssh.configFile and knownHostsFile from the user's settings only (a workspace's are ignored). */
export function sshFileSettings(): { readonly configFile?: string; readonly knownHostsFile?: string } {
  const file = (key: string): string | undefined => {
    const value = userSetting<unknown>('dockerHosts.ssh', key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const configFile = file('configFile');
  const knownHostsFile = file('knownHostsFile');
  return { ...(configFile !== undefined && { configFile }), ...(knownHostsFile !== undefined && { knownHostsFile }) };
}

/**
 * SSH settings for a new machine session: the editor asks the questions, and the files are the
 * user's OpenSSH ones unless the user's dockerHosts.ssh.* names others (a relative path there is
 * refused when connecting). Read when a session is made, so a changed setting applies to machines
 * added or retried afterwards.
 */
export function sshSettingsFromEditor(interaction: SshInteraction, log: vscode.LogOutputChannel): SshSettings {
  const { configFile, knownHostsFile } = sshFileSettings();
  return {
    interaction,
    ...(configFile !== undefined && { configFiles: [configFile] }),
    ...(knownHostsFile !== undefined && { knownHostsFiles: [knownHostsFile] }),
    log: (message) => log.info(message),
  };
}
