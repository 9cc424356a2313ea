import * as vscode from 'vscode';
import type { ClientChannel } from 'ssh2';
import { SshConnection } from '../../core/ssh/sshConnection';

/**
 * A terminal running a login shell over one of the extension's own SSH connections: for machines
 * whose key is held in secret storage (a local VM's), which `ssh` in a terminal could only use if
 * the key were written to a file.
 */
export function openSshShellTerminal(connection: SshConnection, name: string): vscode.Terminal {
  const output = new vscode.EventEmitter<string>();
  const closed = new vscode.EventEmitter<number | void>();
  let channel: ClientChannel | undefined;
  const pty: vscode.Pseudoterminal = {
    onDidWrite: output.event,
    onDidClose: closed.event,
    open: (dimensions) => {
      connection.shell({ rows: dimensions?.rows ?? 24, cols: dimensions?.columns ?? 80 }).then(
        (opened) => {
          channel = opened;
          opened.on('data', (data: Buffer) => output.fire(data.toString('utf8')));
          opened.stderr.on('data', (data: Buffer) => output.fire(data.toString('utf8')));
          opened.on('exit', (code: number | null) => closed.fire(code ?? 0));
          opened.on('close', () => closed.fire());
        },
        (error: unknown) => {
          output.fire(`\r\nCould not open a shell on ${name}: ${(error as Error).message}\r\n`);
        },
      );
    },
    handleInput: (data) => channel?.write(data),
    setDimensions: (dimensions) => channel?.setWindow(dimensions.rows, dimensions.columns, 0, 0),
    close: () => {
      channel?.end();
      output.dispose();
      closed.dispose();
    },
  };
  const terminal = vscode.window.createTerminal({ name: `ssh: ${name}`, pty, iconPath: new vscode.ThemeIcon('remote') });
  terminal.show();
  return terminal;
}
