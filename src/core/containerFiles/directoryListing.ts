import * as path from 'node:path';
import { ContainerFileType } from './pathStat';

/** One entry of a folder in a container. */
export interface ContainerDirEntry {
  readonly name: string;
  /** What it is, or for a link what it points to ('other' for a dangling link). */
  readonly type: ContainerFileType;
  readonly link: boolean;
}

/**
 * The script the listing runs in the container: one `<type>/<name>` record per entry, each ended by
 * NUL (names may hold newlines). Only sh builtins are used (cd, test, printf), so busybox, dash
 * and bash all run it. Exit 3: no such folder; 4: not a folder.
 */
export const LIST_SCRIPT = [
  'cd -- "$1" 2>/dev/null || { [ -e "$1" ] && exit 4; exit 3; }',
  'for f in .* *; do',
  '  case "$f" in .|..) continue;; esac',
  '  if [ -L "$f" ]; then if [ -d "$f" ]; then t=L; elif [ -f "$f" ]; then t=l; else t=o; fi',
  '  elif [ -d "$f" ]; then t=d',
  '  elif [ -f "$f" ]; then t=f',
  '  elif [ -e "$f" ]; then t=s',
  '  else continue; fi',
  "  printf '%s/%s\\0' \"$t\" \"$f\"",
  'done',
].join('\n');

const RECORD_TYPES: Readonly<Record<string, { type: ContainerFileType; link: boolean }>> = {
  d: { type: 'directory', link: false },
  f: { type: 'file', link: false },
  s: { type: 'other', link: false },
  L: { type: 'directory', link: true },
  l: { type: 'file', link: true },
  o: { type: 'other', link: true },
};

/** Reads LIST_SCRIPT's output; records it does not know (a stray message) are left out. */
export function parseShellListing(output: Buffer): ContainerDirEntry[] {
  const entries: ContainerDirEntry[] = [];
  let start = 0;
  for (let end = output.indexOf(0, start); end !== -1; end = output.indexOf(0, start)) {
    const record = output.subarray(start, end).toString('utf8');
    start = end + 1;
    const kind = RECORD_TYPES[record.slice(0, 1)];
    const name = record.slice(2);
    if (kind && record[1] === '/' && isPlainName(name)) {
      entries.push({ name, ...kind });
    }
  }
  return sortEntries(entries);
}

/** Folders first, then by name (as the Explorer shows them). */
export function sortEntries(entries: ContainerDirEntry[]): ContainerDirEntry[] {
  return entries.sort((a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A single path component: no separator, not `.` or `..`, no NUL. */
export function isPlainName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0');
}

/**
 * Collects the direct children of a folder from the names of its archive (which is recursive:
 * `etc/`, `etc/passwd`, `etc/ssl/certs/…`). `root` is the archive's first component, as the first
 * entry names it. Returns the child's name, or undefined for the folder itself and deeper entries.
 */
export function directChildName(entryName: string, root: string): string | undefined {
  const parts = entryName.split('/').filter((part) => part !== '' && part !== '.');
  const rootParts = root.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length !== rootParts.length + 1 || rootParts.some((part, i) => parts[i] !== part)) {
    return undefined;
  }
  const name = parts[parts.length - 1] as string;
  return isPlainName(name) ? name : undefined;
}

/** An absolute, normalised container path ('/' for empty); `..` cannot climb above the root. */
export function normalizeContainerPath(raw: string): string {
  return path.posix.normalize(`/${raw}`).replace(/(.)\/+$/, '$1');
}
