import { ContainerInfo, ImageInfo } from './resources';

/**
 * The Machines view's filter, as typed: `name:web`, `image:busybox`, `state:running`, or plain
 * words that match a name, an image or a state. Words are all required; several values of one
 * key are alternatives (`state:running state:paused`). Matching ignores case and looks for parts.
 */
export interface ResourceFilter {
  /** The filter as the user typed it, normalised, for the view's description. */
  readonly text: string;
  readonly name: readonly string[];
  readonly image: readonly string[];
  readonly state: readonly string[];
  readonly words: readonly string[];
}

const KEYS = ['name', 'image', 'state'] as const;
type Key = (typeof KEYS)[number];

/** undefined when the text filters nothing (empty or blank). */
export function parseResourceFilter(text: string): ResourceFilter | undefined {
  const tokens = text.trim().split(/\s+/).filter((token) => token !== '');
  if (tokens.length === 0) {
    return undefined;
  }
  const terms: Record<Key | 'words', string[]> = { name: [], image: [], state: [], words: [] };
  for (const token of tokens) {
    const colon = token.indexOf(':');
    const key = token.slice(0, colon).toLowerCase();
    const value = token.slice(colon + 1).toLowerCase();
    // "busybox:latest" is a word (an image reference), not a key.
    if (colon > 0 && value !== '' && (KEYS as readonly string[]).includes(key)) {
      terms[key as Key].push(value);
    } else {
      terms.words.push(token.toLowerCase());
    }
  }
  return { text: tokens.join(' '), ...terms };
}

export function containerMatches(filter: ResourceFilter, container: ContainerInfo): boolean {
  return matches(filter, { name: container.name, image: container.image, state: container.state });
}

/** An image's name and image are its tag (`<none>` when dangling); images have no state, so `state:` leaves them all shown. */
export function imageMatches(filter: ResourceFilter, image: ImageInfo): boolean {
  const reference = image.tag ?? '<none>';
  return matches({ ...filter, state: [] }, { name: reference, image: reference, id: image.id.replace(/^sha256:/, '') });
}

function matches(filter: ResourceFilter, fields: { name: string; image: string; state?: string; id?: string }): boolean {
  const has = (value: string | undefined, part: string): boolean => value !== undefined && value.toLowerCase().includes(part);
  const anyOf = (values: readonly string[], field: string | undefined): boolean => values.length === 0 || values.some((value) => has(field, value));
  return (
    anyOf(filter.name, fields.name) &&
    anyOf(filter.image, fields.image) &&
    anyOf(filter.state, fields.state) &&
    filter.words.every((word) => has(fields.name, word) || has(fields.image, word) || has(fields.state, word) || (fields.id?.startsWith(word) ?? false))
  );
}
