import { EngineEndpoint } from '../../core/engine/endpoint';
import { Machine } from '../../core/machines/machine';

/**
 * The machine as the extension API hands it out: a copy, with certificates and keys held in
 * memory (PEM, from secret storage) left out. File paths stay; they name files the user owns.
 */
export function machineForApi(machine: Machine): Machine {
  const copy = structuredClone(machine);
  return {
    ...copy,
    endpoint: withoutPem(copy.endpoint),
    ...(copy.cliEndpoint && { cliEndpoint: withoutPem(copy.cliEndpoint) }),
  };
}

/** Why the API refuses a machine from another extension: key material belongs in secret storage, not in a call. */
export function keyMaterialIn(machine: Machine): string | undefined {
  const pem = [machine.endpoint, machine.cliEndpoint].some((endpoint) => endpoint?.kind === 'tcp' && (endpoint.tls?.caPem ?? endpoint.tls?.certPem ?? endpoint.tls?.keyPem) !== undefined);
  const sshKey = [machine.endpoint, machine.cliEndpoint].some((endpoint) => endpoint?.kind === 'ssh' && endpoint.privateKey !== undefined);
  if (sshKey) {
    return `${machine.name} carries an SSH private key in memory (privateKey); give its file in identityFiles instead`;
  }
  return pem ? `${machine.name} carries certificates or keys in memory (caPem/certPem/keyPem); give their files as caPath/certPath/keyPath instead` : undefined;
}

function withoutPem(endpoint: EngineEndpoint): EngineEndpoint {
  if (endpoint.kind === 'ssh' && endpoint.privateKey !== undefined) {
    const rest: { privateKey?: string } & EngineEndpoint = { ...endpoint };
    delete rest.privateKey;
    return rest;
  }
  if (endpoint.kind !== 'tcp' || !endpoint.tls) {
    return endpoint;
  }
  const { caPath, certPath, keyPath, verify } = endpoint.tls;
  const files = { ...(caPath !== undefined && { caPath }), ...(certPath !== undefined && { certPath }), ...(keyPath !== undefined && { keyPath }) };
  return { ...endpoint, tls: { ...files, verify } };
}
