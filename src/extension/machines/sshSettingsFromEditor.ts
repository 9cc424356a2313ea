import * as vscode from 'vscode';
import { SshInteraction } from '../../core/ssh/sshInteraction';
import { SshSettings } from '../../core/ssh/sshSettings';

/**
 * SSH settings for a new machine session: the editor asks the questions, and the files are the
 * user's OpenSSH ones unless dockerHosts.ssh.* names others. Read when a session is made, so a
 * changed setting applies to machines added or retried afterwards.
 */
export function sshSettingsFromEditor(interaction: SshInteraction, log: vscode.LogOutputChannel): SshSettings {
  const settings = vscode.workspace.getConfiguration('dockerHosts.ssh');
  const configFile = settings.get<string>('configFile', '');
  const knownHostsFile = settings.get<string>('knownHostsFile', '');
  return {
    interaction,
    ...(configFile !== '' && { configFiles: [configFile] }),
    ...(knownHostsFile !== '' && { knownHostsFiles: [knownHostsFile] }),
    log: (message) => log.info(message),
  };
}
