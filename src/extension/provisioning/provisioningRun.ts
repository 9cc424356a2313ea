import * as vscode from 'vscode';
import { FieldValue } from '../../core/machines/driver';
import { PROVISIONED, splitNames } from '../../core/machines/drivers/genericDriver';
import { sshDriver } from '../../core/machines/drivers/sshDriver';
import { StoredMachine } from '../../core/machines/machineStore';
import { ProgressReport, ProvisionResult } from '../../core/provision/provisioner';
import { SshConnection } from '../../core/ssh/sshConnection';
import { Services } from '../services';

/**
 * Long host work (provisioning, upgrades): a cancellable notification that shows each step, the
 * same steps in the log, and an SSH connection made from the machine's details for the duration.
 */
export async function withHostConnection<T>(
  services: Services,
  title: string,
  options: Readonly<Record<string, FieldValue>>,
  work: (connection: SshConnection, report: ProgressReport, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const probe: StoredMachine = { id: 'provisioning', name: title, driver: 'ssh', options };
  const endpoint = sshDriver.endpoint(probe, services.catalog.context);
  if (endpoint.kind !== 'ssh') {
    throw new Error('provisioning needs SSH details');
  }
  const connection = new SshConnection(endpoint, services.sshSettings());
  services.log.info(`${title}: ${endpoint.user ? `${endpoint.user}@` : ''}${endpoint.host}`);
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort(new Error(`${title} was cancelled`)));
      const report: ProgressReport = (step, message) => {
        services.log.info(`${title} [${step}] ${message}`);
        progress.report({ message });
      };
      await connection.connect(controller.signal);
      return work(connection, report, controller.signal);
    });
  } catch (error) {
    services.log.error(`${title} failed: ${(error as Error).message}`);
    throw error;
  } finally {
    connection.dispose();
  }
}

/** The options provisioning adds to a machine: what it found and the certificate it installed. */
export function provisionedOptions(result: ProvisionResult, address: string, sshHost: string): Record<string, FieldValue> {
  return {
    ...(address !== sshHost && { [PROVISIONED.engineAddress]: address }),
    [PROVISIONED.initSystem]: result.facts.init,
    [PROVISIONED.certificateExpires]: result.certificate.notAfter.toISOString(),
    [PROVISIONED.certificateNames]: result.certificate.names.join(', '),
  };
}

const RECORDED: ReadonlySet<string> = new Set(Object.values(PROVISIONED));

/** Driver fields, without what an earlier provisioning recorded (it is found again). */
export function withoutProvisioned(options: Readonly<Record<string, FieldValue>>): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !RECORDED.has(key)));
}

/** Only what provisioning recorded; the engine address too unless the host changed (it follows the host then). */
export function recordedByProvisioning(options: Readonly<Record<string, FieldValue>>, hostChanged: boolean): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => RECORDED.has(key) && !(hostChanged && key === PROVISIONED.engineAddress)));
}

export function extraNamesOf(options: Readonly<Record<string, FieldValue>>): string[] {
  return splitNames(String(options.extraNames ?? ''));
}
