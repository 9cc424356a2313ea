import * as vscode from 'vscode';
import { containerLogs, execInteractive } from '../../../core/engine/operations/containerOperations';
import { streamStats } from '../../../core/engine/operations/containerStats';
import { formatSize } from '../../../core/util/format';
import { Services } from '../../services';
import { TreeNode } from '../../tree/nodes/treeNode';
import { openEngineTerminal, TerminalSession } from '../../terminals/engineTerminal';
import { resolveContainers } from './resolveContainers';

const RUNNING = ['running', 'unhealthy', 'restarting'];

/** View Logs: follows the log in a terminal (tail and timestamps from settings); closing it stops following. */
export async function viewLogs(services: Services, nodes: readonly TreeNode[]): Promise<vscode.Terminal | undefined> {
  const [target] = await resolveContainers(services, nodes, { verb: 'View Logs' });
  if (!target) {
    return undefined;
  }
  const settings = vscode.workspace.getConfiguration('dockerHosts.logs');
  const tail = settings.get<number>('tail', 500);
  const options = { follow: true, timestamps: settings.get<boolean>('timestamps', false), tail: tail > 0 ? tail : ('all' as const) };
  return openEngineTerminal(`logs: ${target.info.name}`, async (session) => {
    const stream = await containerLogs(target.session.engine, target.info.id, options, session.signal);
    await pump(stream, session);
    session.write(`\r\n\x1b[2m[${target.info.name} stopped; log ended]\x1b[0m\r\n`);
    return new Promise<void>((resolve) => session.signal.addEventListener('abort', () => resolve(), { once: true }));
  }, 'output');
}

/** Open Shell: bash where the image has it, else sh, with a TTY sized to the terminal. */
export async function openShell(services: Services, nodes: readonly TreeNode[], command?: readonly string[]): Promise<vscode.Terminal | undefined> {
  const [target] = await resolveContainers(services, nodes, { eligible: RUNNING, verb: command ? 'Run Command' : 'Open Shell' });
  if (!target) {
    return undefined;
  }
  return openEngineTerminal(`${command ? 'run' : 'shell'}: ${target.info.name}`, (session) => attach(target.session.engine, target.info.id, command ?? 'shell', session));
}

/** Run Command…: asks for a command line and runs it interactively (sh -c) in a terminal. */
export async function runCommand(services: Services, nodes: readonly TreeNode[], commandLine?: string): Promise<vscode.Terminal | undefined> {
  const line = commandLine ?? (await vscode.window.showInputBox({ title: 'Run in container', prompt: 'A command line, run with sh -c', placeHolder: 'ls -la /' }));
  return line ? openShell(services, nodes, ['sh', '-c', line]) : undefined;
}

/** Stats: CPU, memory, network and block I/O, redrawn about once a second. */
export async function showStats(services: Services, nodes: readonly TreeNode[]): Promise<vscode.Terminal | undefined> {
  const [target] = await resolveContainers(services, nodes, { eligible: RUNNING, verb: 'Stats' });
  if (!target) {
    return undefined;
  }
  return openEngineTerminal(`stats: ${target.info.name}`, async (session) => {
    for await (const s of streamStats(target.session.engine, target.info.id, session.signal)) {
      const lines = [
        `\x1b[H\x1b[2J\x1b[1m${target.info.name}\x1b[0m on ${target.session.machine.name}`,
        '',
        `CPU        ${s.cpuPercent.toFixed(2)} %`,
        `Memory     ${formatSize(s.memoryUsed)} / ${formatSize(s.memoryLimit)} (${s.memoryPercent.toFixed(2)} %)`,
        `Network    ${formatSize(s.networkReceived)} received / ${formatSize(s.networkSent)} sent`,
        `Block I/O  ${formatSize(s.blockRead)} read / ${formatSize(s.blockWritten)} written`,
        `Processes  ${s.pids}`,
      ];
      session.write(lines.join('\n'));
    }
    session.write('\n\n[the container stopped]');
  }, 'pulse');
}

async function attach(engine: Parameters<typeof execInteractive>[0], id: string, command: readonly string[] | 'shell', session: TerminalSession): Promise<number> {
  const size = session.dimensions ?? { columns: 80, rows: 24 };
  const exec = await execInteractive(engine, id, command, size);
  session.onInput((data) => exec.stream.write(data));
  session.onResize((dimensions) => void exec.resize(dimensions.columns, dimensions.rows));
  session.signal.addEventListener('abort', () => exec.stream.destroy(), { once: true });
  exec.stream.on('data', (chunk: Buffer) => session.write(chunk.toString('utf8')));
  await new Promise<void>((resolve) => {
    exec.stream.on('end', resolve);
    exec.stream.on('close', resolve);
    exec.stream.on('error', () => resolve());
  });
  return (await exec.exitCode()) ?? 0;
}

async function pump(stream: NodeJS.ReadableStream, session: TerminalSession): Promise<void> {
  session.signal.addEventListener('abort', () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.(), { once: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      session.write(chunk.toString('utf8'));
    }
  } catch (error) {
    if (!session.signal.aborted) {
      throw error;
    }
  }
}
