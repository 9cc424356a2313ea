import * as vscode from 'vscode';
import { Driver, DriverField, FieldValue } from '../../../core/machines/driver';
import { DriverRegistry } from '../../../core/machines/driverRegistry';
import { certificateMismatch } from '../../../core/machines/drivers/genericDriver';
import { MachineCatalog } from '../../../core/machines/machineCatalog';
import { StoredMachine } from '../../../core/machines/machineStore';
import { provisionNewMachine, reprovisionMachine } from '../../provisioning/provisionCommands';
import { recordedByProvisioning } from '../../provisioning/provisioningRun';
import { Services } from '../../services';

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
    if (driver.provisions) {
      await check(deps, driver, args.options, false, args.name);
      return (await provisionNewMachine(deps, args.name, args.options)).id;
    }
    await check(deps, driver, args.options, args.testConnection ?? true, args.name);
    return (await deps.catalog.add(args.name, args.driver, args.options)).id;
  }
  const driver = await pickDriver(deps.drivers);
  const start = driver?.provisions ? await pickSshMachineToStartFrom(deps.catalog) : {};
  const options = driver && start && (await askFields(driver, start));
  const name = options && (await askName(deps.catalog, suggestName(driver, options)));
  if (!driver || !options || !name) {
    return undefined;
  }
  const problems = await driver.preCreateCheck(options, deps.catalog.context);
  if (problems.length > 0) {
    void vscode.window.showErrorMessage(`${name} was not added: ${problems.join('; ')}`);
    return undefined;
  }
  if (driver.provisions) {
    return (await provisionNewMachine(deps, name, options)).id;
  }
  const failure = await testConnection(deps, driver, options, name);
  if (failure) {
    const choice = await vscode.window.showWarningMessage(`Could not connect to ${name}: ${failure}`, { modal: true }, 'Save Anyway');
    if (choice !== 'Save Anyway') {
      return undefined;
    }
  }
  const machine = await deps.catalog.add(name, driver.name, options);
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
  const options = args?.options ?? (await askFields(driver, machine.options));
  if (!options) {
    return;
  }
  if (driver.provisions) {
    await editProvisioned(deps, machine, options, args?.regenerateCertificates);
    return;
  }
  const failure = await testConnection(deps, driver, options, machine.name);
  if (failure && (args || (await vscode.window.showWarningMessage(`Could not connect to ${machine.name}: ${failure}`, { modal: true }, 'Save Anyway')) !== 'Save Anyway')) {
    if (args) {
      throw new Error(`Could not connect to ${machine.name}: ${failure}`);
    }
    return;
  }
  await deps.catalog.update(machine.id, { options });
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

async function pickDriver(drivers: DriverRegistry): Promise<Driver | undefined> {
  const picked = await vscode.window.showQuickPick(
    drivers.all.map((driver) => ({ label: driver.displayName, detail: driver.description, driver })),
    { title: 'New Machine: how is its engine reached?' },
  );
  return picked?.driver;
}

async function askFields(driver: Driver, current: Readonly<Record<string, FieldValue>> = {}): Promise<Record<string, FieldValue> | undefined> {
  const values: Record<string, FieldValue> = {};
  for (const field of driver.fields) {
    if (field.when && !field.when(values)) {
      continue;
    }
    const value = await askField(driver, field, current[field.key] ?? field.default);
    if (value === undefined) {
      return undefined;
    }
    if (value !== '') {
      values[field.key] = value;
    }
  }
  return values;
}

async function askField(driver: Driver, field: DriverField, initial: FieldValue | undefined): Promise<FieldValue | undefined> {
  const title = `New ${driver.displayName} machine: ${field.label}`;
  if (field.type === 'boolean') {
    const items = [
      { label: 'Yes', value: true },
      { label: 'No', value: false },
    ];
    const picked = await vscode.window.showQuickPick(
      initial === false ? items.reverse() : items,
      { title, placeHolder: field.description },
    );
    return picked?.value;
  }
  const text = await vscode.window.showInputBox({
    title,
    prompt: field.description,
    value: initial === undefined ? '' : String(initial),
    // `$(` would start an icon in the message, and what the user typed must show as typed.
    validateInput: (value) => (value === '' ? (field.required ? `${field.label} is required` : undefined) : field.validate?.(value)?.replace(/\$\(/g, '\\$(')),
  });
  if (text === undefined) {
    return undefined;
  }
  return field.type === 'number' && text !== '' ? Number(text) : text;
}

async function askName(catalog: MachineCatalog, suggestion: string): Promise<string | undefined> {
  const taken = new Set(['local', ...catalog.all.map((m) => m.name)]);
  return vscode.window.showInputBox({
    title: 'New Machine: name',
    prompt: 'How the machine is called in the tree and the status bar',
    value: suggestion,
    validateInput: (value) => (value.trim() === '' ? 'Enter a name' : taken.has(value.trim()) ? `"${value.trim()}" is taken` : undefined),
  });
}

function suggestName(driver: Driver | undefined, options: Record<string, FieldValue> | undefined): string {
  const host = options?.host;
  return typeof host === 'string' && host !== '' ? host : (driver?.name ?? 'machine');
}

/** Provisioning can start from an SSH machine the user has already: its login details are reused. */
async function pickSshMachineToStartFrom(catalog: MachineCatalog): Promise<Record<string, FieldValue> | undefined> {
  const sshMachines = catalog.all.filter((machine) => machine.driver === 'ssh');
  if (sshMachines.length === 0) {
    return {};
  }
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Enter the host\'s SSH details', options: {} as Record<string, FieldValue> },
      ...sshMachines.map((machine) => ({
        label: machine.name,
        description: `${machine.options.user ? `${String(machine.options.user)}@` : ''}${String(machine.options.host)}`,
        options: Object.fromEntries(['host', 'user', 'port', 'identityFile'].filter((key) => machine.options[key] !== undefined).map((key) => [key, machine.options[key] as FieldValue])),
      })),
    ],
    { title: 'New Generic machine: provision which host?', placeHolder: 'An SSH machine you have, or another host' },
  );
  return picked?.options;
}
