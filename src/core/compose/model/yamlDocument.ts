import { Alias, Document, YAMLParseError, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node, type ScalarTag, type CollectionTag, type Tags } from 'yaml';
import { ComposeFileError, type SourcePosition } from './composeModel';
import type { KeyPath, KeyPathSegment } from './keyPath';
import { exceedsNesting } from './yamlNesting';

/** Compose files are a few KiB; a file much larger than this is not one (and would only cost memory). */
export const COMPOSE_FILE_SIZE_CAP = 4 * 1024 * 1024;

/** Compose files nest a handful of levels; far deeper input is refused before anything recurses over it. */
export const MAX_NESTING_DEPTH = 64;

/** The text's estimate counts generously (indentation, dashes, brackets); past this, the parser is not called. */
const MAX_TEXT_NESTING = 4 * MAX_NESTING_DEPTH;

/** yaml's own guard against "billion laughs": an alias may be expanded at most this many times. */
const MAX_ALIAS_COUNT = 1000;

/** `!reset` and `!override` (Compose merge tags) on scalars, mappings and sequences; resolved later. */
const MERGE_TAGS: (ScalarTag | CollectionTag)[] = ['!reset', '!override'].flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value as never },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value as never },
]);

/**
 * `0400` is octal to docker compose and the docker CLI (Go's yaml reads a leading 0 as octal), so
 * file modes such as a secret's `mode: 0440` mean what their authors meant; YAML 1.2 alone would
 * read 440. Only plain scalars of octal digits after a 0; quoted ones stay strings.
 */
const LEGACY_OCTAL: ScalarTag = { identify: (value) => typeof value === 'number', default: true, tag: 'tag:yaml.org,2002:int', test: /^0[0-7]+$/, resolve: (text: string) => parseInt(text, 8) };

export type MergeTag = 'reset' | 'override';

/** A compose file read into yaml's document, which keeps where every node came from. */
export interface ComposeYaml {
  readonly file: string;
  readonly document: Document;
  readonly lineCounter: LineCounter;
}

/** A YAML syntax problem, with offsets into the text. */
export interface YamlProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly severity: 'error' | 'warning';
}

/** Parses without throwing: a document nested too deeply for the parser's recursion becomes an error on the document. */
export function parseComposeYaml(text: string, file: string): ComposeYaml {
  const lineCounter = new LineCounter();
  // yaml's own unique-key check compares each key with all before it (quadratic in a map's size): ours is one Set per map.
  const options = { lineCounter, merge: true, uniqueKeys: false, customTags: (tags: Tags): Tags => [LEGACY_OCTAL, ...tags, ...MERGE_TAGS], prettyErrors: false, logLevel: 'error' } as const;
  if (exceedsNesting(text, MAX_TEXT_NESTING)) {
    return tooDeep(file, options);
  }
  try {
    const document = parseDocument(text, options);
    reportDuplicateKeys(document);
    return { file, document, lineCounter };
  } catch (failure) {
    if (!(failure instanceof RangeError)) {
      throw failure;
    }
    return tooDeep(file, options);
  }
}

/** An empty document that carries the one error. */
function tooDeep(file: string, options: Parameters<typeof parseDocument>[1]): ComposeYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument('', { ...options, lineCounter });
  document.errors.push(new YAMLParseError([0, 1], 'BAD_INDENT', `the file nests too deeply (more than ${MAX_NESTING_DEPTH} levels)`));
  return { file, document, lineCounter };
}

function reportDuplicateKeys(document: Document): void {
  visit(document, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (seen.has(key)) {
            const range = pair.key.range ?? [0, 1];
            document.errors.push(new YAMLParseError([range[0], range[1]], 'DUPLICATE_KEY', `Map keys must be unique: ${key.slice(0, 60)} is there twice`));
          }
          seen.add(key);
        }
      }
    },
  });
}

export function yamlProblems(yaml: ComposeYaml): YamlProblem[] {
  const problems = (list: typeof yaml.document.errors, severity: YamlProblem['severity']): YamlProblem[] =>
    list.map((problem) => ({ message: firstLine(problem.message), start: problem.pos[0], end: Math.max(problem.pos[1], problem.pos[0] + 1), severity }));
  return [...problems(yaml.document.errors, 'error'), ...problems(yaml.document.warnings, 'warning')];
}

function firstLine(message: string): string {
  // yaml turns the stack overflow of a very deep flow collection into a document error of its own.
  if (/Maximum call stack size exceeded/.test(message)) {
    return `the file nests too deeply (more than ${MAX_NESTING_DEPTH} levels)`;
  }
  return message.split('\n', 1)[0] ?? message;
}

