import { EngineEndpoint } from '../../engine/endpoint';
import { FieldValue } from '../driver';

/** Which driver and options reach an endpoint; undefined for endpoints no driver handles. */
export function endpointToMachineOptions(endpoint: EngineEndpoint): { driver: string; options: Record<string, FieldValue> } | undefined {
  switch (endpoint.kind) {
    case 'unix':
      return { driver: 'local', options: { socketPath: endpoint.socketPath } };
    case 'tcp':
      return {
        driver: 'tcp',
        options: {
          host: endpoint.host,
          port: endpoint.port,
          tls: endpoint.tls !== undefined,
          ...(endpoint.tls && !endpoint.tls.verify ? { skipVerify: true } : {}),
        },
      };
    case 'ssh':
      return {
        driver: 'ssh',
        options: {
          host: endpoint.host,
          ...(endpoint.user ? { user: endpoint.user } : {}),
          ...(endpoint.port ? { port: endpoint.port } : {}),
          remoteSocketPath: endpoint.remoteSocketPath,
        },
      };
    case 'unsupported':
      return undefined;
  }
}
