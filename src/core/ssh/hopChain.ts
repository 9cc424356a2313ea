import { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { SecretMemory } from './sshAuth';
import { openForward } from './sshChannels';
import { ResolvedSshHost } from './sshConfig';
import { formatSshAddress, SshError } from './sshErrors';
import { openSshClient } from './sshHandshake';
import { ResolvedSshSettings } from './sshSettings';

/**
 * Logs in to the target, through its ProxyJump hosts first when it has any: each next hop is
 * reached over a direct-tcpip channel of the previous one, as `ssh -J` does. Returns every
 * client, the target's last; on failure the ones already open are closed.
 */
export async function connectHops(target: ResolvedSshHost, settings: ResolvedSshSettings, secrets: SecretMemory, signal: AbortSignal): Promise<Client[]> {
  const hops = [...target.jumps, target];
  const opened: Client[] = [];
  try {
    let sock: Duplex | undefined;
    for (const [index, hop] of hops.entries()) {
      const client = await openSshClient({ hop, ...(sock && { sock }), settings, secrets, signal });
      opened.push(client);
      const next = hops[index + 1];
      if (next) {
        sock = await openForward(client, next.hostName, next.port, settings.connectTimeoutMs).catch((error: unknown) => {
          throw new SshError('unreachable', `jump host ${formatSshAddress(hop, false)} could not reach ${formatSshAddress(next, false)}: ${String((error as Error).message ?? error)}`);
        });
      }
    }
    signal.throwIfAborted(); // closed while the last hop was logging in
    return opened;
  } catch (error) {
    for (const client of opened) {
      client.destroy();
    }
    throw error;
  }
}
