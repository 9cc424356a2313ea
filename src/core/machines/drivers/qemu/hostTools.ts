import { execFile } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The programs a QEMU machine needs on this computer. */
export const QEMU_TOOLS = ['qemu-system-x86_64', 'qemu-img', 'cloud-localds'] as const;

export const INSTALL_HINT = 'sudo apt-get install qemu-system-x86 qemu-utils cloud-image-utils';

/** Where `name` is on PATH (an executable file), or undefined. */
export async function findTool(name: string, searchPath = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter).filter((d) => d !== '')) {
    const candidate = path.join(dir, name);
    try {
      const stat = await fs.stat(candidate);
      if (stat.isFile()) {
        await fs.access(candidate, constants.X_OK);
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

/** One message naming the tools that are missing and how to install them, or undefined when all are there. */
export async function missingToolsProblem(searchPath?: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (const tool of QEMU_TOOLS) {
    if ((await findTool(tool, searchPath)) === undefined) missing.push(tool);
  }
  return missing.length === 0 ? undefined : `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed; on Debian or Ubuntu: ${INSTALL_HINT}`;
}

export interface ToolRun {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program without a shell, bounded by `timeoutMs` and `signal`; a non-zero exit rejects
 * with the program's own words (the last lines of stderr).
 */
export function runTool(file: string, args: readonly string[], options: { readonly timeoutMs: number; readonly signal?: AbortSignal }): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, ...(options.signal && { signal: options.signal }) }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ stdout, stderr });
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        reject(new Error(`${file} is not installed; on Debian or Ubuntu: ${INSTALL_HINT}`));
      } else if (error.name === 'AbortError') {
        reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
      } else if ((error as { killed?: boolean }).killed) {
        reject(new Error(`${path.basename(file)} did not finish within ${Math.round(options.timeoutMs / 1000)} s`));
      } else {
        const said = stderr.trim().split('\n').slice(-3).join(' ').trim();
        reject(new Error(`${path.basename(file)} failed${said !== '' ? `: ${said}` : ` (exit ${String(code)})`}`));
      }
    });
  });
}
