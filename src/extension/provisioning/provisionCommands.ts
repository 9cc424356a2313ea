import * as vscode from 'vscode';
import { FieldValue } from '../../core/machines/driver';
import { engineAddress } from '../../core/machines/drivers/genericDriver';
import { StoredMachine } from '../../core/machines/machineStore';
import { upgradeDockerScript } from '../../core/provision/dockerPackages';
import { dockerServiceScript } from '../../core/provision/daemonConfig';
import { TlsAuthority } from '../../core/provision/certificates';
import { deprovisionHost, probeHost, provisionHost, ProvisionRequest } from '../../core/provision/provisioner';
import { requireRootAccess, runAsRoot } from '../../core/provision/remoteScripts';
import { waitForTlsEngine } from '../../core/provision/tlsEngineCheck';
import { confirm } from '../prompts/confirm';
import { Services } from '../services';
import { extraNamesOf, provisionedOptions, withHostConnection, withoutProvisioned } from './provisioningRun';

/** New Machine with the generic driver: provisions the host, then saves the machine. */
export async function provisionNewMachine(services: Services, name: string, options: Record<string, FieldValue>): Promise<StoredMachine> {
  const authority = await services.tlsAuthority.obtain();
  const { provisioned, address } = await withHostConnection(services, `Provisioning ${name}`, options, async (connection, report, signal) => {
    const found = connection.address.hostName;
    return { provisioned: await provisionHost(connection, request(options, found, connection.address.user, authority), report, signal), address: found };
  });
  const machine = await services.catalog.add(name, 'generic', { ...withoutProvisioned(options), ...provisionedOptions(provisioned, address, String(options.host)) });
  void vscode.window.showInformationMessage(`${name} is provisioned: Docker ${provisioned.dockerVersion} answers over TLS.`);
  return machine;
}

/** Re-provision (and Regenerate Certificates, which insists on a new server certificate). */
export async function reprovisionMachine(services: Services, stored: StoredMachine, renewCertificate: boolean): Promise<boolean> {
  requireProvisioned(services, stored);
  const authority = await services.tlsAuthority.obtain();
  const options = withoutProvisioned(stored.options);
  const title = renewCertificate ? `Regenerating certificates of ${stored.name}` : `Re-provisioning ${stored.name}`;
  const result = await withHostConnection(services, title, options, async (connection, report, signal) => {
    const address = stored.options.engineAddress === undefined ? connection.address.hostName : engineAddress(stored);
    const provisioned = await provisionHost(connection, { ...request(options, address, connection.address.user, authority), renewCertificate }, report, signal);
    return { provisioned, address };
  });
  await services.catalog.update(stored.id, { options: { ...options, ...provisionedOptions(result.provisioned, result.address, String(options.host)) } });
  void vscode.window.showInformationMessage(`${stored.name}: ${result.provisioned.changed ? 'provisioned again' : 'already provisioned, nothing changed'}; Docker ${result.provisioned.dockerVersion} answers over TLS.`);
  return result.provisioned.changed;
}

/** Upgrade Docker: only Docker's own package, from the distribution; then waits for the engine. */
export async function upgradeDocker(services: Services, stored: StoredMachine): Promise<string> {
  requireProvisioned(services, stored);
  const authority = await services.tlsAuthority.obtain();
  const version = await withHostConnection(services, `Upgrading Docker on ${stored.name}`, stored.options, async (connection, report, signal) => {
    const facts = await probeHost(connection, signal);
    requireRootAccess(facts, connection.address.user);
    report('docker', `Upgrading ${facts.dockerVersion ?? 'Docker'} with ${facts.packageManager ?? 'the package manager'}`);
    await runAsRoot(connection, facts, upgradeDockerScript(facts), 'Upgrading Docker', signal);
    await runAsRoot(connection, facts, dockerServiceScript(facts.init, 'restart'), 'Restarting Docker', signal);
    return waitForTlsEngine(engineAddress(stored), Number(stored.options.enginePort ?? 2376), authority, { timeoutMs: 60_000, signal });
  });
  void vscode.window.showInformationMessage(`${stored.name} runs Docker ${version}.`);
  await services.registry.get(stored.id)?.retry();
  return version;
}

export type RemoveMode = 'deprovision' | 'forget';

/** Remove for a provisioned machine: optionally undo the provisioning on the host first. */
export async function removeProvisionedMachine(services: Services, stored: StoredMachine, mode?: RemoveMode): Promise<boolean> {
  const deprovision = 'Deprovision and Remove';
  const forget = 'Only Forget';
  const chosen =
    mode ??
    ({ [deprovision]: 'deprovision', [forget]: 'forget' } as Record<string, RemoveMode | undefined>)[
      (await confirm(
        `Remove ${stored.name}?`,
        'Deprovision restores the host\'s Docker configuration from before provisioning and removes the TLS listener; its images, containers and volumes stay. Only Forget leaves the host as it is.',
        [deprovision, forget],
      )) ?? ''
    ];
  if (!chosen) {
    return false;
  }
  if (chosen === 'deprovision') {
    await withHostConnection(services, `Deprovisioning ${stored.name}`, stored.options, (connection, report, signal) => deprovisionHost(connection, connection.address.user, report, signal));
  }
  await services.catalog.remove(stored.id);
  return true;
}

function request(options: Readonly<Record<string, FieldValue>>, address: string, user: string, authority: TlsAuthority): ProvisionRequest {
  return { address, user, enginePort: Number(options.enginePort ?? 2376), extraNames: extraNamesOf(options), authority };
}

function requireProvisioned(services: Services, stored: StoredMachine): void {
  if (!services.drivers.provisions(stored)) {
    throw new Error(`${stored.name} was not provisioned by Docker Hosts (driver ${stored.driver})`);
  }
}