/** The file's plain value; throws ComposeFileError on a syntax error or excessive alias expansion. */
export function composeYamlValue(yaml: ComposeYaml): unknown {
  const [error] = yaml.document.errors;
  if (error !== undefined) {
    throw new ComposeFileError(`${describePosition(positionAt(yaml, error.pos[0]))}: ${firstLine(error.message)}`, positionAt(yaml, error.pos[0]));
  }
  let value: unknown;
  try {
    value = yaml.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (failure) {
    const position = positionAt(yaml, 0);
    const reason = failure instanceof RangeError ? `the file nests too deeply (more than ${MAX_NESTING_DEPTH} levels)` : `${(failure as Error).message} (aliases are expanded at most ${MAX_ALIAS_COUNT} times)`;
    throw new ComposeFileError(`${yaml.file}: ${reason}`, position);
  }
  if (nestingDepth(value) > MAX_NESTING_DEPTH) {
    throw new ComposeFileError(`${yaml.file}: the file nests too deeply (more than ${MAX_NESTING_DEPTH} levels)`, positionAt(yaml, 0));
  }
  return value;
}

/** How deep the value nests, counted without recursion (stops counting past the limit). */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; depth: number };
    deepest = Math.max(deepest, top.depth);
    if (deepest > MAX_NESTING_DEPTH) {
      return deepest;
    }
    if (typeof top.value === 'object' && top.value !== null) {
      for (const item of Object.values(top.value)) {
        stack.push({ value: item, depth: top.depth + 1 });
      }
    }
  }
  return deepest;
}

export function positionAt(yaml: ComposeYaml, offset: number): SourcePosition {
  const { line, col } = yaml.lineCounter.linePos(offset);
  return { file: yaml.file, line: Math.max(line, 1), column: Math.max(col, 1) };
}

export function describePosition(position: SourcePosition): string {
  return `${position.file}:${position.line}`;
}

/**
 * The text range of the node at `path` (its key when `key` is set), or of the deepest ancestor
 * that exists (a key that came from a merge key `<<` is found in the mapping it was merged from).
 */
export function rangeOf(yaml: ComposeYaml, path: KeyPath, key = false): { start: number; end: number } {
  let node: unknown = yaml.document.contents;
  let range = rangeOfNode(node) ?? { start: 0, end: 0 };
  for (let index = 0; index < path.length; index++) {
    const last = index === path.length - 1;
    const found = child(yaml.document, node, path[index] as KeyPathSegment, 0);
    if (found === undefined) {
      return range;
    }
    const target = last && key ? found.key : found.value;
    const targetRange = rangeOfNode(target) ?? rangeOfNode(found.key);
    if (targetRange !== undefined) {
      range = targetRange;
    }
    node = found.value;
  }
  return range;
}

export function positionOf(yaml: ComposeYaml, path: KeyPath, key = false): SourcePosition {
  return positionAt(yaml, rangeOf(yaml, path, key).start);
}

function resolve(document: Document, node: unknown): unknown {
  return isAlias(node) ? (node as Alias).resolve(document) : node;
}

/** Merge keys may nest; a few levels are plenty for real files and bound the search. */
const MERGE_DEPTH = 8;

function child(document: Document, parent: unknown, segment: KeyPathSegment, depth: number): { key: unknown; value: unknown } | undefined {
  const node = resolve(document, parent);
  if (isSeq(node) && typeof segment === 'number') {
    const value = node.items[segment];
    return value === undefined ? undefined : { key: value, value: resolve(document, value) };
  }
  if (!isMap(node)) {
    return undefined;
  }
  for (const pair of node.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(segment)) {
      return { key: pair.key, value: resolve(document, pair.value) };
    }
  }
  if (depth >= MERGE_DEPTH) {
    return undefined;
  }
  for (const pair of node.items) {
    if (isPair(pair) && isScalar(pair.key) && (pair.key.value === '<<' || typeof pair.key.value === 'symbol')) {
      const sources = resolve(document, pair.value);
      for (const source of isSeq(sources) ? sources.items : [sources]) {
        const found = child(document, source, segment, depth + 1);
        if (found !== undefined) {
          return found;
        }
      }
    }
  }
  return undefined;
}

function rangeOfNode(node: unknown): { start: number; end: number } | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : { start: range[0], end: Math.max(range[1], range[0]) };
}

/** Where `!reset` / `!override` were written, as paths into the plain value. */
export function mergeTagPaths(yaml: ComposeYaml): { path: KeyPath; tag: MergeTag }[] {
  const found: { path: KeyPath; tag: MergeTag }[] = [];
  visit(yaml.document, {
    Node(_key, node, ancestors) {
      const tag = node.tag === '!reset' ? 'reset' : node.tag === '!override' ? 'override' : undefined;
      if (tag !== undefined) {
        found.push({ path: pathOf(ancestors, node), tag });
      }
    },
  });
  return found;
}

function pathOf(ancestors: readonly unknown[], node: unknown): KeyPath {
  const path: KeyPathSegment[] = [];
  let current: unknown = node;
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const parent = ancestors[index];
    if (isPair(parent)) {
      if (parent.value === current && isScalar(parent.key)) {
        path.unshift(String(parent.key.value));
      }
    } else if (isSeq(parent)) {
      path.unshift(parent.items.indexOf(current as never));
    }
    current = parent;
  }
  return path;
}
