import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { readSmallRegularFile } from '../util/boundedFile';
import { Disposable } from '../util/listeners';
import { Driver, DriverContext, FieldValue } from './driver';
import { DriverRegistry } from './driverRegistry';
import { Machine } from './machine';
import { endpointFileProblem } from './machineFiles';
import { MachineProblem } from './machineProblem';
import { MachineRegistry } from './machineRegistry';
import { MachineStore, StoredMachine } from './machineStore';
import { requireValidMachine, storedMachineShape, validateMachine } from './machineValidation';
import { ImportCandidate } from './importers/importCandidate';
import { exportMachine, ExportedMachine } from './importers/machineFile';
import { TlsAuthority } from '../provision/certificates';

/**
 * The user's own machines: kept in the store, shown through the registry. Every change is
 * written before it is shown, so what the tree shows is what survives a restart; the store is
 * shared with other windows, so each change is applied to the file as it is then, and what
 * another window wrote is shown when the file changes.
 */
export class MachineCatalog {
  private machines: StoredMachine[] = [];
  /** Problems already handed out, so each is told once however often the file is re-read. */
  private readonly reported = new Set<string>();
  /** Showing is serialized: a re-read and this window's own change never interleave. */
  private showing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: MachineStore,
    private readonly drivers: DriverRegistry,
    private readonly registry: MachineRegistry,
    private readonly tlsAuthority: () => TlsAuthority | undefined = () => undefined,
    private readonly machineSecret: (machineId: string, key: string) => string | undefined = () => undefined,
  ) {}

  get context(): DriverContext {
    return { resolvePath: (value) => this.store.resolvePath(value), tlsAuthority: this.tlsAuthority, machineSecret: this.machineSecret };
  }

  /**
   * Loads the store and shows every machine that can be used; returns what could not (each bad
   * machine on its own: the others load).
   */
  async load(): Promise<MachineProblem[]> {
    const result = await this.store.load();
    return this.show(result.machines, result.problems);
  }

  /** Re-reads the store when another window (or program) changes it; `onProblems` hears new problems. */
  followStore(onProblems: (problems: MachineProblem[]) => void, onError: (error: unknown) => void = () => undefined): Disposable {
    return this.store.watch(() => {
      this.load().then((problems) => problems.length > 0 && onProblems(problems), onError);
    });
  }

  get all(): readonly StoredMachine[] {
    return this.machines;
  }

  find(id: string): StoredMachine | undefined {
    return this.machines.find((machine) => machine.id === id);
  }

  driverOf(machine: StoredMachine): Driver {
    const driver = this.drivers.get(machine.driver);
    if (!driver) {
      throw new Error(`No driver "${machine.driver}" is installed for machine ${machine.name}`);
    }
    return driver;
  }

  /** `id`: when the machine was made under it already (a VM whose disk and secrets carry it). */
  async add(name: string, driver: string, options: Record<string, FieldValue>, files: ImportCandidate['files'] = [], id: string = randomUUID()): Promise<StoredMachine> {
    return this.addNamed(() => name, driver, options, files, id);
  }

  /** Why `name` cannot be a new machine's name now, or undefined. */
  nameProblem(name: string): string | undefined {
    try {
      checkName(name.trim(), this.machines);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** Shows the machines again (their endpoints recomputed), after secrets they need were loaded. */
  async reshow(): Promise<void> {
    await this.show(this.machines, []);
  }

  async update(id: string, change: { name?: string; options?: Record<string, FieldValue> }): Promise<StoredMachine> {
    this.require(id);
    let updated: StoredMachine | undefined;
    const machines = await this.store.change((current) => {
      const fresh = current.find((machine) => machine.id === id);
      if (!fresh) {
        throw new Error(`The machine was removed in another window`);
      }
      if (change.name !== undefined && change.name.trim() !== fresh.name) {
        checkName(change.name, current);
      }
      updated = { ...fresh, ...(change.name !== undefined && { name: change.name.trim() }), ...(change.options && { options: change.options }) };
      requireValidMachine(updated, this.driverOf(updated), this.context);
      return current.map((machine) => (machine.id === id ? (updated as StoredMachine) : machine));
    });
    await this.show(machines, []); // a changed machine gets a new session: new endpoint, fresh connection
    return updated as StoredMachine;
  }

  /** Forgets the machine. Never touches the host itself. */
  async remove(id: string): Promise<void> {
    this.require(id);
    const machines = await this.store.change((current) => current.filter((machine) => machine.id !== id));
    await this.show(machines, []);
    await this.store.forgetFiles(id);
  }

  /** Adds a found machine under its own name, or with a number appended when that is taken. */
  async import(candidate: ImportCandidate): Promise<StoredMachine> {
    return this.addNamed(
      (current) => {
        const taken = new Set(['local', ...current.map((machine) => machine.name)]);
        let name = candidate.name.trim();
        for (let n = 2; taken.has(name); n++) {
          name = `${candidate.name.trim()}-${n}`;
        }
        return name;
      },
      candidate.driver,
      candidate.options,
      candidate.files,
    );
  }

  /** Why a found machine would be refused, checked before the user is asked to import it. */
  importProblems(candidate: ImportCandidate): string[] {
    const driver = this.drivers.get(candidate.driver);
    if (!driver) {
      return [`no driver "${candidate.driver}" is installed`];
    }
    const shape = storedMachineShape({ id: 'candidate', name: candidate.name, driver: candidate.driver, options: candidate.options });
    if (typeof shape === 'string') {
      return [shape];
    }
    const fileFields = new Set(driver.fields.filter((field) => field.type === 'file').map((field) => field.key));
    const fileProblems = candidate.files
      .filter((file) => !fileFields.has(file.option) || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(file.name))
      .map((file) => `the file ${JSON.stringify(file.name)} for ${JSON.stringify(file.option)} is not one this driver keeps`);
    // Kept files become store paths: check the machine as it will be stored.
    const kept = Object.fromEntries(candidate.files.map((file) => [file.option, `store:certs/candidate/${file.name}`]));
    return [...fileProblems, ...validateMachine({ ...shape, options: { ...shape.options, ...kept } }, driver, this.context)];
  }

  /** What the user trusts by adding this machine (TLS off, a driver that runs commands on a host). */
  trustNotes(candidate: ImportCandidate): string[] {
    return this.drivers.get(candidate.driver)?.trustNotes?.(candidate.options) ?? [];
  }

  /** The machine as a file for another computer (see machineFile.ts). */
  export(id: string): Promise<ExportedMachine> {
    const machine = this.require(id);
    return exportMachine(machine, this.drivers.get(machine.driver), (value) => readSmallRegularFile(this.store.resolvePath(value)));
  }

  toMachine(stored: StoredMachine): Machine {
    try {
      const driver = this.driverOf(stored);
      const endpoint = driver.endpoint(stored, this.context);
      const remarks = driver.remarks?.(stored, new Date()) ?? [];
      const cliEndpoint = driver.cliEndpoint?.(stored, this.context);
      return {
        id: stored.id,
        name: stored.name,
        driver: stored.driver,
        endpoint,
        source: `${stored.driver} driver`,
        stored: true,
        operations: [...driver.operations],
        ...(driver.provisions === true && { provisioned: true }),
        ...(remarks.length > 0 && { remarks }),
        ...(cliEndpoint && { cliEndpoint }),
      };
    } catch (error) {
      return this.unusable(stored, (error as Error).message);
    }
  }

  private async addNamed(nameFor: (current: readonly StoredMachine[]) => string, driverName: string, options: Record<string, FieldValue>, files: ImportCandidate['files'], id: string = randomUUID()): Promise<StoredMachine> {
    const problems = this.importProblems({ name: nameFor(this.machines), driver: driverName, options, files, description: '' });
    if (problems.length > 0) {
      throw new Error(`${nameFor(this.machines)} cannot be added: ${problems.join('; ')}`);
    }
    const kept: Record<string, FieldValue> = {};
    for (const file of files) {
      kept[file.option] = await this.store.keepFile(id, file.name, file.content);
    }
    let machine: StoredMachine | undefined;
    try {
      const machines = await this.store.change((current) => {
        const name = nameFor(current).trim();
        checkName(name, current);
        machine = { id, name, driver: driverName, options: { ...options, ...kept } };
        return [...current, machine];
      });
      await this.show(machines, []);
    } catch (error) {
      await this.store.forgetFiles(id);
      throw error;
    }
    return machine as StoredMachine;
  }

  /** Shows `machines` as the catalog: new ones added, changed ones replaced, gone ones removed. */
  private show(machines: readonly StoredMachine[], problems: readonly MachineProblem[]): Promise<MachineProblem[]> {
    const next = this.showing.then(() => this.reconcile(machines, problems));
    this.showing = next.catch(() => undefined);
    return next;
  }

  private async reconcile(machines: readonly StoredMachine[], storeProblems: readonly MachineProblem[]): Promise<MachineProblem[]> {
    const problems = [...storeProblems];
    const usable = machines.filter((machine) => {
      const driver = this.drivers.get(machine.driver);
      const invalid = driver ? validateMachine(machine, driver, this.context) : [];
      if (invalid.length > 0) {
        problems.push({ kind: 'machine-invalid', machine: machine.name, message: `not loaded: ${invalid.join('; ')} (it stays in the file as it was)` });
      }
      return invalid.length === 0;
    });
    const before = new Map(this.machines.map((machine) => [machine.id, machine]));
    // Unusable ones are tried again: a certificate fixed, or the CA another window just made.
    const changed = usable.filter((machine) => !isDeepStrictEqual(before.get(machine.id), machine) || this.registry.get(machine.id)?.machine.endpoint.kind === 'unsupported');
    const shown = await Promise.all(changed.map((machine) => this.machineFor(machine)));
    this.machines = [...usable];
    before.forEach((_machine, id) => !usable.some((machine) => machine.id === id) && this.registry.remove(id));
    shown.forEach(({ machine, problem }) => {
      this.registry.add(machine);
      if (problem) {
        problems.push(problem);
      }
    });
    const fresh = problems.filter((problem) => !this.reported.has(JSON.stringify(problem)));
    fresh.forEach((problem) => this.reported.add(JSON.stringify(problem)));
    return fresh;
  }

  /** The machine to show, after its files were found usable (read asynchronously, bounded). */
  private async machineFor(stored: StoredMachine): Promise<{ machine: Machine; problem?: MachineProblem }> {
    const machine = this.toMachine(stored);
    const problem = await endpointFileProblem(machine.endpoint, this.store.directory);
    if (!problem) {
      return { machine };
    }
    return { machine: this.unusable(stored, problem), problem: { kind: 'certificate', machine: stored.name, message: problem } };
  }

  private unusable(stored: StoredMachine, reason: string): Machine {
    return { id: stored.id, name: stored.name, driver: stored.driver, endpoint: { kind: 'unsupported', url: stored.name, reason }, source: `${stored.driver} driver`, stored: true };
  }

  private require(id: string): StoredMachine {
    const machine = this.find(id);
    if (!machine) {
      throw new Error(`No machine with id ${id}`);
    }
    return machine;
  }
}

function checkName(name: string, machines: readonly StoredMachine[]): void {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed === 'local') {
    throw new Error(trimmed === '' ? 'A machine needs a name' : '"local" is the name of the local engine');
  }
  if (machines.some((machine) => machine.name === trimmed)) {
    throw new Error(`A machine named "${trimmed}" exists already`);
  }
}
