import * as vscode from 'vscode';
import { Driver, FieldValue } from '../../../core/machines/driver';
import { DriverRegistry } from '../../../core/machines/driverRegistry';
import { certificateMismatch } from '../../../core/machines/drivers/genericDriver';
import { StoredMachine } from '../../../core/machines/machineStore';
import { provisionNewMachine, reprovisionMachine } from '../../provisioning/provisionCommands';
import { recordedByProvisioning } from '../../provisioning/provisioningRun';
import { Services } from '../../services';
import { askMachineEdit, askNewMachine, SettingsVerdict } from './machineWizard';

/** Arguments that skip the UI: for scripts, keybindings and tests. */
export interface NewMachineArguments {
  readonly name: string;
  readonly driver: string;
  readonly options: Record<string, FieldValue>;
  /** Connect before saving and refuse when the engine does not answer (default true). */
  readonly testConnection?: boolean;
}

export type WizardDependencies = Services;

/** New Machine…: driver, then its fields (validated as typed), a name, a connection test, save. */
export async function newMachine(deps: WizardDependencies, args?: NewMachineArguments): Promise<string | undefined> {
  if (args) {
    const driver = requireDriver(deps.drivers, args.driver);
    if (driver.lifecycle) {
      await check(deps, driver, args.options, false, args.name);
      return (await createRunMachine(deps, driver, args.name, args.options)).id;
    }
    if (driver.provisions) {
      await check(deps, driver, args.options, false, args.name);
      return (await provisionNewMachine(deps, args.name, args.options)).id;
    }
    await check(deps, driver, args.options, args.testConnection ?? true, args.name);
    return (await deps.catalog.add(args.name, args.driver, args.options)).id;
  }
  const answers = await askNewMachine(deps.drivers, deps.catalog, (driver, options, name) => verdictOf(deps, driver, options, name));
  if (!answers) {
    return undefined;
  }
  if (answers.driver.lifecycle) {
    return (await createRunMachine(deps, answers.driver, answers.name, answers.options)).id;
  }
  if (answers.driver.provisions) {
    return (await provisionNewMachine(deps, answers.name, answers.options)).id;
  }
  const machine = await deps.catalog.add(answers.name, answers.driver.name, answers.options);
  void vscode.window.showInformationMessage(`Added machine ${machine.name}.`);
  return machine.id;
}

/** Arguments that skip the UI: the new field values (for scripts and tests). */
export interface EditMachineArguments {
  readonly options: Record<string, FieldValue>;
  /** Provisioned machines: regenerate certificates when the new address needs it, without asking. */
  readonly regenerateCertificates?: boolean;
}

/** Edit: the same steps as New Machine, prefilled with the machine's values. */
export async function editMachine(deps: WizardDependencies, machine: StoredMachine, args?: EditMachineArguments): Promise<void> {
  const driver = requireDriver(deps.drivers, machine.driver);
  if (driver.lifecycle) {
    // What create recorded (ports, keys' public halves) stays; the rest applies at the next start.
    const fields = args?.options ?? (await askMachineEdit(driver, machine.name, machine.options, undefined));
    if (fields) {
      await deps.catalog.update(machine.id, { options: { ...machine.options, ...fields } });
      void vscode.window.showInformationMessage(`${machine.name}: the new settings apply the next time it starts.`);
    }
    return;
  }
  if (!args) {
    // The connection test is the wizard's last step; provisioned machines are checked against their certificate instead.
    const check = driver.provisions ? undefined : (d: Driver, options: Record<string, FieldValue>): Promise<SettingsVerdict> => connectionVerdict(deps, d, options, machine.name);
    const options = await askMachineEdit(driver, machine.name, machine.options, check);
    if (!options) {
      return;
    }
    await (driver.provisions ? editProvisioned(deps, machine, options, undefined) : deps.catalog.update(machine.id, { options }));
    return;
  }
  if (driver.provisions) {
    await editProvisioned(deps, machine, args.options, args.regenerateCertificates);
    return;
  }
  const failure = await testConnection(deps, driver, args.options, machine.name);
  if (failure) {
    throw new Error(`Could not connect to ${machine.name}: ${failure}`);
  }
  await deps.catalog.update(machine.id, { options: args.options });
}

