import { validateCertificateName } from '../../provision/certificates';
import { dockerServiceScript } from '../../provision/daemonConfig';
import { InitSystem } from '../../provision/hostFacts';
import { provisionedEndpoint } from '../../provision/tlsEngineCheck';
import { asRootAtRunTime } from '../../provision/remoteScripts';
import { Driver, option, validators } from '../driver';
import { StoredMachine } from '../machineStore';
import { sshDriver, sshTrustNote } from './sshDriver';

/** Option keys provisioning writes (not asked in the wizard). */
export const PROVISIONED = {
  engineAddress: 'engineAddress',
  initSystem: 'initSystem',
  certificateExpires: 'certificateExpires',
  certificateNames: 'certificateNames',
} as const;

const INIT_SYSTEMS: readonly string[] = ['systemd', 'openrc', 'sysvinit', 'none'] satisfies readonly InitSystem[];

/** Comma- or space-separated names, as typed. */
export function splitNames(value: string): string[] {
  return value.split(/[\s,]+/).filter((name) => name !== '');
}

function validateNames(value: string): string | undefined {
  return splitNames(value).map(validateCertificateName).find((problem) => problem !== undefined);
}

/**
 * Docker Machine's `generic` driver, done carefully: any Linux host reachable over SSH is set up
 * (keeping its Docker) to serve the Engine API over mutual TLS, and then used like a TLS machine;
 * the SSH details stay for managing the Docker service and for terminals.
 */
export const genericDriver: Driver = {
  name: 'generic',
  displayName: 'Generic (provision over SSH)',
  description: 'Sets up Docker with TLS on any Linux host you can SSH into; keeps its existing Docker, images and data',
  fields: [
    ...sshDriver.fields.filter((field) => field.key !== 'remoteSocketPath'),
    { key: 'enginePort', label: 'Engine port', description: 'TCP port the engine will listen on with TLS', type: 'number', default: 2376, validate: validators.port },
    { key: 'extraNames', label: 'Extra certificate names', description: 'Other names or addresses the engine is reached by, comma-separated (optional)', type: 'string', validate: validateNames },
  ],
  operations: new Set(['start', 'stop', 'restart', 'ssh']),
  provisions: true,
  endpoint(machine, context) {
    const authority = context.tlsAuthority?.();
    if (!authority) {
      throw new Error("This computer's client certificate for provisioned machines is not in the editor's secret storage (another computer, or storage was cleared); run Re-provision to issue new certificates");
    }
    return provisionedEndpoint(engineAddress(machine), Number(option(machine, 'enginePort', 2376)), authority);
  },
  ip: (machine) => engineAddress(machine),
  sshDetails: (machine) => sshDriver.sshDetails(machine),
  // The client key stays in secret storage, so terminals reach the engine the docker CLI's SSH way.
  cliEndpoint: (machine, context) => sshDriver.endpoint(machine, context),
  serviceCommand(machine, action) {
    // Root directly, or through passwordless sudo (provisioning checked it was there).
    return asRootAtRunTime(dockerServiceScript(option(machine, PROVISIONED.initSystem, 'none') as InitSystem, action));
  },
  remarks(machine, now) {
    const expires = new Date(String(option(machine, PROVISIONED.certificateExpires, '')));
    const mismatch = certificateMismatch(machine);
    const days = certificateDaysLeft(machine, now);
    return [
      ...(days === undefined ? [] : [`TLS certificate ${days < 0 ? 'expired' : 'expires'} ${expires.toISOString().slice(0, 10)}${days < 0 ? '' : ` (in ${days} days)`}${days <= CERTIFICATE_WARNING_DAYS ? ' — run Regenerate Certificates' : ''}`]),
      ...(mismatch ? [`Certificate mismatch: ${mismatch} — run Regenerate Certificates`] : []),
    ];
  },
  validateOptions(options) {
    const address = options[PROVISIONED.engineAddress];
    const initSystem = options[PROVISIONED.initSystem];
    const names = options[PROVISIONED.certificateNames];
    return [
      ...(address === undefined ? [] : [typeof address === 'string' ? validators.host(address) : 'is not text'].map((p) => p && `Engine address: ${p}`)),
      ...(initSystem === undefined || (typeof initSystem === 'string' && INIT_SYSTEMS.includes(initSystem)) ? [] : [`Init system: not one of ${INIT_SYSTEMS.join(', ')}`]),
      ...(names === undefined ? [] : [typeof names === 'string' ? validateNames(names) : 'is not text'].map((p) => p && `Certificate names: ${p}`)),
      ...(options[PROVISIONED.certificateExpires] === undefined || typeof options[PROVISIONED.certificateExpires] === 'string' ? [] : ['Certificate expiry: is not text']),
    ].filter((problem): problem is string => problem !== undefined);
  },
  // Its client key is in this editor's secret storage; a copy elsewhere could not connect, and
  // provisioning the host again from another computer would replace this computer's CA on it.
  exportRefusal: (machine) => `${machine.name} was provisioned from this computer and its client key stays here; on another computer, reach the host as an SSH machine instead`,
  trustNotes: (options) => [`${sshTrustNote(options)}; provisioning sets up Docker there as root`],
  preCreateCheck: async () => [],
};

/** Whole days until the engine's certificate expires (negative once it has), or undefined when unknown. */
export function certificateDaysLeft(machine: StoredMachine, now: Date): number | undefined {
  const days = Math.floor((new Date(String(option(machine, PROVISIONED.certificateExpires, ''))).getTime() - now.getTime()) / 86_400_000);
  return Number.isNaN(days) ? undefined : days;
}

/** Certificates are renewed (and the user warned) this many days before they expire. */
export const CERTIFICATE_WARNING_DAYS = 30;

/**
 * Reboots the host. Detached and delayed, so the SSH command returns (and says whether sudo
 * worked) before the connection goes down with the host.
 */
export function restartHostCommand(): string {
  return asRootAtRunTime('nohup sh -c "sleep 2; systemctl reboot || shutdown -r now || reboot" >/dev/null 2>&1 </dev/null &');
}

/** Where the engine listens: the address found when provisioning, else the SSH host. */
export function engineAddress(machine: StoredMachine): string {
  return String(option(machine, PROVISIONED.engineAddress, option(machine, 'host', '')));
}

/** A reason the engine's certificate does not fit the address the machine is reached at, or undefined. */
export function certificateMismatch(machine: StoredMachine): string | undefined {
  const names = splitNames(String(option(machine, PROVISIONED.certificateNames, '')));
  const address = engineAddress(machine);
  if (names.length === 0 || names.some((name) => name.toLowerCase() === address.toLowerCase())) {
    return undefined;
  }
  return `the engine's certificate names ${names.join(', ')} but the machine is reached at ${address}`;
}
