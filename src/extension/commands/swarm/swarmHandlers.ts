// The swarm commands' handlers: each reads its declared script options, then hands the invocation
// (nodes, files, machine) to extension/swarm.
import { ServiceSpecInput } from '../../../core/swarm/swarmTypes';
import { initSwarmCommand, joinSwarmCommand, leaveSwarmCommand } from '../../swarm/membershipCommands';
import { nodeCommand, NodeVerb, removeNodeCommand, rotateJoinTokenCommand, showUnlockKeyCommand } from '../../swarm/nodeCommands';
import { connectContainerCommand, createOverlayNetworkCommand, OverlaySpec } from '../../swarm/overlayNetworkCommands';
import { createObjectCommand, inspectObjectCommand, ObjectKind, removeObjectsCommand } from '../../swarm/secretConfigCommands';
import {
  createServiceCommand, forceUpdateCommand, inspectServiceCommand, removeServiceCommand, rollbackCommand, scaleServiceCommand, serviceLogsCommand, updateImageCommand,
} from '../../swarm/serviceCommands';
import { deployStackCommand, removeStackCommand } from '../../swarm/stackCommands';
import { SwarmContext, SwarmInvocation } from '../../swarm/swarmTargets';
import { CommandId } from '../commandTable';
import { Invocation } from '../invocation';
import { Check, isBoolean, isOneOf, isRecord, isSpec, isString, isStrings, readOptions } from '../scriptOptions';

type SwarmCommandId = Extract<CommandId, `dockerHosts.swarm.${string}`>;
type Handler = (invocation: Invocation) => unknown;

const isCount: Check<number> = (value): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isOverlaySpec: Check<OverlaySpec> = (value): value is OverlaySpec => isRecord(value) && typeof value.name === 'string';

/**
 * A secret's value is checked here, before readOptions, whose wrong-type message quotes the value:
 * a script's mistake must not put a secret into a notification.
 */
function withoutSecretValue(invocation: Invocation): { options: Invocation['options']; value: string | undefined } {
  const options = invocation.options;
  if (!options || !('value' in options)) return { options, value: undefined };
  const { value, ...rest } = options as Record<string, unknown>;
  if (typeof value !== 'string') throw new Error('Option "value" has the wrong type: a string is needed (its content is not shown)');
  return { options: rest as Invocation['options'], value };
}

function on(invocation: Invocation): SwarmInvocation {
  return { nodes: invocation.nodes, uris: invocation.uris, ...(invocation.options?.machine !== undefined && { machine: invocation.options.machine }) };
}

