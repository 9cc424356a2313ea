// The addresses a machine can advertise to the other nodes of a swarm: for a remote machine the
// host the tree reaches it at; for the local engine this computer's own interfaces.
import * as os from 'node:os';
import { EngineEndpoint } from '../../core/engine/endpoint';

export interface AddressCandidate {
  readonly address: string;
  readonly source: string;
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}$/;

export function advertiseCandidates(endpoint: EngineEndpoint, interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): AddressCandidate[] {
  if (endpoint.kind === 'ssh' || endpoint.kind === 'tcp') {
    return [{ address: endpoint.host, source: endpoint.kind === 'ssh' ? 'the SSH host of this machine' : 'the TCP host of this machine' }];
  }
  const found: AddressCandidate[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (!info.internal && info.family === 'IPv4') {
        found.push({ address: info.address, source: `interface ${name}` });
      }
    }
  }
  return found;
}

/** An address or interface name, optionally with :port, as `docker swarm init --advertise-addr` takes it. */
export function validateAdvertiseAddress(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return 'Give an address (e.g. 10.0.0.5) or an interface name (e.g. eth0)';
  const [host, port, ...rest] = text.split(':');
  if (rest.length > 0 || !host || !(IPV4.test(host) || /^[a-zA-Z][\w.-]*$/.test(host))) return 'An IPv4 address or an interface name, optionally with :port';
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return 'The port is a number (2377 by default)';
  return undefined;
}
