import { Driver } from './driver';
import { localDriver } from './drivers/localDriver';
import { sshDriver } from './drivers/sshDriver';
import { tcpDriver } from './drivers/tcpDriver';
import { genericDriver } from './drivers/genericDriver';
import { qemuDriver } from './drivers/qemu/qemuDriver';
import { Disposable } from '../util/listeners';

/** The drivers machines can use; other extensions add theirs through the exported API. */
export class DriverRegistry {
  private readonly drivers = new Map<string, Driver>();

  constructor(builtIn: readonly Driver[] = [localDriver, sshDriver, tcpDriver, genericDriver, qemuDriver]) {
    builtIn.forEach((driver) => this.drivers.set(driver.name, driver));
  }

  get all(): readonly Driver[] {
    return [...this.drivers.values()];
  }

  get(name: string): Driver | undefined {
    return this.drivers.get(name);
  }

  /** True when the machine's driver set up its host (provisioning), so it can re-provision, regenerate and upgrade. */
  provisions(machine: { readonly driver: string }): boolean {
    return this.get(machine.driver)?.provisions === true;
  }

  register(driver: Driver): Disposable {
    if (this.drivers.has(driver.name)) {
      throw new Error(`A driver named "${driver.name}" is already registered`);
    }
    this.drivers.set(driver.name, driver);
    return { dispose: () => this.drivers.get(driver.name) === driver && this.drivers.delete(driver.name) };
  }
}
