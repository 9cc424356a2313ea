import { DEFAULT_UNIX_SOCKET, PODMAN_ROOTFUL_SOCKET } from '../../engine/endpoint';
import { Driver, option, validators } from '../driver';
import { promises as fs } from 'node:fs';

/** An engine on this computer's unix socket (rootless Docker, Podman, colima, …). */
export const localDriver: Driver = {
  name: 'local',
  displayName: 'Local socket',
  description: 'An engine on this computer, reached through its unix socket (Docker, rootless Docker, Podman)',
  fields: [
    { key: 'socketPath', label: 'Socket path', description: `The engine socket (Docker: ${DEFAULT_UNIX_SOCKET}; Podman: ${PODMAN_ROOTFUL_SOCKET}, or $XDG_RUNTIME_DIR/podman/podman.sock rootless)`, type: 'file', default: DEFAULT_UNIX_SOCKET, required: true, validate: validators.absolutePath },
  ],
  operations: new Set(),
  endpoint: (machine) => ({ kind: 'unix', socketPath: option(machine, 'socketPath', DEFAULT_UNIX_SOCKET) }),
  ip: () => undefined,
  sshDetails: () => undefined,
  async preCreateCheck(options) {
    const socketPath = String(options.socketPath ?? DEFAULT_UNIX_SOCKET);
    const stat = await fs.stat(socketPath).catch(() => undefined);
    if (!stat) {
      return [`There is no socket at ${socketPath}`];
    }
    return stat.isSocket() ? [] : [`${socketPath} is not a socket`];
  },
};
