import * as vscode from 'vscode';
import { MachineSession } from '../../core/engine/machineSession';
import { ResourceKind, ResourceOfKind, shortId } from '../../core/engine/resources';
import { Services } from '../services';
import { pickMachine } from './pickMachine';

export interface ResourceTarget<K extends ResourceKind> {
  readonly session: MachineSession;
  readonly info: ResourceOfKind<K>;
}

interface ResourceNodeLike {
  readonly machineId: string;
  readonly info: { readonly kind: ResourceKind };
}

export interface ResolveOptions<K extends ResourceKind> {
  /** Only resources the command applies to (Start offers stopped containers). */
  readonly eligible?: (info: ResourceOfKind<K>) => boolean;
  readonly many?: boolean;
  /** Title of the pick list, e.g. "Remove Image". */
  readonly verb: string;
}

/**
 * The resources a command acts on: the tree selection (several when the user selected several),
 * the node it was run on, or — from the palette — a machine and then resources picked among
 * those the command applies to.
 */
export async function resolveResources<K extends ResourceKind>(services: Services, kind: K, node: unknown, selection: unknown, options: ResolveOptions<K>): Promise<ResourceTarget<K>[]> {
  const eligible = options.eligible ?? (() => true);
  const nodes = (Array.isArray(selection) && selection.length > 0 ? selection : [node]).filter(
    (n): n is ResourceNodeLike => typeof n === 'object' && n !== null && 'machineId' in n && 'info' in n && (n as ResourceNodeLike).info.kind === kind,
  );
  if (nodes.length > 0) {
    return nodes
      .map((n) => ({ session: services.registry.get(n.machineId), info: n.info as ResourceOfKind<K> }))
      .filter((t): t is ResourceTarget<K> => t.session !== undefined && eligible(t.info))
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
