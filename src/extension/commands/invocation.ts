import * as vscode from 'vscode';
import { TreeNode } from '../tree/nodes/treeNode';
import { isScriptOptions, ScriptOptions } from './scriptOptions';
import { InvocationShape } from './commandTable';

/**
 * What a command was invoked with, told apart by typed guards:
 * - tree (view/item/context, a tree item's own command): `(node, selectedNodes[])` or `(node)`;
 * - explorer (explorer/context): `(uri, selectedUris[])`;
 * - editor (editor/title, editor/title/context, editor/context): `(uri)` or `(uri, { groupId })`;
 * - palette, view/title, keybinding: nothing;
 * and, after any of them, the programmatic ScriptOptions object.
 */
export interface Invocation {
  readonly shape: InvocationShape;
  /** The node it was run on first, then the rest of the selection when that node is part of it. */
  readonly nodes: readonly TreeNode[];
  /** The file it was run on first, then the other selected files. */
  readonly uris: readonly vscode.Uri[];
  readonly options: ScriptOptions | undefined;
}

export function isTreeNode(value: unknown): value is TreeNode {
  return value instanceof TreeNode;
}

export function isNodeArray(value: unknown): value is readonly TreeNode[] {
  return Array.isArray(value) && value.every(isTreeNode);
}

export function isUri(value: unknown): value is vscode.Uri {
  return value instanceof vscode.Uri;
}

export function isUriArray(value: unknown): value is readonly vscode.Uri[] {
  return Array.isArray(value) && value.every(isUri);
}

/** The second argument of editor/title menus: which editor group the file is shown in. */
function isEditorContext(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'groupId' in value;
}

export function parseInvocation(args: readonly unknown[]): Invocation {
  const last = args[args.length - 1];
  const options = isScriptOptions(last) ? last : undefined;
  const rest = options ? args.slice(0, -1) : args;
  const [first, second, ...extra] = trimUndefined(rest);
  if (extra.length > 0) {
    throw unexpected(args);
  }
  if (first === undefined) {
    return { shape: options ? 'programmatic' : 'none', nodes: [], uris: [], options };
  }
  if (isTreeNode(first) && (second === undefined || isNodeArray(second))) {
    return { shape: 'node', nodes: withSelection(first, second ?? []), uris: [], options };
  }
  if (isUri(first) && (second === undefined || isUriArray(second) || isEditorContext(second))) {
    const selection = isUriArray(second) ? second : [];
    return { shape: 'uri', nodes: [], uris: withSelection(first, selection, (a, b) => a.toString() === b.toString()), options };
  }
  throw unexpected(args);
}

/** The clicked item first; the selection counts only when the clicked item is part of it (as VS Code's own lists do). */
function withSelection<T>(clicked: T, selection: readonly T[], same: (a: T, b: T) => boolean = (a, b) => a === b): T[] {
  return selection.some((item) => same(item, clicked)) ? [clicked, ...selection.filter((item) => !same(item, clicked))] : [clicked];
}

function trimUndefined(args: readonly unknown[]): unknown[] {
  const trimmed = [...args];
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === undefined) {
    trimmed.pop();
  }
  return trimmed;
}

function unexpected(args: readonly unknown[]): Error {
  const describe = (value: unknown): string => (value instanceof TreeNode ? `node ${value.id}` : value instanceof vscode.Uri ? `uri ${value.toString()}` : typeof value);
  return new Error(
    `Unexpected arguments (${args.map(describe).join(', ')}): pass a tree node and the selection, a URI and the selected URIs, or { programmatic: true, … } options`,
  );
}
