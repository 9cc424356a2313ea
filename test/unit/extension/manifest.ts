import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../projectFiles';

export interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

export interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string; readonly title: string }[];
    readonly menus: Readonly<Record<string, readonly MenuEntry[]>>;
    readonly keybindings?: readonly { readonly command: string }[];
  };
}

/** The extension's package.json. */
export function readManifest(): Manifest {
  return JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as Manifest;
}
