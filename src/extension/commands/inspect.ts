import * as vscode from 'vscode';
import { MachineSession } from '../../core/engine/machineSession';
import { ResourceInfo, ResourceKind, shortId } from '../../core/engine/resources';
import { MachineRegistry } from '../../core/machines/machineRegistry';
import { InspectDocumentProvider } from '../inspect/inspectDocuments';
import { ContainerNode } from '../tree/nodes/containerNode';
import { ImageNode } from '../tree/nodes/imageNode';
import { NetworkNode } from '../tree/nodes/networkNode';
import { VolumeNode } from '../tree/nodes/volumeNode';
import { pickMachine } from './pickMachine';

type ResourceNode = ContainerNode | ImageNode | VolumeNode | NetworkNode;

/** Opens `docker inspect` JSON for a tree node, or for a resource chosen by quick pick. */
export async function inspectResource(registry: MachineRegistry, kind: ResourceKind, node?: ResourceNode): Promise<vscode.TextEditor | undefined> {
  const target = node ? { session: registry.get(node.machineId), info: node.info } : await pickResource(registry, kind);
  if (!target?.session) {
    return undefined;
  }
  const { machine } = target.session;
  const uri = InspectDocumentProvider.uriFor(machine.id, machine.name, kind, objectId(target.info), labelOf(target.info));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'json');
  return vscode.window.showTextDocument(document, { preview: true });
}

async function pickResource(registry: MachineRegistry, kind: ResourceKind): Promise<{ session: MachineSession; info: ResourceInfo } | undefined> {
  const session = await pickMachine(registry.all);
  if (!session) {
    return undefined;
  }
  const items = await session.list(kind);
  const picked = await vscode.window.showQuickPick(
    items.map((info) => ({ label: labelOf(info), description: describe(info), info })),
    { title: `Inspect ${kind} on ${session.machine.name}`, matchOnDescription: true },
  );
  return picked && { session, info: picked.info };
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

function describe(info: ResourceInfo): string {
  switch (info.kind) {
    case 'container':
      return `${info.image} · ${info.state}`;
    case 'image':
      return shortId(info.id);
    case 'volume':
      return info.driver;
    case 'network':
      return `${info.driver} · ${info.scope}`;
  }
}
