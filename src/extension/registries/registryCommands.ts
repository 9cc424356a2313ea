import * as vscode from 'vscode';
import { RegistryCredentials } from '../../core/engine/registryAuth';
import { parseRegistryAddress, validateRepositoryName } from '../../core/registry/registryAddress';
import { RegistryClient } from '../../core/registry/registryClient';
import { MachineSession } from '../../core/machines/session';
import { pickMachine } from '../machines/pickMachine';
import { confirm } from '../prompts/confirm';
import { Services } from '../services';
import { TreeNode } from '../tree/nodes/treeNode';
import { requestTimeoutMsSetting } from '../userSettings';
import { RegistriesTreeProvider } from './registriesTreeProvider';
import { allowHttpHostsSetting, credentialKey } from './registryConnections';
import { RegistryAuthKind, RegistryEntry, RegistryList, registryIdOf } from './registryList';
import { RegistryNode, TagNode } from './registryNodes';

export interface RegistriesContext {
  readonly services: Services;
  readonly list: RegistryList;
  readonly tree: RegistriesTreeProvider;
}

/** What a script may pass to Add Registry (the password is checked apart, never quoted in a message). */
export interface AddRegistryInput {
  readonly address: string;
  readonly auth: RegistryAuthKind;
  readonly username?: string;
  readonly password?: string;
  /** Ping the registry first (default true); a failure then adds nothing. */
  readonly testConnection?: boolean;
}

const AUTH_CHOICES: readonly (vscode.QuickPickItem & { auth: RegistryAuthKind })[] = [
  { label: 'Anonymous', description: 'no sign-in (public registries, or loopback test registries)', auth: 'anonymous' },
  { label: 'User name and password', description: 'kept in VS Code secret storage; works for Basic and token auth', auth: 'password' },
  { label: "Docker's credentials", description: '~/.docker/config.json and its credential helpers, as docker pull uses them', auth: 'docker' },
];

