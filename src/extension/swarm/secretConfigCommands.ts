// Secrets and Configs of a swarm: Create Secret… / Create Config… (a name, then the data from a file
// or typed), Remove (several at once, after a modal naming them), Inspect (the engine's JSON). A
// secret's value is held in memory only long enough to send it: never logged, never in a message,
// never written to a file.
import * as vscode from 'vscode';
import { readOnlyDocuments } from '../inspect/readOnlyDocuments';
import {
  createConfig, createSecret, inspectConfig, inspectSecret, MAX_OBJECT_BYTES, removeConfig, removeSecret, SwarmObjectInUseError, validateObjectName,
} from '../../core/swarm/secretConfigOperations';
import { SwarmObjectSummary } from '../../core/swarm/swarmTypes';
import { confirm } from '../prompts/confirm';
import { ContextValues, NodeIds } from '../tree/contextValues';
import { SwarmObjectNode } from '../tree/nodes/swarmNodes';
import { swarmFailure } from './swarmProgress';
import { resolveSwarm, SwarmContext, SwarmInvocation } from './swarmTargets';

export type ObjectKind = 'secret' | 'config';

const TITLE: Readonly<Record<ObjectKind, string>> = { secret: 'Secret', config: 'Config' };
const GROUP: Readonly<Record<ObjectKind, 'secrets' | 'configs'>> = { secret: 'secrets', config: 'configs' };

/** What a script may give instead of answering: the name, and the data from a file or as a string. */
export interface CreateObjectGiven {
  readonly name?: string;
  readonly file?: string;
  readonly value?: string;
}

/** What a secret/config command did, for scripts and tests (names only: never the data). */
export type ObjectResult = { readonly names: readonly string[]; readonly failed?: readonly string[]; readonly messages?: readonly string[] } | undefined;

export async function createObjectCommand(context: SwarmContext, invocation: SwarmInvocation, kind: ObjectKind, given: CreateObjectGiven): Promise<ObjectResult> {
  const verb = `Create ${TITLE[kind]}`;
  const clusterId = await resolveSwarm(context, invocation, verb);
  if (!clusterId) return undefined;
  const existing = new Set((await listOf(context, clusterId, kind)).map((o) => o.name));
  const name = given.name ?? (await askName(kind, existing));
  if (name === undefined) return undefined;
  const data = await dataFor(kind, name, given);
  if (data === undefined) return undefined;
  try {
    await context.directory.onManager(clusterId, (session) => (kind === 'secret' ? createSecret : createConfig)(session.engine, { name, data }));
  } catch (error) {
    throw swarmFailure(`${verb} ${name}`, error);
  } finally {
    if (typeof data !== 'string') data.fill(0);
  }
  context.services.log.info(`${verb} ${name}: created`);
  context.services.tree.refreshNode(NodeIds.swarmGroup(clusterId, GROUP[kind]));
  return { names: [name] };
}

function askName(kind: ObjectKind, existing: ReadonlySet<string>): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `Create ${TITLE[kind]}: name`,
    prompt: kind === 'secret' ? 'Services see it as /run/secrets/<name>' : 'Services mount it at a path of their choosing (/<name> by default)',
    ignoreFocusOut: true,
    validateInput: (text) => validateObjectName(kind, text) ?? (existing.has(text) ? `The swarm already has a ${kind} named ${text}` : undefined),
  });
}

/** The data: a script's file or value, else a file picked or the value typed (a password input for secrets). */
async function dataFor(kind: ObjectKind, name: string, given: CreateObjectGiven): Promise<string | Uint8Array | undefined> {
  if (given.file !== undefined) return readData(kind, vscode.Uri.file(given.file));
  if (given.value !== undefined) return given.value;
  const how = await vscode.window.showQuickPick(
    [
      { label: 'From a File…', description: `the file's bytes, as \`docker ${kind} create ${name} <file>\``, key: 'file' as const },
      { label: kind === 'secret' ? 'Type the Value' : 'Type the Content', description: kind === 'secret' ? 'hidden as you type; kept nowhere but the swarm' : 'one line', key: 'typed' as const },
    ],
    { title: `Create ${TITLE[kind]} ${name}: data`, ignoreFocusOut: true },
  );
  if (!how) return undefined;
  if (how.key === 'file') {
    const [uri] = (await vscode.window.showOpenDialog({ title: `Create ${TITLE[kind]} ${name}: the file with its data`, canSelectMany: false, canSelectFolders: false, openLabel: `Create ${TITLE[kind]}` })) ?? [];
    return uri && readData(kind, uri);
  }
  return vscode.window.showInputBox({
    title: `Create ${TITLE[kind]} ${name}: ${kind === 'secret' ? 'value' : 'content'}`,
    password: kind === 'secret',
    ignoreFocusOut: true,
    validateInput: (text) => (text === '' ? `A ${kind} cannot be empty` : Buffer.byteLength(text) >= MAX_OBJECT_BYTES[kind] ? `Too long: less than ${MAX_OBJECT_BYTES[kind]} bytes` : undefined),
  });
}

/** The file's bytes, read without keeping a copy anywhere else; too large or empty is said before sending. */
async function readData(kind: ObjectKind, uri: vscode.Uri): Promise<Uint8Array> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type & vscode.FileType.Directory) throw new Error(`${uri.fsPath} is a folder: pick the file with the ${kind}'s data`);
  if (stat.size >= MAX_OBJECT_BYTES[kind]) throw new Error(`${uri.fsPath} is ${stat.size} bytes: a swarm ${kind} must be smaller than ${MAX_OBJECT_BYTES[kind]}`);
  return vscode.workspace.fs.readFile(uri);
}

