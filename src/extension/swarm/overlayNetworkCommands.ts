// Create Overlay Network…: a swarm-scoped network (attachable so standalone containers can join it,
// optionally encrypted, optionally with its own subnet), made on a manager.
import * as vscode from 'vscode';
import { EngineClient } from '../../core/engine/engineClient';
import { createNetwork, validateSubnet } from '../../core/engine/operations/networkOperations';
import { NodeIds } from '../tree/contextValues';
import { swarmFailure } from './swarmProgress';
import { resolveSwarm, SwarmContext, SwarmInvocation } from './swarmTargets';

export interface OverlaySpec {
  readonly name: string;
  readonly attachable?: boolean;
  readonly encrypted?: boolean;
  readonly subnet?: string;
}

/** An overlay network through core's createNetwork (which checks the subnet). */
function createOverlayNetwork(client: EngineClient, spec: OverlaySpec): Promise<string> {
  return createNetwork(client, { name: spec.name, driver: 'overlay', attachable: spec.attachable === true, encrypted: spec.encrypted === true, ...(spec.subnet !== undefined && { subnet: spec.subnet }) });
}

export async function createOverlayNetworkCommand(context: SwarmContext, invocation: SwarmInvocation, given: OverlaySpec | undefined): Promise<{ readonly name: string; readonly id: string } | undefined> {
  const clusterId = await resolveSwarm(context, invocation, 'Create Overlay Network');
  if (!clusterId) return undefined;
  const spec = given ?? (await askOverlaySpec());
  if (!spec) return undefined;
  let id: string;
  try {
    id = await context.directory.onManager(clusterId, (session) => createOverlayNetwork(session.engine, spec));
  } catch (error) {
    throw swarmFailure(`Create Overlay Network ${spec.name}`, error);
  }
  context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, 'networks'));
  return { name: spec.name, id };
}

async function askOverlaySpec(): Promise<OverlaySpec | undefined> {
  const name = await vscode.window.showInputBox({
    title: 'Create Overlay Network: name',
    ignoreFocusOut: true,
    validateInput: (text) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(text.trim()) ? undefined : 'Letters, digits, _ . - (not first)'),
  });
  if (name === undefined) return undefined;
  const flags = await vscode.window.showQuickPick(
    [
      { label: 'Attachable', description: 'standalone containers (docker run --network) can join it too', picked: true, key: 'attachable' },
      { label: 'Encrypted', description: 'IPsec between nodes for its traffic (slower; needs the nodes’ ESP traffic let through)', picked: false, key: 'encrypted' },
    ],
    { title: `Create Overlay Network ${name.trim()}: options`, canPickMany: true, ignoreFocusOut: true },
  );
  if (!flags) return undefined;
  const subnet = await vscode.window.showInputBox({
    title: `Create Overlay Network ${name.trim()}: subnet (optional)`,
    prompt: 'e.g. 10.30.0.0/24; empty takes one from the swarm’s address pool',
    ignoreFocusOut: true,
    validateInput: (text) => validateSubnet(text.trim()),
  });
  if (subnet === undefined) return undefined;
  const keys = new Set(flags.map((flag) => flag.key));
  return { name: name.trim(), attachable: keys.has('attachable'), encrypted: keys.has('encrypted'), ...(subnet.trim() !== '' && { subnet: subnet.trim() }) };
}
