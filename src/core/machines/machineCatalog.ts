import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Driver, DriverContext, FieldValue } from './driver';
import { DriverRegistry } from './driverRegistry';
import { Machine } from './machine';
import { MachineRegistry } from './machineRegistry';
import { MachineStore, StoredMachine } from './machineStore';
import { ImportCandidate } from './importers/importCandidate';
import { exportMachine } from './importers/machineFile';
import { TlsAuthority } from '../provision/certificates';

/**
 * The user's own machines: kept in the store, shown through the registry. Every change is
 * written before it is shown, so what the tree shows is what survives a restart.
 */
export class MachineCatalog {
  private machines: StoredMachine[] = [];

  constructor(
    private readonly store: MachineStore,
    private readonly drivers: DriverRegistry,
    private readonly registry: MachineRegistry,
    private readonly tlsAuthority: () => TlsAuthority | undefined = () => undefined,
  ) {}

  get context(): DriverContext {
    return { resolvePath: (value) => this.store.resolvePath(value), tlsAuthority: this.tlsAuthority };
  }

  /** Loads the store and shows its machines; returns a problem to tell the user, if any. */
  async load(): Promise<string | undefined> {
    const result = await this.store.load();
    this.machines = result.machines;
    this.machines.forEach((machine) => this.registry.add(this.toMachine(machine)));
    return result.problem;
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

  async add(name: string, driver: string, options: Record<string, FieldValue>, files: ImportCandidate['files'] = []): Promise<StoredMachine> {
    this.checkName(name);
    const id = randomUUID();
    this.driverOf({ id, name, driver, options }); // fail before writing anything when the driver is unknown
    const kept: Record<string, FieldValue> = {};
    for (const file of files) {
      kept[file.option] = await this.store.keepFile(id, file.name, file.content);
    }
    const machine: StoredMachine = { id, name: name.trim(), driver, options: { ...options, ...kept } };
    await this.persist([...this.machines, machine]);
    this.registry.add(this.toMachine(machine));
    return machine;
  }

  async update(id: string, change: { name?: string; options?: Record<string, FieldValue> }): Promise<StoredMachine> {
    const current = this.require(id);
    if (change.name !== undefined && change.name !== current.name) {
      this.checkName(change.name);
    }
    const updated: StoredMachine = { ...current, ...(change.name !== undefined && { name: change.name }), ...(change.options && { options: change.options }) };
    await this.persist(this.machines.map((machine) => (machine.id === id ? updated : machine)));
    this.registry.add(this.toMachine(updated)); // replaces the session: new endpoint, fresh connection
    return updated;
  }

  /** Forgets the machine. Never touches the host itself. */
  async remove(id: string): Promise<void> {
    this.require(id);
    await this.persist(this.machines.filter((machine) => machine.id !== id));
    this.registry.remove(id);
    await this.store.forgetFiles(id);
  }

  /** Adds a found machine under its own name, or with a number appended when that is taken. */
  async import(candidate: ImportCandidate): Promise<StoredMachine> {
    const taken = new Set(['local', ...this.machines.map((machine) => machine.name)]);
    let name = candidate.name;
    for (let n = 2; taken.has(name); n++) {
      name = `${candidate.name}-${n}`;
    }
    return this.add(name, candidate.driver, candidate.options, candidate.files);
  }

  /** The machine as a file for another computer (see machineFile.ts). */
  export(id: string): string {
    return exportMachine(this.require(id), (value) => readFileSync(this.store.resolvePath(value)));
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
        ...(remarks.length > 0 && { remarks }),
        ...(cliEndpoint && { cliEndpoint }),
      };
    } catch (error) {
      const reason = (error as Error).message;
      return { id: stored.id, name: stored.name, driver: stored.driver, endpoint: { kind: 'unsupported', url: stored.name, reason }, source: `${stored.driver} driver`, stored: true };
    }
  }

  private checkName(name: string): void {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed === 'local') {
      throw new Error(trimmed === '' ? 'A machine needs a name' : '"local" is the name of the local engine');
    }
    if (this.machines.some((machine) => machine.name === trimmed)) {
      throw new Error(`A machine named "${trimmed}" exists already`);
    }
  }

  private require(id: string): StoredMachine {
    const machine = this.find(id);
    if (!machine) {
      throw new Error(`No machine with id ${id}`);
    }
    return machine;
  }

  private async persist(machines: StoredMachine[]): Promise<void> {
    await this.store.save(machines);
    this.machines = machines;
  }
}
