import * as path from 'node:path';
import { EngineEndpoint } from '../engine/endpoint';
import { shellQuote } from '../util/shellQuote';

export interface MachineEnvironment {
  /** Variables that point the docker CLI at the machine, for one terminal or one shell. */
  readonly variables: Readonly<Record<string, string>>;
  /** What could not be expressed in variables, said plainly. */
  readonly warnings: readonly string[];
}

/** The environment `docker-machine env` would print, without touching any global config. */
export function machineEnvironment(endpoint: EngineEndpoint): MachineEnvironment {
  switch (endpoint.kind) {
    case 'unix':
      return { variables: { DOCKER_HOST: `unix://${endpoint.socketPath}` }, warnings: [] };
    case 'tcp': {
      const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
      const DOCKER_HOST = `tcp://${host}:${endpoint.port}`;
      if (!endpoint.tls) {
        return { variables: { DOCKER_HOST }, warnings: [] };
      }
      const { caPath, certPath, keyPath, verify } = endpoint.tls;
      const files = [caPath, certPath, keyPath].filter((f): f is string => f !== undefined);
      const directory = files[0] ? path.dirname(files[0]) : undefined;
      // The CLI reads ca.pem, cert.pem and key.pem from one directory: say so when that is not the layout.
      const cliLayout =
        directory !== undefined &&
        [caPath, certPath, keyPath].every((file, i) => file === undefined || file === path.join(directory, ['ca.pem', 'cert.pem', 'key.pem'][i] as string));
      const variables: Record<string, string> = { DOCKER_HOST, ...(verify ? { DOCKER_TLS_VERIFY: '1' } : { DOCKER_TLS: '1' }) };
      if (directory && cliLayout) {
        variables.DOCKER_CERT_PATH = directory;
      }
      const warnings = directory && !cliLayout ? ['The docker CLI expects ca.pem, cert.pem and key.pem in one directory; copy the files there and set DOCKER_CERT_PATH to it.'] : [];
      if (endpoint.tls.keyPem !== undefined) {
        warnings.push("This machine's client key lives only in the editor's secret storage, so the docker CLI cannot use it.");
      }
      return { variables, warnings };
    }
    case 'ssh': {
      const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
      const user = endpoint.user ? `${endpoint.user}@` : '';
      const port = endpoint.port ? `:${endpoint.port}` : '';
      const warnings = endpoint.remoteSocketPath !== '/var/run/docker.sock' ? [`The docker CLI's ssh:// uses the host's default socket, not ${endpoint.remoteSocketPath}.`] : [];
      return { variables: { DOCKER_HOST: `ssh://${user}${host}${port}` }, warnings };
    }
    case 'unsupported':
      return { variables: {}, warnings: [endpoint.reason] };
  }
}

/** `export NAME='value'` lines, quoted for POSIX shells. */
export function toShellExports(variables: Readonly<Record<string, string>>): string {
  return Object.entries(variables)
    .map(([name, value]) => `export ${name}=${shellQuote(value)}`)
    .join('\n');
}