export async function addRegistryCommand(context: RegistriesContext, scripted?: AddRegistryInput): Promise<RegistryEntry | undefined> {
  const input = scripted ?? (await askRegistry());
  if (!input) return undefined;
  const address = parseRegistryAddress(input.address, allowHttpHostsSetting());
  if (context.list.find(registryIdOf(address))) {
    throw new Error(`${address.dockerHub ? 'Docker Hub' : address.host} is already in the Registries view`);
  }
  if (input.auth === 'password' && (!input.username || input.password === undefined)) {
    throw new Error('Signing in with a password needs a user name and a password');
  }
  const credentials: RegistryCredentials | undefined = input.auth === 'password' ? { username: input.username, password: input.password, serveraddress: credentialKey(address) } : undefined;
  if (input.testConnection !== false) {
    const fromDocker = input.auth === 'docker' ? await context.services.registryCredentials.forRegistry(credentialKey(address), false) : undefined;
    const client = new RegistryClient({ address, credentials: async () => credentials ?? fromDocker, timeoutMs: requestTimeoutMsSetting(), allowHttpHosts: allowHttpHostsSetting() });
    // Nothing is saved when the registry refuses: the user can run Add Registry again.
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking ${address.dockerHub ? 'Docker Hub' : address.host}…` }, () => client.ping()).then(undefined, (error: unknown) => {
      throw new Error(`${(error as Error).message}. The registry was not added.`);
    });
  }
  if (credentials) {
    await context.services.registryCredentials.remember(credentials);
  }
  const entry: RegistryEntry = {
    id: registryIdOf(address),
    address: address.dockerHub ? 'docker.io' : address.origin,
    auth: input.auth,
    ...(input.auth === 'password' && input.username && { username: input.username }),
    repositories: [],
  };
  await context.list.add(entry);
  return entry;
}

async function askRegistry(): Promise<AddRegistryInput | undefined> {
  const title = 'Add Registry';
  const allowHttp = allowHttpHostsSetting();
  const address = await vscode.window.showInputBox({
    title: `${title} (1/2)`,
    prompt: 'Registry address: docker.io, ghcr.io, registry.example:5000, 127.0.0.1:5000 (any registry speaking the Distribution v2 API)',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        parseRegistryAddress(value, allowHttp);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  if (!address) return undefined;
  const auth = await vscode.window.showQuickPick(AUTH_CHOICES, { title: `${title} (2/2): how to sign in to ${address.trim()}`, ignoreFocusOut: true });
  if (!auth) return undefined;
  if (auth.auth !== 'password') return { address, auth: auth.auth };
  const username = await vscode.window.showInputBox({ title: `${title}: user name for ${address.trim()}`, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter a user name') });
  if (!username) return undefined;
  const password = await vscode.window.showInputBox({ title: `${title}: password or access token for ${username.trim()}`, password: true, ignoreFocusOut: true });
  if (password === undefined) return undefined;
  return { address, auth: 'password', username: username.trim(), password };
}

/** The registry a command acts on: its node (or a node under it), else a pick of the added ones. */
export async function resolveRegistry(context: RegistriesContext, nodes: readonly TreeNode[], registryId?: string): Promise<RegistryEntry | undefined> {
  if (registryId !== undefined) {
    const entry = context.list.find(registryId);
    if (!entry) throw new Error(`No registry with id ${registryId} in the Registries view`);
    return entry;
  }
  const node = registryNodeOf(nodes[0]);
  if (node) return node.entry;
  const all = context.list.all;
  if (all.length === 0) throw new Error('No registries yet: use "Docker Hosts: Add Registry…"');
  const picked = await vscode.window.showQuickPick(all.map((entry) => ({ label: entry.address, description: entry.auth, entry })), { title: 'Choose a registry' });
  return picked?.entry;
}

function registryNodeOf(node: TreeNode | undefined): RegistryNode | undefined {
  for (let current = node; current; current = current.parent) {
    if (current instanceof RegistryNode) return current;
  }
  return undefined;
}

export async function removeRegistryCommand(context: RegistriesContext, nodes: readonly TreeNode[], options: { registry?: string; confirmed?: boolean }): Promise<boolean> {
  const entry = await resolveRegistry(context, nodes, options.registry);
  if (!entry) return false;
  if (!options.confirmed && !(await confirm(`Remove ${entry.address} from the Registries view?`, 'Only the entry goes (and the password saved for it); the registry and its images stay.', ['Remove']))) {
    return false;
  }
  await context.list.remove(entry.id);
  if (entry.auth === 'password') {
    await context.services.registryCredentials.forgetRegistry(credentialKey(parseRegistryAddress(entry.address, allowHttpHostsSetting())));
  }
  context.tree.forget(entry.id); // the list repainted the view
  return true;
}

export async function addRepositoryCommand(context: RegistriesContext, nodes: readonly TreeNode[], options: { registry?: string; repository?: string }): Promise<string | undefined> {
  const entry = await resolveRegistry(context, nodes, options.registry);
  if (!entry) return undefined;
  const given = options.repository;
  if (given !== undefined && validateRepositoryName(given)) throw new Error(validateRepositoryName(given));
  const name = given ?? (await vscode.window.showInputBox({ title: `Add a repository of ${entry.address}`, prompt: 'Repository name, e.g. team/app (on Docker Hub: library/busybox or busybox for official images)', validateInput: validateRepositoryName }));
  if (!name) return undefined;
  await context.list.addRepository(entry.id, name.trim());
  return name.trim();
}

export function refreshRegistriesCommand(context: RegistriesContext, nodes: readonly TreeNode[]): void {
  context.tree.refresh(registryNodeOf(nodes[0])?.entry.id);
}

function tagNodesOf(nodes: readonly TreeNode[], verb: string): TagNode[] {
  const tags = nodes.filter((node): node is TagNode => node instanceof TagNode);
  if (tags.length === 0) throw new Error(`${verb} runs on a tag in the Registries view`);
  return tags;
}

export async function pullToMachineCommand(context: RegistriesContext, pull: (session: MachineSession, reference: string) => Promise<void>, nodes: readonly TreeNode[], machineId?: string): Promise<string | undefined> {
  const [tag] = tagNodesOf(nodes, 'Pull to Machine');
  const reference = tag!.reference();
  const { services } = context;
  const session = machineId !== undefined ? services.registry.get(machineId) : await pickMachine(services.registry.all, `Pull ${reference} to which machine?`, services.activeMachine.session);
  if (machineId !== undefined && !session) throw new Error(`No machine with id ${machineId}`);
  if (!session) return undefined;
  await pull(session, reference);
  void vscode.window.showInformationMessage(`Pulled ${reference} to ${session.machine.name}.`);
  return reference;
}

export async function deleteTagsCommand(context: RegistriesContext, nodes: readonly TreeNode[], confirmed: boolean): Promise<string[]> {
  const tags = tagNodesOf(nodes, 'Delete Tag');
  const names = tags.map((tag) => tag.reference());
  if (!confirmed && !(await confirm(
    `Delete ${names.join(', ')} from the registry?`,
    'The registry deletes the manifest the tag points at, so every other tag on the same digest goes too. Image layers are freed by the registry\'s garbage collection. This cannot be undone.',
    ['Delete'],
  ))) {
    return [];
  }
  const deleted: string[] = [];
  const failures: string[] = [];
  for (const tag of tags) {
    const client = context.tree.connections.clientFor(tag.entry);
    await client.deleteTag(tag.repositoryNode.repository, tag.tag).then(
      () => deleted.push(tag.reference()),
      (error: unknown) => failures.push(`${tag.reference()}: ${(error as Error).message}`),
    );
  }
  context.tree.refresh();
  if (failures.length > 0) {
    throw new Error(`${deleted.length > 0 ? `Deleted ${deleted.join(', ')}; not deleted: ` : 'Not deleted: '}${failures.join('; ')}`);
  }
  return deleted;
}

export async function copyReferenceCommand(nodes: readonly TreeNode[], byDigest?: boolean): Promise<string | undefined> {
  const [tag] = tagNodesOf(nodes, 'Copy Reference');
  let digest = byDigest;
  if (digest === undefined) {
    const choices = [{ label: tag!.reference(), digest: false }, ...(tag!.details ? [{ label: tag!.reference(true), digest: true }] : [])];
    digest = choices.length === 1 ? false : (await vscode.window.showQuickPick(choices, { title: 'Copy which reference?' }))?.digest;
    if (digest === undefined) return undefined;
  }
  if (digest && !tag!.details) throw new Error(`The digest of ${tag!.reference()} is not known yet (expand its repository again)`);
  const reference = tag!.reference(digest);
  await vscode.env.clipboard.writeText(reference);
  return reference;
}
