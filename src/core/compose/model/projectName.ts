/**
 * As docker compose v2 normalises a project name: lower case, only `a-z 0-9 _ -` kept, and
 * leading `_`/`-` dropped so that it starts with a letter or digit. May return ''.
 */
export function normaliseProjectName(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

/** What docker compose accepts as a project name once normalised. */
export function isValidProjectName(name: string): boolean {
  return /^[a-z0-9][a-z0-9_-]*$/.test(name);
}
