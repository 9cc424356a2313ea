import { EngineEndpoint } from './endpoint';
import { PublishedPort } from './resources';

/**
 * Where a published port is reached from this computer: the machine's own address for a remote
 * engine (not always localhost), the bound address when the port is bound to one.
 */
export function publishedUrl(endpoint: EngineEndpoint, port: PublishedPort): string | undefined {
  if (port.hostPort === undefined) {
    return undefined;
  }
  const bound = port.hostIp && port.hostIp !== '0.0.0.0' && port.hostIp !== '::' ? port.hostIp : undefined;
  const machineHost = endpoint.kind === 'tcp' ? endpoint.host : 'localhost';
  const host = bound && !(bound.startsWith('127.') && endpoint.kind === 'tcp') ? bound : machineHost;
  const scheme = port.containerPort === 443 || port.containerPort === 8443 ? 'https' : 'http';
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port.hostPort}/`;
}
