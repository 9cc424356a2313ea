// The Registries view's command handlers: each reads its declared script options, then hands
// the invocation's nodes to registryCommands.
import { MachineSession } from '../../../core/machines/session';
import {
  addRegistryCommand, addRepositoryCommand, copyReferenceCommand, deleteTagsCommand, pullToMachineCommand, refreshRegistriesCommand, RegistriesContext, removeRegistryCommand,
} from '../../registries/registryCommands';
import type { CommandId } from '../commandTable';
import { pullCommand } from '../images/imageCommands';
import { Invocation } from '../invocation';
import { isBoolean, isOneOf, isString, readOptions } from '../scriptOptions';

type RegistryCommandId = Extract<CommandId, `dockerHosts.registry.${string}`>;
type Handler = (invocation: Invocation) => unknown;

/**
 * A password is taken out before readOptions, whose wrong-type message quotes the value: a
 * script's mistake must not put a password into a notification.
 */
function withoutPassword(invocation: Invocation): { options: Invocation['options']; password: string | undefined } {
  const options = invocation.options;
  if (!options || !('password' in options)) return { options, password: undefined };
  const { password, ...rest } = options as Record<string, unknown>;
  if (typeof password !== 'string') throw new Error('Option "password" has the wrong type: a string is needed (its content is not shown)');
  return { options: rest as Invocation['options'], password };
}

export function registryHandlers(context: RegistriesContext): Record<RegistryCommandId, Handler> {
  // The Images group's own Pull: progress, cancel, credentials (SecretStorage, docker's config) as always.
  const pull = (session: MachineSession, reference: string): Promise<void> =>
    pullCommand(context.services, { shape: 'programmatic', nodes: [], uris: [], options: { programmatic: true, machine: session.machine.id } }, reference);
  return {
    'dockerHosts.registry.add': (inv) => {
      if (!inv.options) return addRegistryCommand(context);
      const { options, password } = withoutPassword(inv);
      const { address, auth, username, testConnection } = readOptions(options, { address: isString, auth: isOneOf('anonymous', 'password', 'docker'), username: isString, testConnection: isBoolean });
      if (address === undefined || auth === undefined) throw new Error('Add Registry with options needs address and auth');
      return addRegistryCommand(context, { address, auth, ...(username !== undefined && { username }), ...(password !== undefined && { password }), ...(testConnection !== undefined && { testConnection }) });
    },
    'dockerHosts.registry.remove': (inv) => removeRegistryCommand(context, inv.nodes, readOptions(inv.options, { registry: isString, confirmed: isBoolean })),
    'dockerHosts.registry.addRepository': (inv) => addRepositoryCommand(context, inv.nodes, readOptions(inv.options, { registry: isString, repository: isString })),
    'dockerHosts.registry.refresh': (inv) => refreshRegistriesCommand(context, inv.nodes),
    'dockerHosts.registry.pull': (inv) => pullToMachineCommand(context, pull, inv.nodes, inv.options?.machine),
    'dockerHosts.registry.deleteTag': (inv) => deleteTagsCommand(context, inv.nodes, readOptions(inv.options, { confirmed: isBoolean }).confirmed === true),
    'dockerHosts.registry.copyReference': (inv) => copyReferenceCommand(inv.nodes, readOptions(inv.options, { digest: isBoolean }).digest),
  };
}
