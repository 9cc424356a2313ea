import * as vscode from 'vscode';
import { MachineSession } from '../../core/machines/session';
import { ResourceKind, ResourceOfKind, shortId } from '../../core/engine/resources';
import { Services } from '../services';
import { TreeNode } from '../tree/nodes/treeNode';
import { pickMachine } from '../machines/pickMachine';
import { resourceOfNode } from './resourceNodes';

export interface ResourceTarget<K extends ResourceKind> {
  readonly session: MachineSession;
  readonly info: ResourceOfKind<K>;
}

export interface ResolveOptions<K extends ResourceKind> {
  /** Only resources the command applies to (Start offers stopped containers). */
  readonly eligible?: (info: ResourceOfKind<K>) => boolean;
  readonly many?: boolean;
  /** Title of the pick list, e.g. "Remove Image". */
  readonly verb: string;
}

/**
 * The resources a command acts on: the nodes it was run on (the clicked node, then the rest of
 * the selection; only nodes of `kind` that it applies to, and only the first unless `many`), or
 * — from the palette — a machine and then resources picked among those the command applies to.
 */
export async function resolveResources<K extends ResourceKind>(services: Services, kind: K, nodes: readonly TreeNode[], options: ResolveOptions<K>): Promise<ResourceTarget<K>[]> {
  const eligible = options.eligible ?? (() => true);
  if (nodes.length > 0) {
    return nodes
      .flatMap((node) => {
        const ref = resourceOfNode(node, kind);
        const session = ref && services.registry.get(ref.machineId);
        return ref && session && eligible(ref.info) ? [{ session, info: ref.info }] : [];
      })
      .slice(0, options.many ? undefined : 1);
  }
  const session = services.registry.all.length > 1 ? await pickMachine(services.registry.all, `${options.verb}: which machine?`) : services.activeMachine.session;
  if (!session) {
    return [];
  }
  const candidates = (await session.list(kind)).filter(eligible);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`Nothing on ${session.machine.name} to ${options.verb.toLowerCase()}.`);
    return [];
  }
  const items = candidates.map((info) => ({ ...describe(info), info }));
  const title = `${options.verb} (${session.machine.name})`;
  const picked = options.many
    ? await vscode.window.showQuickPick(items, { title, canPickMany: true, matchOnDescription: true })
    : await vscode.window.showQuickPick(items, { title, matchOnDescription: true }).then((item) => (item ? [item] : undefined));
  return (picked ?? []).map((item) => ({ session, info: item.info }));
}

function describe(info: ResourceOfKind<ResourceKind>): { label: string; description: string } {
  switch (info.kind) {
    case 'container':
      return { label: info.name, description: `${info.image} · ${info.status}` };
    case 'image':
      return { label: info.tag ?? `<none> ${shortId(info.id)}`, description: shortId(info.id) };
    case 'volume':
      return { label: info.name, description: info.driver };
    case 'network':
      return { label: info.name, description: `${info.driver} · ${info.scope}` };
  }
}
