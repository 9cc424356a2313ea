import { Driver, DriverField, FieldValue } from '../../../core/machines/driver';
import { DriverRegistry } from '../../../core/machines/driverRegistry';
import { MachineCatalog } from '../../../core/machines/machineCatalog';
import { fieldsToAsk, optionsFromEntered } from '../../../core/machines/wizardFields';
import { InputStep, MultiStepInput } from '../../ui/multiStepInput';

/** What the last step learnt by trying the settings: nothing wrong, problems that forbid saving, or a failed connection. */
export type SettingsVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly canSaveAnyway: boolean };

/** Checks the settings once they are all entered (pre-create checks, then a connection test). */
export type CheckSettings = (driver: Driver, options: Record<string, FieldValue>, name: string) => Promise<SettingsVerdict>;

export interface NewMachineAnswers {
  readonly driver: Driver;
  readonly options: Record<string, FieldValue>;
  readonly name: string;
}

/** What the user has entered so far; steps read their initial values from it, so Back keeps them. */
interface Draft {
  driver?: Driver;
  startFrom?: string;
  entered: Record<string, FieldValue>;
  name?: string;
}

/** New Machine…: driver, [the SSH machine to start from], the driver's fields, a name, the check. */
export async function askNewMachine(drivers: DriverRegistry, catalog: MachineCatalog, check: CheckSettings): Promise<NewMachineAnswers | undefined> {
  const draft: Draft = { entered: {} };
  // Logins to start a provisioning from: machines reached over SSH that were not provisioned themselves.
  const sshMachines = catalog.all.filter((machine) => !drivers.provisions(machine) && drivers.get(machine.driver)?.sshDetails(machine) !== undefined);
  const total = (): number => 2 + (draft.driver?.provisions && sshMachines.length > 0 ? 1 : 0) + (draft.driver ? fieldsToAsk(draft.driver.fields, draft.entered).length : 1);
  const taken = new Set(['local', ...catalog.all.map((m) => m.name)]);

  const nameStep = (driver: Driver): InputStep => async (input) => {
    const host = draft.entered.host;
    draft.name = await input.showInputBox({
      title: 'New Machine: name',
      totalSteps: total(),
      prompt: 'How the machine is called in the tree and the status bar',
      value: draft.name ?? (typeof host === 'string' && host !== '' ? host : driver.name),
      validate: (value) => (value.trim() === '' ? 'Enter a name' : taken.has(value.trim()) ? `"${value.trim()}" is taken` : undefined),
    });
    draft.name = draft.name.trim();
    return checkStep(`New Machine ${draft.name}`, total, () => check(driver, optionsFromEntered(driver.fields, draft.entered), draft.name ?? ''));
  };

  const startStep = (driver: Driver): InputStep => async (input) => {
    const items = [
      { label: "Enter the host's SSH details", id: '', options: {} as Record<string, FieldValue> },
      ...sshMachines.map((machine) => ({
        label: machine.name,
        id: machine.id,
        description: `${machine.options.user ? `${String(machine.options.user)}@` : ''}${String(machine.options.host)}`,
        options: Object.fromEntries(['host', 'user', 'port', 'identityFile'].filter((key) => machine.options[key] !== undefined).map((key) => [key, machine.options[key] as FieldValue])),
      })),
    ];
    const picked = await input.showQuickPick({
      title: 'New Generic machine: provision which host?',
      totalSteps: total(),
      placeholder: 'An SSH machine you have, or another host',
      items,
      active: items.find((item) => item.id === draft.startFrom),
    });
    if (picked.id !== draft.startFrom) {
      draft.startFrom = picked.id;
      draft.entered = { ...picked.options };
    }
    return fieldSteps(driver, draft, total, `New ${driver.displayName} machine`, nameStep(driver));
  };

  const driverStep: InputStep = async (input) => {
    const items = drivers.all.map((driver) => ({ label: driver.displayName, detail: driver.description, driver }));
    const picked = await input.showQuickPick({ title: 'New Machine: how is its engine reached?', totalSteps: total(), items, active: items.find((item) => item.driver === draft.driver) });
    if (picked.driver !== draft.driver) {
      draft.driver = picked.driver;
      draft.entered = {};
      draft.startFrom = undefined;
    }
    const driver = picked.driver;
    return driver.provisions && sshMachines.length > 0 ? startStep(driver) : fieldSteps(driver, draft, total, `New ${driver.displayName} machine`, nameStep(driver));
  };

  if (!(await MultiStepInput.run(driverStep)) || !draft.driver || draft.name === undefined) {
    return undefined;
  }
  return { driver: draft.driver, options: optionsFromEntered(draft.driver.fields, draft.entered), name: draft.name };
}

