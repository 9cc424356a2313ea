import { DEFAULT_UNIX_SOCKET, SshEndpoint } from '../../../engine/endpoint';
import { VM_USER } from './cloudInitSeed';

/** The VM's engine: its socket, through SSH on the forwarded local port, with the machine's key and pinned host key. */
export function vmEndpoint(sshPort: number, hostKey: string, privateKey: string): SshEndpoint {
  return {
    kind: 'ssh',
    host: '127.0.0.1',
    port: sshPort,
    user: VM_USER,
    remoteSocketPath: DEFAULT_UNIX_SOCKET,
    privateKey,
    pinnedHostKeys: [hostKey],
  };
}

/** "type base64" of an OpenSSH public key line (its comment dropped). */
export function publicKeyOnly(line: string): string {
  return line.trim().split(/\s+/).slice(0, 2).join(' ');
}

/** A known_hosts line for the VM, for an `ssh` terminal: `[127.0.0.1]:<port> ssh-ed25519 AAAA…`. */
export function knownHostsLine(sshPort: number, hostKey: string): string {
  return `[127.0.0.1]:${sshPort} ${publicKeyOnly(hostKey)}`;
}
