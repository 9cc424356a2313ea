import { readSmallRegularFile } from '../../util/boundedFile';
import { Driver, FieldValue, option, validators } from '../driver';

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
    const tls = { verify: !skipsVerification(machine.options), ...(caPath && { caPath }), ...(certPath && { certPath }), ...(keyPath && { keyPath }) };
    return { kind: 'tcp', host, port, tls };
  },
  ip: (machine) => String(option(machine, 'host', '')),
  sshDetails: () => undefined,
  trustNotes(options) {
    const where = `${String(options.host)}:${String(options.port ?? 2376)}`;
    if (options.tls === false) {
      return [`TLS off: anyone on the network path to ${where} can read the traffic and use the engine (root on that host)`];
    }
    return skipsVerification(options) ? [`Certificate not verified: anyone in between could impersonate the engine at ${where}`] : [];
  },
  async preCreateCheck(options, context) {
    if (options.tls === false) {
      return [];
    }
    const files = ['caPath', 'certPath', 'keyPath']
      .map((key) => options[key])
      .filter((value): value is string => typeof value === 'string' && value !== '');
    const problems = await Promise.all(
      files.map((value) =>
        readSmallRegularFile(context.resolvePath(value)).then(
          () => undefined,
          (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? `File not found: ${value}` : error.message),
        ),
      ),
    );
    return problems.filter((problem): problem is string => problem !== undefined);
  },
};

/** Only an explicit boolean `true` turns verification off; "false", 1 or anything else keeps it. */
function skipsVerification(options: Readonly<Record<string, FieldValue>>): boolean {
  return options.skipVerify === true;
}
