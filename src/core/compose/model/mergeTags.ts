import type { KeyPath } from './keyPath';
import type { MergeTag } from './yamlDocument';

/** `!reset`: the key is removed from what the earlier files said. */
export class ResetTag {
  static readonly instance = new ResetTag();
  private constructor() {}
}

/** `!override`: this value replaces the earlier one instead of merging with it. */
export class OverrideTag {
  constructor(readonly value: unknown) {}
}

/** Puts the markers where the file wrote the tags (paths into the plain value). */
export function applyMergeTags(value: unknown, tags: readonly { path: KeyPath; tag: MergeTag }[]): unknown {
  let root = value;
  for (const { path, tag } of tags) {
    if (path.length === 0) {
      root = tag === 'reset' ? ResetTag.instance : new OverrideTag(root);
      continue;
    }
    let parent: unknown = root;
    for (const segment of path.slice(0, -1)) {
      parent = typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[segment as string] : undefined;
    }
    const last = path[path.length - 1] as string | number;
    if (typeof parent === 'object' && parent !== null && !(parent instanceof ResetTag)) {
      const container = (parent instanceof OverrideTag ? parent.value : parent) as Record<string, unknown>;
      container[last] = tag === 'reset' ? ResetTag.instance : new OverrideTag(container[last]);
    }
  }
  return root;
}

/** The value as the schema should see it: reset keys gone, overrides unwrapped. */
export function stripMergeTags(value: unknown): unknown {
  if (value instanceof OverrideTag) {
    return stripMergeTags(value.value);
  }
  if (Array.isArray(value)) {
    return value.filter((item) => !(item instanceof ResetTag)).map(stripMergeTags);
  }
  if (typeof value === 'object' && value !== null && !(value instanceof ResetTag)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!(item instanceof ResetTag)) {
        result[key] = stripMergeTags(item);
      }
    }
    return result;
  }
  return value;
}
