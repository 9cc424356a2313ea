import { DEFAULT_UNIX_SOCKET, PODMAN_ROOTFUL_SOCKET } from '../../engine/endpoint';
import { Driver, FieldValue, option, validators } from '../driver';

/**
 * A host that already runs Docker, reached over SSH: ~/.ssh/config names work as the host, and
 * every request travels on one shared connection to the remote engine socket.
 */
export const sshDriver: Driver = {
  name: 'ssh',
  displayName: 'SSH',
  description: 'A host with Docker or Podman, reached over SSH (one shared connection; ~/.ssh/config honoured)',
  fields: [
    { key: 'host', label: 'Host', description: 'Address, host name, or a Host alias of ~/.ssh/config', type: 'string', required: true, validate: validators.host },
    { key: 'user', label: 'User', description: 'Login name (empty: from ~/.ssh/config, else your local user)', type: 'string', validate: validators.user },
    { key: 'port', label: 'Port', description: 'SSH port (empty: from ~/.ssh/config, else 22)', type: 'number', validate: validators.port },
    { key: 'identityFile', label: 'Key file', description: 'Private key (empty: ssh-agent and the keys ~/.ssh/config names)', type: 'file', validate: validators.absolutePath },
    { key: 'remoteSocketPath', label: 'Engine socket on the host', description: `Where the engine listens on that host (Docker: ${DEFAULT_UNIX_SOCKET}; Podman: ${PODMAN_ROOTFUL_SOCKET}, served by \`podman system service\` or podman.socket)`, type: 'string', default: DEFAULT_UNIX_SOCKET, validate: validators.absolutePath },
  ],
  operations: new Set(['start', 'stop', 'restart', 'ssh']),
  endpoint(machine, context) {
    const port = option(machine, 'port', 0);
    const user = option(machine, 'user', '');
    const identityFile = option(machine, 'identityFile', '');
    return {
      kind: 'ssh',
      host: String(option(machine, 'host', '')),
      ...(Number(port) > 0 ? { port: Number(port) } : {}),
      ...(user !== '' ? { user: String(user) } : {}),
      ...(identityFile !== '' ? { identityFiles: [context.resolvePath(String(identityFile))] } : {}),
      remoteSocketPath: String(option(machine, 'remoteSocketPath', DEFAULT_UNIX_SOCKET)),
    };
  },
  ip: (machine) => String(option(machine, 'host', '')),
  sshDetails(machine) {
    const port = Number(option(machine, 'port', 0));
    const user = option(machine, 'user', '');
    const identityFile = option(machine, 'identityFile', '');
    return {
      host: String(option(machine, 'host', '')),
      port: port > 0 ? port : 22,
      ...(user !== '' ? { user: String(user) } : {}),
      ...(identityFile !== '' ? { identityFile: String(identityFile) } : {}),
    };
  },
  // The engine's own service: Podman's API is podman.socket (socket-activated), not docker.
  serviceCommand: (machine, action) => (isPodmanSocket(String(option(machine, 'remoteSocketPath', DEFAULT_UNIX_SOCKET))) ? podmanServiceCommand(action) : dockerServiceCommand(action)),
  trustNotes: (options) => [sshTrustNote(options)],
  preCreateCheck: async () => [],
};

/** Drivers with an SSH side run commands on the host as the user logs in. */
export function sshTrustNote(options: Readonly<Record<string, FieldValue>>): string {
  const user = options.user !== undefined && options.user !== '' ? `${String(options.user)}@` : '';
  return `Runs commands on ${user}${String(options.host)} over SSH (Docker service, terminals)`;
}

/** A socket path Podman serves (/run/podman/podman.sock, /run/user/1000/podman/podman.sock). */
export function isPodmanSocket(socketPath: string): boolean {
  return /(^|\/)podman(\/|\.sock$)/.test(socketPath);
}

/** Podman's API service through systemd (podman.socket starts podman.service on the first request). */
export function podmanServiceCommand(action: 'start' | 'stop' | 'restart'): string {
  const sudo = 'if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; else SUDO=""; fi';
  const units = action === 'start' ? 'podman.socket' : 'podman.socket podman.service';
  return `${sudo}; if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then $SUDO systemctl ${action} ${units}; else echo "Podman's API service is run by systemd (podman.socket) and this host has none: start 'podman system service' yourself" >&2; exit 127; fi`;
}

/** The Docker service, the way the host manages it: systemd, then SysV/OpenRC `service`. */
export function dockerServiceCommand(action: 'start' | 'stop' | 'restart'): string {
  const sudo = 'if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; else SUDO=""; fi';
  return `${sudo}; if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then $SUDO systemctl ${action} docker; elif command -v service >/dev/null 2>&1; then $SUDO service docker ${action}; elif command -v rc-service >/dev/null 2>&1; then $SUDO rc-service docker ${action}; else echo "no service manager found for docker on this host" >&2; exit 127; fi`;
}