/** Edit: the driver's fields prefilled with the machine's values, then the check. */
export async function askMachineEdit(driver: Driver, name: string, current: Readonly<Record<string, FieldValue>>, check: CheckSettings | undefined): Promise<Record<string, FieldValue> | undefined> {
  const draft: Draft = { driver, entered: { ...current } };
  const total = (): number => fieldsToAsk(driver.fields, draft.entered).length + (check ? 1 : 0);
  const last = check && checkStep(`Edit ${name}`, total, () => check(driver, optionsFromEntered(driver.fields, draft.entered), name));
  const first = fieldSteps(driver, draft, total, `Edit ${name}`, last);
  if (!first || !(await MultiStepInput.run(first))) {
    return undefined;
  }
  return optionsFromEntered(driver.fields, draft.entered);
}

/** The steps for the driver's fields from `after` on (those whose `when` holds), then `then`. */
function fieldSteps(driver: Driver, draft: Draft, total: () => number, title: string, then: InputStep | undefined, after?: string): InputStep | undefined {
  const fields = fieldsToAsk(driver.fields, draft.entered);
  const next = fields[after === undefined ? 0 : fields.findIndex((f) => f.key === after) + 1];
  if (!next) {
    return then;
  }
  return async (input) => {
    draft.entered[next.key] = await askField(input, next, draft.entered[next.key] ?? next.default, `${title}: ${next.label}`, total());
    return fieldSteps(driver, draft, total, title, then, next.key);
  };
}

async function askField(input: MultiStepInput, field: DriverField, initial: FieldValue | undefined, title: string, totalSteps: number): Promise<FieldValue> {
  if (field.type === 'boolean') {
    const items = [
      { label: 'Yes', value: true },
      { label: 'No', value: false },
    ];
    const picked = await input.showQuickPick({ title, totalSteps, placeholder: field.description, items, active: items.find((item) => item.value === initial) });
    return picked.value;
  }
  const text = await input.showInputBox({
    title,
    totalSteps,
    prompt: field.description,
    value: initial === undefined ? '' : String(initial),
    validate: (value) => (value === '' ? (field.required ? `${field.label} is required` : undefined) : field.validate?.(value)),
  });
  return field.type === 'number' && text !== '' ? Number(text) : text;
}

/**
 * The last step: tries the settings while the previous step shows busy. When they fail, says why
 * and offers Save Anyway (where that can work) or going back to change them.
 */
function checkStep(title: string, total: () => number, check: () => Promise<SettingsVerdict>): InputStep {
  return async (input) => {
    const verdict = await input.busy(check);
    if (verdict.ok) {
      return;
    }
    const change = { label: '$(arrow-left) Change the settings', save: false };
    const saveAnyway = { label: '$(save) Save Anyway', description: 'keep it; it connects when the engine answers', save: true };
    const picked = await input.showQuickPick({
      title: `${title}: ${verdict.canSaveAnyway ? 'could not connect' : 'cannot be added'}`,
      totalSteps: total(),
      placeholder: verdict.reason,
      items: (verdict.canSaveAnyway ? [saveAnyway, change] : [change]).map((item) => ({ ...item, detail: verdict.reason })),
      ignoreFocusOut: true,
    });
    if (!picked.save) {
      input.back();
    }
  };
}
