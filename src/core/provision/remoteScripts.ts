import { HostFacts } from './hostFacts';
import { RemoteHost } from './remoteHost';
import { shellQuote } from '../util/shellQuote';

/** A script run as root: directly when the login is root, else through passwordless sudo. */
export function asRoot(facts: Pick<HostFacts, 'root'>, script: string): string {
  return facts.root ? `sh -c ${shellQuote(script)}` : `sudo -n sh -c ${shellQuote(script)}`;
}

/** The same, decided on the host when it runs: for commands sent without a probe first. */
export function asRootAtRunTime(script: string): string {
  return `if [ "$(id -u)" -ne 0 ]; then exec sudo -n sh -c ${shellQuote(script)}; else exec sh -c ${shellQuote(script)}; fi`;
}

/** Refuses early, and plainly, when the login can neither act as root nor use sudo. */
export function requireRootAccess(facts: HostFacts, user: string): void {
  if (!facts.root && !facts.passwordlessSudo) {
    throw new Error(`${user} is not root and cannot use sudo without a password on ${facts.hostname || 'the host'}; allow it (a NOPASSWD line in /etc/sudoers.d) or log in as root, then try again`);
  }
}

/** Runs a root script; a non-zero exit becomes an error that quotes what the host said. */
export async function runAsRoot(host: RemoteHost, facts: HostFacts, script: string, what: string, signal?: AbortSignal): Promise<string> {
  const result = await host.exec(asRoot(facts, script), signal);
  if (result.code !== 0) {
    const said = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-8).join('\n');
    throw new Error(`${what} failed on the host (exit ${result.code})${said ? `: ${said}` : ''}`);
  }
  return result.stdout;
}

/** Reads a file as root; undefined when it does not exist. */
export async function readAsRoot(host: RemoteHost, facts: HostFacts, file: string, signal?: AbortSignal): Promise<string | undefined> {
  const result = await host.exec(asRoot(facts, `if [ -e ${shellQuote(file)} ]; then base64 <${shellQuote(file)}; else exit 3; fi`), signal);
  if (result.code === 3) {
    return undefined;
  }
  if (result.code !== 0) {
    throw new Error(`could not read ${file} on the host: ${result.stderr.trim() || `exit ${result.code}`}`);
  }
  return Buffer.from(result.stdout.replace(/\s+/g, ''), 'base64').toString('utf8');
}
