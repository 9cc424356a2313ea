import * as vscode from 'vscode';
import { certificateDaysLeft, CERTIFICATE_WARNING_DAYS, certificateMismatch } from '../../core/machines/drivers/genericDriver';
import { Services } from '../services';

/**
 * At start: a provisioned machine whose certificate expires within 30 days, or no longer names
 * the address the machine is reached at, gets a warning that offers the fix.
 */
export function warnAboutCertificates(services: Services, now = new Date()): void {
  for (const stored of services.catalog.all.filter((machine) => services.drivers.provisions(machine))) {
    const days = certificateDaysLeft(stored, now);
    const mismatch = certificateMismatch(stored);
    const problem = mismatch ?? (days !== undefined && days <= CERTIFICATE_WARNING_DAYS ? `its TLS certificate ${days < 0 ? 'has expired' : `expires in ${days} days`}` : undefined);
    if (problem) {
      void vscode.window.showWarningMessage(`${stored.name}: ${problem}.`, 'Regenerate Certificates').then(
        (choice) => choice && vscode.commands.executeCommand('dockerHosts.machine.regenerateCertificates', { programmatic: true, machine: stored.id }),
      );
    }
  }
}
