import * as vscode from 'vscode';
import { ImageOrder } from '../../core/engine/ordering';
import { RunSpec } from '../../core/engine/operations/runSpec';
import { NetworkSpec } from '../../core/engine/operations/networkOperations';
import { VolumeSpec } from '../../core/engine/operations/volumeOperations';
import { Services } from '../services';
import { guardedCommand } from './guardedCommand';
import { copyTagCommand, historyCommand, loadCommand, pruneImagesCommand, pullCommand, pushCommand, removeImagesCommand, saveCommand, tagCommand } from './images/imageCommands';
import { runImageCommand, runInteractiveCommand } from './images/runImage';
import { connectCommand, createNetworkCommand, disconnectCommand, pruneNetworksCommand, removeNetworksCommand } from './networks/networkCommands';
import { browseVolumeCommand, copyMountpointCommand, createVolumeCommand, pruneVolumesCommand, removeVolumesCommand } from './volumes/volumeCommands';

/** dockerHosts.image.*, dockerHosts.volume.*, dockerHosts.network.* */
export function registerResourceCommands(services: Services): vscode.Disposable[] {
  const command = (id: string, run: (...args: never[]) => unknown): vscode.Disposable => guardedCommand(services.log, `dockerHosts.${id}`, run);
  const setImageSetting = (key: string, value: unknown): Thenable<void> => vscode.workspace.getConfiguration('dockerHosts.images').update(key, value, vscode.ConfigurationTarget.Global);
  return [
    command('image.run', (node?: unknown, spec?: Partial<RunSpec>) => runImageCommand(services, node, spec)),
    command('image.runInteractive', (node?: unknown, line?: string) => runInteractiveCommand(services, node, line)),
    command('image.pull', (machine?: unknown, reference?: string) => pullCommand(services, machine, reference)),
    command('image.push', (node?: unknown) => pushCommand(services, node)),
    command('image.tag', (node?: unknown, tag?: string) => tagCommand(services, node, tag)),
    command('image.remove', (node?: unknown, selection?: unknown, options?: { force?: boolean; confirmed?: boolean }) => removeImagesCommand(services, node, selection, options)),
    command('image.prune', (machine?: unknown, scope?: 'dangling' | 'unused') => pruneImagesCommand(services, machine, scope)),
    command('image.history', (node?: unknown) => historyCommand(services, node)),
    command('image.copyTag', (node?: unknown) => copyTagCommand(services, node)),
    command('image.save', (node?: unknown, file?: string) => saveCommand(services, node, file)),
    command('image.load', (machine?: unknown, file?: string) => loadCommand(services, machine, file)),
    command('image.showDangling', () => setImageSetting('showDangling', true)),
    command('image.hideDangling', () => setImageSetting('showDangling', false)),
    command('image.sortBy', async (order?: ImageOrder) => {
      const chosen = order ?? (await vscode.window.showQuickPick(['name', 'created', 'size'], { title: 'Sort images by' }));
      return chosen && setImageSetting('sortBy', chosen);
    }),
    command('volume.create', (machine?: unknown, spec?: VolumeSpec) => createVolumeCommand(services, machine, spec)),
    command('volume.remove', (node?: unknown, selection?: unknown, confirmed?: boolean) => removeVolumesCommand(services, node, selection, confirmed === true)),
    command('volume.prune', (machine?: unknown, confirmed?: boolean) => pruneVolumesCommand(services, machine, confirmed === true)),
    command('volume.browse', (node?: unknown, file?: string) => browseVolumeCommand(services, node, file)),
    command('volume.copyMountpoint', (node?: unknown) => copyMountpointCommand(services, node)),
    command('network.create', (machine?: unknown, spec?: NetworkSpec) => createNetworkCommand(services, machine, spec)),
    command('network.remove', (node?: unknown, selection?: unknown, confirmed?: boolean) => removeNetworksCommand(services, node, selection, confirmed === true)),
    command('network.prune', (machine?: unknown, confirmed?: boolean) => pruneNetworksCommand(services, machine, confirmed === true)),
    command('network.connect', (node?: unknown, containerId?: string) => connectCommand(services, node, containerId)),
    command('network.disconnect', (node?: unknown, containerId?: string) => disconnectCommand(services, node, containerId)),
  ];
}