function listOf(context: SwarmContext, clusterId: string, kind: ObjectKind): Promise<SwarmObjectSummary[]> {
  return kind === 'secret' ? context.directory.secrets(clusterId) : context.directory.configs(clusterId);
}

interface ObjectTargets {
  readonly clusterId: string;
  readonly objects: readonly SwarmObjectSummary[];
}

/** The secrets or configs: the tree nodes run on (the selection), the `names` option, or picked. */
async function resolveObjects(context: SwarmContext, invocation: SwarmInvocation, kind: ObjectKind, verb: string, named: readonly string[] | undefined, many: boolean): Promise<ObjectTargets | undefined> {
  const contextValue = kind === 'secret' ? ContextValues.swarmSecret : ContextValues.swarmConfig;
  const fromTree = invocation.nodes.filter((node): node is SwarmObjectNode => node instanceof SwarmObjectNode && node.getTreeItem().contextValue === contextValue);
  const [first] = fromTree;
  if (invocation.nodes.length > 0) {
    // A selection spans one swarm's group: nodes of another swarm or kind are left out.
    return first ? { clusterId: first.clusterId, objects: fromTree.filter((n) => n.clusterId === first.clusterId).map((n) => n.info) } : undefined;
  }
  const clusterId = await resolveSwarm(context, invocation, verb);
  if (!clusterId) return undefined;
  const all = await listOf(context, clusterId, kind);
  if (named !== undefined) {
    const missing = named.filter((name) => !all.some((o) => o.name === name || o.id === name));
    if (missing.length > 0) throw new Error(`No ${kind} ${missing.join(', ')} in this swarm`);
    return { clusterId, objects: all.filter((o) => named.includes(o.name) || named.includes(o.id)) };
  }
  if (all.length === 0) {
    void vscode.window.showInformationMessage(`The swarm has no ${GROUP[kind]}.`);
    return undefined;
  }
  const items = all.map((o) => ({ label: o.name, description: o.createdAt.slice(0, 19).replace('T', ' '), object: o }));
  const picked = many
    ? await vscode.window.showQuickPick(items, { title: `${verb}: which ${GROUP[kind]}?`, canPickMany: true, ignoreFocusOut: true })
    : await vscode.window.showQuickPick(items, { title: `${verb}: which ${kind}?`, ignoreFocusOut: true }).then((item) => (item ? [item] : undefined));
  return picked && picked.length > 0 ? { clusterId, objects: picked.map((item) => item.object) } : undefined;
}

export async function removeObjectsCommand(context: SwarmContext, invocation: SwarmInvocation, kind: ObjectKind, named: readonly string[] | undefined, confirmed: boolean): Promise<ObjectResult> {
  const verb = `Remove ${TITLE[kind]}`;
  const target = await resolveObjects(context, invocation, kind, verb, named, true);
  if (!target || target.objects.length === 0) return undefined;
  const names = target.objects.map((o) => o.name);
  const question = names.length === 1 ? `Remove the ${kind} ${names[0] ?? ''}?` : `Remove ${names.length} ${GROUP[kind]}: ${names.join(', ')}?`;
  const detail = `${names.length === 1 ? 'It is' : 'They are'} removed from the swarm. One that a service uses is not: the swarm refuses, and the service is named.`;
  if (!confirmed && !(await confirm(question, detail, ['Remove']))) return undefined;
  const removed: string[] = [];
  const refusals: string[] = [];
  for (const object of target.objects) {
    try {
      await context.directory.onManager(target.clusterId, (session) => (kind === 'secret' ? removeSecret : removeConfig)(session.engine, object.id));
      removed.push(object.name);
    } catch (error) {
      context.services.log.warn(`${verb} ${object.name}: ${(error as Error).message ?? String(error)}`);
      refusals.push(error instanceof SwarmObjectInUseError ? capitalise(error.message) : swarmFailure(`${verb} ${object.name}`, error).message);
    }
  }
  context.services.tree.refreshNode(NodeIds.swarmGroup(target.clusterId, GROUP[kind]));
  if (refusals.length > 0) {
    const done = removed.length > 0 ? ` (removed: ${removed.join(', ')})` : '';
    void vscode.window.showErrorMessage(`${refusals.join('. ')}${done}`);
  }
  const failed = target.objects.map((o) => o.name).filter((name) => !removed.includes(name));
  return { names: removed, ...(failed.length > 0 && { failed, messages: refusals }) };
}

/** The engine's JSON for the secret (no data: the engine never gives it back) or config (its data, base64, as `docker config inspect`). */
export async function inspectObjectCommand(context: SwarmContext, invocation: SwarmInvocation, kind: ObjectKind, named: string | undefined): Promise<vscode.TextEditor | undefined> {
  const target = await resolveObjects(context, invocation, kind, `Inspect ${TITLE[kind]}`, named === undefined ? undefined : [named], false);
  const [object] = target?.objects ?? [];
  if (!target || !object) return undefined;
  const json = await context.directory.onManager(target.clusterId, (session) => (kind === 'secret' ? inspectSecret : inspectConfig)(session.engine, object.id));
  return readOnlyDocuments.show(`${kind} ${object.name}.json`, `${JSON.stringify(json, undefined, 2)}\n`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
