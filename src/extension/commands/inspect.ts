import * as vscode from 'vscode';
import { ResourceInfo, ResourceKind, shortId } from '../../core/engine/resources';
import { InspectDocumentProvider } from '../inspect/inspectDocuments';
import { Services } from '../services';
import { TreeNode } from '../tree/nodes/treeNode';
import { resolveResources } from './resolveResources';

/** Opens `docker inspect` JSON for a tree node, or for a resource chosen by quick pick. */
export async function inspectResource(services: Services, kind: ResourceKind, nodes: readonly TreeNode[]): Promise<vscode.TextEditor | undefined> {
  const [target] = await resolveResources(services, kind, nodes, { verb: `Inspect ${kind}` });
  if (!target) {
    return undefined;
  }
  const { machine } = target.session;
  const uri = InspectDocumentProvider.uriFor(machine.id, machine.name, kind, objectId(target.info), labelOf(target.info));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'json');
  return vscode.window.showTextDocument(document, { preview: true });
}

function objectId(info: ResourceInfo): string {
  return info.kind === 'volume' ? info.name : info.id;
}

function labelOf(info: ResourceInfo): string {
  switch (info.kind) {
    case 'container':
    case 'volume':
    case 'network':
      return info.name;
    case 'image':
      return info.tag ?? shortId(info.id);
  }
}