export function swarmHandlers(context: SwarmContext): Record<SwarmCommandId, Handler> {
  const node = (verb: NodeVerb): Handler => (inv) => nodeCommand(context, on(inv), verb, readOptions(inv.options, { node: isString }).node);
  const named = (inv: Invocation): string | undefined => readOptions(inv.options, { service: isString }).service;
  const createObject = (kind: ObjectKind): Handler => (inv) => {
    const { options, value } = withoutSecretValue(inv);
    const { name, file } = readOptions(options, { name: isString, file: isString });
    return createObjectCommand(context, on(inv), kind, { ...(name !== undefined && { name }), ...(file !== undefined && { file }), ...(value !== undefined && { value }) });
  };
  const removeObjects = (kind: ObjectKind): Handler => (inv) => {
    const { names, confirmed } = readOptions(inv.options, { names: isStrings, confirmed: isBoolean });
    return removeObjectsCommand(context, on(inv), kind, names, confirmed === true);
  };
  const inspectObject = (kind: ObjectKind): Handler => (inv) => inspectObjectCommand(context, on(inv), kind, readOptions(inv.options, { name: isString }).name);
  return {
    'dockerHosts.swarm.init': (inv) => {
      const { advertiseAddr, defaultAddrPool } = readOptions(inv.options, { advertiseAddr: isString, defaultAddrPool: isStrings });
      return initSwarmCommand(context, on(inv), { ...(advertiseAddr !== undefined && { advertiseAddr }), ...(defaultAddrPool !== undefined && { defaultAddrPool }) });
    },
    'dockerHosts.swarm.join': (inv) => {
      const { manager, role, advertiseAddr } = readOptions(inv.options, { manager: isString, role: isOneOf('worker', 'manager'), advertiseAddr: isString });
      return joinSwarmCommand(context, on(inv), { ...(manager !== undefined && { manager }), ...(role !== undefined && { role }), ...(advertiseAddr !== undefined && { advertiseAddr }) });
    },
    'dockerHosts.swarm.leave': (inv) => leaveSwarmCommand(context, on(inv), readOptions(inv.options, { confirmed: isBoolean }).confirmed === true),
    'dockerHosts.swarm.promote': node('promote'),
    'dockerHosts.swarm.demote': node('demote'),
    'dockerHosts.swarm.drain': node('drain'),
    'dockerHosts.swarm.pause': node('pause'),
    'dockerHosts.swarm.activate': node('activate'),
    'dockerHosts.swarm.removeNode': (inv) => {
      const { node: which, confirmed } = readOptions(inv.options, { node: isString, confirmed: isBoolean });
      return removeNodeCommand(context, on(inv), which, confirmed === true);
    },
    'dockerHosts.swarm.rotateJoinToken': (inv) => rotateJoinTokenCommand(context, on(inv), readOptions(inv.options, { role: isOneOf('worker', 'manager') }).role),
    'dockerHosts.swarm.showUnlockKey': (inv) => showUnlockKeyCommand(context, on(inv)),
    'dockerHosts.swarm.createService': (inv) => {
      const { spec, answers } = readOptions(inv.options, { spec: isSpec<ServiceSpecInput>(), answers: isRecord });
      return createServiceCommand(context, on(inv), { ...(spec !== undefined && { spec }), ...(answers !== undefined && { answers }) });
    },
    'dockerHosts.swarm.scaleService': (inv) => {
      const { service, replicas } = readOptions(inv.options, { service: isString, replicas: isCount });
      return scaleServiceCommand(context, on(inv), service, replicas);
    },
    'dockerHosts.swarm.updateServiceImage': (inv) => {
      const { service, image } = readOptions(inv.options, { service: isString, image: isString });
      return updateImageCommand(context, on(inv), service, image);
    },
    'dockerHosts.swarm.rollbackService': (inv) => rollbackCommand(context, on(inv), named(inv)),
    'dockerHosts.swarm.forceUpdateService': (inv) => forceUpdateCommand(context, on(inv), named(inv)),
    'dockerHosts.swarm.serviceLogs': (inv) => serviceLogsCommand(context, on(inv), named(inv)),
    'dockerHosts.swarm.inspectService': (inv) => inspectServiceCommand(context, on(inv), named(inv)),
    'dockerHosts.swarm.removeService': (inv) => {
      const { service, confirmed } = readOptions(inv.options, { service: isString, confirmed: isBoolean });
      return removeServiceCommand(context, on(inv), service, confirmed === true);
    },
    'dockerHosts.swarm.deployStack': (inv) => {
      const { stack, prune, file } = readOptions(inv.options, { stack: isString, prune: isBoolean, file: isString });
      return deployStackCommand(context, on(inv), { ...(stack !== undefined && { stack }), ...(prune !== undefined && { prune }), ...(file !== undefined && { file }), scripted: inv.options !== undefined });
    },
    'dockerHosts.swarm.removeStack': (inv) => {
      const { stack, confirmed } = readOptions(inv.options, { stack: isString, confirmed: isBoolean });
      return removeStackCommand(context, on(inv), stack, confirmed === true);
    },
    'dockerHosts.swarm.createOverlayNetwork': (inv) => createOverlayNetworkCommand(context, on(inv), readOptions(inv.options, { spec: isOverlaySpec }).spec),
    'dockerHosts.swarm.connectContainer': (inv) => {
      const { network, container } = readOptions(inv.options, { network: isString, container: isString });
      return connectContainerCommand(context, on(inv), { ...(network !== undefined && { network }), ...(container !== undefined && { container }) });
    },
    'dockerHosts.swarm.createSecret': createObject('secret'),
    'dockerHosts.swarm.removeSecret': removeObjects('secret'),
    'dockerHosts.swarm.inspectSecret': inspectObject('secret'),
    'dockerHosts.swarm.createConfig': createObject('config'),
    'dockerHosts.swarm.removeConfig': removeObjects('config'),
    'dockerHosts.swarm.inspectConfig': inspectObject('config'),
  };
}
