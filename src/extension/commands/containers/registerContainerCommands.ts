import * as vscode from 'vscode';
import { ContainerAction } from '../../../core/engine/operations/containerOperations';
import { Services } from '../../services';
import { guardedCommand } from '../guardedCommand';
import { copyContainerField, openInBrowser, showTop } from './containerInfoCommands';
import { copyFromContainerCommand, copyIntoContainer } from './copyFiles';
import { containerAction, killContainers, pruneStoppedContainers, removeContainers, RemoveOptions, renameContainerCommand } from './lifecycle';
import { openShell, runCommand, showStats, viewLogs } from './terminals';

/** dockerHosts.container.*: tree commands receive (node, selected nodes); palette ones get nothing. */
export function registerContainerCommands(services: Services): vscode.Disposable[] {
  const command = (verb: string, run: (...args: never[]) => unknown): vscode.Disposable => guardedCommand(services.log, `dockerHosts.container.${verb}`, run);
  const action = (verb: ContainerAction): vscode.Disposable => command(verb, (node?: unknown, selection?: unknown) => containerAction(services, verb, node, selection));
  return [
    action('start'),
    action('stop'),
    action('restart'),
    action('pause'),
    action('unpause'),
    command('kill', (node?: unknown, selection?: unknown, signal?: string) => killContainers(services, node, selection, signal)),
    command('remove', (node?: unknown, selection?: unknown, options?: RemoveOptions) => removeContainers(services, node, selection, options)),
    command('rename', (node?: unknown, name?: string) => renameContainerCommand(services, node, name)),
    command('prune', (machine?: unknown, confirmed?: boolean) => pruneStoppedContainers(services, machine, confirmed === true)),
    command('logs', (node?: unknown) => viewLogs(services, node)),
    command('shell', (node?: unknown) => openShell(services, node)),
    command('runCommand', (node?: unknown, line?: string) => runCommand(services, node, line)),
    command('stats', (node?: unknown) => showStats(services, node)),
    command('openInBrowser', (node?: unknown) => openInBrowser(services, node)),
    command('copyId', (node?: unknown) => copyContainerField(services, 'id', node)),
    command('copyName', (node?: unknown) => copyContainerField(services, 'name', node)),
    command('top', (node?: unknown) => showTop(services, node)),
    command('copyTo', (node?: unknown, localPath?: string, directory?: string) => copyIntoContainer(services, node, localPath, directory)),
    command('copyFrom', (node?: unknown, containerPath?: string, directory?: string) => copyFromContainerCommand(services, node, containerPath, directory)),
  ];
}