/** What provisioning recorded stays (it names the certificate); a new address is checked against it. */
async function editProvisioned(deps: WizardDependencies, machine: StoredMachine, fields: Record<string, FieldValue>, regenerate: boolean | undefined): Promise<void> {
  const hostChanged = fields.host !== machine.options.host;
  const updated = await deps.catalog.update(machine.id, { options: { ...recordedByProvisioning(machine.options, hostChanged), ...fields } });
  const mismatch = certificateMismatch(updated);
  if (!mismatch) {
    return;
  }
  deps.log.warn(`${machine.name}: ${mismatch}`);
  const fix = regenerate ?? (await vscode.window.showWarningMessage(`${machine.name}: ${mismatch}.`, 'Regenerate Certificates')) === 'Regenerate Certificates';
  if (fix) {
    await reprovisionMachine(deps, updated, true);
  }
}

async function check(deps: WizardDependencies, driver: Driver, options: Record<string, FieldValue>, connect: boolean, name: string): Promise<void> {
  for (const field of driver.fields) {
    const value = options[field.key];
    const problem = value === undefined ? (field.required && field.default === undefined ? `${field.label} is required` : undefined) : field.validate?.(String(value));
    if (problem) {
      throw new Error(`${field.label}: ${problem}`);
    }
  }
  const problems = await driver.preCreateCheck(options, deps.catalog.context);
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
  const failure = connect ? await testConnection(deps, driver, options, name) : undefined;
  if (failure) {
    throw new Error(`Could not connect to ${name}: ${failure}`);
  }
}

/** The wizard's last step: pre-create problems forbid saving; a failed connection may be saved anyway. Provisioning connects later. */
async function verdictOf(deps: WizardDependencies, driver: Driver, options: Record<string, FieldValue>, name: string): Promise<SettingsVerdict> {
  const problems = await driver.preCreateCheck(options, deps.catalog.context);
  if (problems.length > 0) {
    return { ok: false, reason: `${name} cannot be added: ${problems.join('; ')}`, canSaveAnyway: false };
  }
  // Provisioning and machines the extension makes (VMs) connect once they exist.
  return driver.provisions || driver.lifecycle ? { ok: true } : connectionVerdict(deps, driver, options, name);
}

/** A machine the extension makes and runs (a local VM): created, saved, and said so. */
async function createRunMachine(deps: WizardDependencies, driver: Driver, name: string, options: Record<string, FieldValue>): Promise<StoredMachine> {
  const machine = await deps.lifecycles.create(driver, name, options);
  void vscode.window.showInformationMessage(`${machine.name} is running; its engine answers over SSH.`);
  return machine;
}

async function connectionVerdict(deps: WizardDependencies, driver: Driver, options: Record<string, FieldValue>, name: string): Promise<SettingsVerdict> {
  const failure = await testConnection(deps, driver, options, name);
  return failure ? { ok: false, reason: `Could not connect to ${name}: ${failure}`, canSaveAnyway: true } : { ok: true };
}

/** Connects once with a throw-away session; returns the reason it failed, or undefined. */
async function testConnection(deps: WizardDependencies, driver: Driver, options: Record<string, FieldValue>, name: string): Promise<string | undefined> {
  const machine = deps.catalog.toMachine({ id: `probe-${Date.now()}`, name, driver: driver.name, options });
  const session = deps.registry.newSession(machine);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Connecting to ${name}…` }, () => session.connect());
    return session.state === 'running' ? undefined : (session.error ?? 'no answer');
  } finally {
    session.dispose();
  }
}

function requireDriver(drivers: DriverRegistry, name: string): Driver {
  const driver = drivers.get(name);
  if (!driver) {
    throw new Error(`Unknown driver "${name}" (installed: ${drivers.all.map((d) => d.name).join(', ')})`);
  }
  return driver;
}
