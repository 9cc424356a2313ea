import * as vscode from 'vscode';
import { readOnlyDocuments } from '../../inspect/readOnlyDocuments';
import { formatProcessTable, topContainer } from '../../../core/engine/operations/containerOperations';
import { publishedUrl } from '../../../core/engine/publishedUrl';
import { formatPort } from '../../../core/engine/resources';
import { Services } from '../../services';
import { TreeNode } from '../../tree/nodes/treeNode';
import { resolveContainers } from './resolveContainers';

/** Open in Browser: a published port at the machine's address; asks which when there are several. */
export async function openInBrowser(services: Services, nodes: readonly TreeNode[]): Promise<string | undefined> {
  const [target] = await resolveContainers(services, nodes, { eligible: ['running', 'unhealthy'], verb: 'Open in Browser' });
  if (!target) {
    return undefined;
  }
  const urls = target.info.ports
    .map((port) => ({ port, url: publishedUrl(target.session.machine.endpoint, port) }))
    .filter((entry): entry is { port: typeof entry.port; url: string } => entry.url !== undefined);
  if (urls.length === 0) {
    void vscode.window.showInformationMessage(`${target.info.name} publishes no port.`);
    return undefined;
  }
  const chosen = urls.length === 1 ? urls[0] : await vscode.window.showQuickPick(urls.map((u) => ({ label: u.url, description: formatPort(u.port), ...u })), { title: 'Which port?' });
  if (chosen) {
    await vscode.env.openExternal(vscode.Uri.parse(chosen.url));
  }
  return chosen?.url;
}

export async function copyContainerField(services: Services, field: 'id' | 'name', nodes: readonly TreeNode[]): Promise<string | undefined> {
  const [target] = await resolveContainers(services, nodes, { verb: field === 'id' ? 'Copy ID' : 'Copy Name' });
  if (!target) {
    return undefined;
  }
  const value = field === 'id' ? target.info.id : target.info.name;
  await vscode.env.clipboard.writeText(value);
  return value;
}

/** Top: the container's processes (ps aux) in a read-only-looking document. */
export async function showTop(services: Services, nodes: readonly TreeNode[]): Promise<vscode.TextEditor | undefined> {
  const [target] = await resolveContainers(services, nodes, { eligible: ['running', 'unhealthy', 'paused'], verb: 'Top' });
  if (!target) {
    return undefined;
  }
  const table = formatProcessTable(await topContainer(target.session.engine, target.info.id));
  return readOnlyDocuments.show(`top ${target.info.name}.txt`, `# processes in ${target.info.name} on ${target.session.machine.name}\n${table}\n`);
}
