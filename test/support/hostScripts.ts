// Running the scripts that keep the test hosts (scripts/test-hosts.sh, provision-host.sh,
// bare-host.sh), and commands inside those hosts, from tests.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The project folder: the first one above this file that has scripts/<script>. */
export function projectScript(script: string): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'scripts', script);
    if (existsSync(file)) {
      return file;
    }
  }
  throw new Error(`scripts/${script} not found above ${__dirname}`);
}

/** Runs a program; resolves with its exit code and output, rejects only when it could not run. */
export function runCommand(file: string, args: readonly string[], timeout: number, env?: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      if (typeof code !== 'number') {
        reject(new Error(`${file} ${args.join(' ')} failed: ${String(error)}\n${stderr}`));
        return;
      }
      resolve({ code, stdout, stderr });
    });
  });
}

/** `bash scripts/<script> <command>`; rejects with the script's output when it fails. */
export async function runHostScript(script: string, command: string, timeout: number): Promise<void> {
  const result = await runCommand('bash', [projectScript(script), command], timeout);
  if (result.code !== 0) {
    throw new Error(`scripts/${script} ${command} failed (exit ${result.code}):\n${result.stderr}${result.stdout}`);
  }
}
