/** One step into a compose document: a mapping key or a sequence index. */
export type KeyPathSegment = string | number;
export type KeyPath = readonly KeyPathSegment[];

/** `services.web.ports[0]`, as messages name a key. */
export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** ajv's `/services/web/ports/0` back into segments (JSON Pointer escapes undone). */
export function keyPathFromPointer(pointer: string): KeyPathSegment[] {
  if (pointer === '') {
    return [];
  }
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}
