import * as vscode from 'vscode';
import { DriverRegistry } from '../core/machines/driverRegistry';
import { MachineCatalog } from '../core/machines/machineCatalog';
import { MachineRegistry } from '../core/machines/machineRegistry';
import { SshSettings } from '../core/ssh/sshSettings';
import { TlsAuthorityStore } from './provisioning/tlsAuthorityStore';
import { ActiveMachine } from './machines/activeMachine';
import { EngineForwards } from './machines/engineForwards';
import { MachineLifecycles } from './machines/machineLifecycles';
import { MachineSecrets } from './machines/machineSecrets';
import { RegistryCredentialStore } from './registry/registryCredentials';
import { MachinesTreeProvider } from './tree/machinesTreeProvider';

/** The long-lived objects activate() makes, handed to commands as one bundle. */
export interface Services {
  readonly registry: MachineRegistry;
  readonly drivers: DriverRegistry;
  readonly catalog: MachineCatalog;
  readonly activeMachine: ActiveMachine;
  readonly tree: MachinesTreeProvider;
  readonly log: vscode.LogOutputChannel;
  readonly registryCredentials: RegistryCredentialStore;
  /** The CA and client certificate for provisioned machines (secret storage). */
  readonly tlsAuthority: TlsAuthorityStore;
  /** Machines' own secrets (a VM's SSH key), from secret storage. */
  readonly machineSecrets: MachineSecrets;
  /** Create, start, stop, kill and remove for drivers that run their machines (local VMs). */
  readonly lifecycles: MachineLifecycles;
  /** Local sockets to engines whose SSH key the docker CLI cannot use (it lives in secret storage). */
  readonly forwards: EngineForwards;
  /** SSH settings for a new connection, as machine sessions get them. */
  sshSettings(): SshSettings;
}
