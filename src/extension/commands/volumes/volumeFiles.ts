import * as vscode from 'vscode';
import { VolumeBrowser } from '../../../core/engine/operations/volumeBrowser';
import { MachineRegistry } from '../../../core/machines/machineRegistry';

export const VOLUME_SCHEME = 'docker-hosts-volume';

/** Files inside volumes as read-only documents: docker-hosts-volume:/<volume>/<path>?machine=<id>. */
export class VolumeFileProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly registry: MachineRegistry) {}

  static uriFor(machineId: string, volume: string, relativePath: string): vscode.Uri {
    return vscode.Uri.from({ scheme: VOLUME_SCHEME, path: `/${volume}/${relativePath}`, query: new URLSearchParams({ machine: machineId }).toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const session = this.registry.get(new URLSearchParams(uri.query).get('machine') ?? '');
    if (!session) throw new Error(`The machine of ${uri.path} is no longer known`);
    const [, volume = '', ...rest] = uri.path.split('/');
    const browser = await VolumeBrowser.open(session.engine, volume, await session.list('image'));
    const content = await browser.read(rest.join('/'));
    return content.includes(0) ? `(binary file, ${content.length} bytes shown as nothing)` : content.toString('utf8');
  }
}
