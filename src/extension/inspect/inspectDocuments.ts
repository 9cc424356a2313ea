import * as vscode from 'vscode';
import { ResourceKind } from '../../core/engine/resources';
import { MachineRegistry } from '../../core/machines/machineRegistry';

export const INSPECT_SCHEME = 'docker-hosts-inspect';

/**
 * Read-only JSON documents of `docker inspect` output. Documents of a content provider are
 * read-only in VS Code, so nothing typed there can be mistaken for a change to the engine.
 * URI: docker-hosts-inspect:/<machine name>/<kind>/<label>.json?<machine id>&<kind>&<id>
 */
export class InspectDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly registry: MachineRegistry) {}

  static uriFor(machineId: string, machineName: string, kind: ResourceKind, objectId: string, label: string): vscode.Uri {
    const safe = (text: string): string => text.replace(/[/\\?#%]/g, '_');
    const query = new URLSearchParams({ machine: machineId, kind, id: objectId }).toString();
    return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${safe(machineName)}/${kind}/${safe(label)}.json`, query });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const session = this.registry.get(query.get('machine') ?? '');
    if (!session) {
      throw new Error(`Machine of ${uri.path} is no longer known`);
    }
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const details = await session.engine.inspect(query.get('kind') as ResourceKind, query.get('id') ?? '', controller.signal);
    return `${JSON.stringify(details, undefined, 2)}\n`;
  }
}
