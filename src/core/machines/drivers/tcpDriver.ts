import { existsSync } from 'node:fs';
import { Driver, option, validators } from '../driver';

/** An engine listening on TCP, plain or with TLS (CA, client certificate and key files). */
export const tcpDriver: Driver = {
  name: 'tcp',
  displayName: 'TCP (with TLS)',
  description: 'An engine reached over tcp://, verified with TLS certificates',
  fields: [
    { key: 'host', label: 'Host', description: 'Host name or address of the engine', type: 'string', required: true, validate: validators.host },
    { key: 'port', label: 'Port', description: '2376 is the usual TLS port, 2375 the plain one', type: 'number', default: 2376, validate: validators.port },
    { key: 'tls', label: 'Use TLS', description: 'Encrypt and authenticate with certificates (strongly recommended)', type: 'boolean', default: true },
    { key: 'caPath', label: 'CA certificate', description: 'ca.pem: the authority that signed the engine certificate', type: 'file', when: (v) => v.tls !== false, validate: validators.absolutePath },
    { key: 'certPath', label: 'Client certificate', description: 'cert.pem', type: 'file', when: (v) => v.tls !== false, validate: validators.absolutePath },
    { key: 'keyPath', label: 'Client key', description: 'key.pem', type: 'file', when: (v) => v.tls !== false, validate: validators.absolutePath },
    {
      key: 'skipVerify',
      label: 'Skip certificate verification',
      description: 'Only for a lab machine whose certificate you cannot fix: anyone in between could impersonate the engine',
      type: 'boolean',
      default: false,
      when: (v) => v.tls !== false,
    },
  ],
  operations: new Set(),
  endpoint(machine, context) {
    const host = option(machine, 'host', '');
    const port = Number(option(machine, 'port', 2376));
    if (!option(machine, 'tls', true)) {
      return { kind: 'tcp', host, port };
    }
    const file = (key: string): string | undefined => {
      const value = option(machine, key, '');
      return value === '' ? undefined : context.resolvePath(String(value));
    };
    const [caPath, certPath, keyPath] = [file('caPath'), file('certPath'), file('keyPath')];
    const tls = { verify: !option(machine, 'skipVerify', false), ...(caPath && { caPath }), ...(certPath && { certPath }), ...(keyPath && { keyPath }) };
    return { kind: 'tcp', host, port, tls };
  },
  ip: (machine) => String(option(machine, 'host', '')),
  sshDetails: () => undefined,
  async preCreateCheck(options, context) {
    if (options.tls === false) {
      return [];
    }
    return ['caPath', 'certPath', 'keyPath']
      .map((key) => options[key])
      .filter((value): value is string => typeof value === 'string' && value !== '')
      .filter((value) => !existsSync(context.resolvePath(value)))
      .map((value) => `File not found: ${value}`);
  },
};
