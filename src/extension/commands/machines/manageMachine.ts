import * as vscode from 'vscode';
import { readOnlyDocuments } from '../../inspect/readOnlyDocuments';
import { EngineEndpoint } from '../../../core/engine/endpoint';
import { MachineSession } from '../../../core/machines/session';
import { MachineCatalog } from '../../../core/machines/machineCatalog';
import { StoredMachine } from '../../../core/machines/machineStore';
import { confirm } from '../../prompts/confirm';

/** Rename: the id stays, so the active machine and tree state follow the machine. */
export async function renameMachine(catalog: MachineCatalog, machine: StoredMachine, newName?: string): Promise<void> {
  const name =
    newName ??
    (await vscode.window.showInputBox({
      title: `Rename ${machine.name}`,
      value: machine.name,
      validateInput: (value) => (value.trim() === '' ? 'Enter a name' : undefined),
    }));
  if (name !== undefined && name.trim() !== machine.name) {
    await catalog.update(machine.id, { name: name.trim() });
  }
}

/** Remove forgets the machine; the host and its engine are not touched. */
export async function removeMachine(catalog: MachineCatalog, machine: StoredMachine, confirmed = false): Promise<boolean> {
  if (!confirmed && !(await confirm(`Remove ${machine.name} from Docker Hosts?`, 'Only the entry is forgotten; the host, its engine and its containers are not touched.', ['Remove']))) {
    return false;
  }
  await catalog.remove(machine.id);
  return true;
}

/** Machine details as JSON, secrets excluded (the store holds none). */
export async function inspectMachine(session: MachineSession, stored: StoredMachine | undefined): Promise<vscode.TextEditor> {
  const details = {
    name: session.machine.name,
    id: session.machine.id,
    driver: session.machine.driver,
    state: session.state,
    ...(session.error && { error: session.error }),
    address: session.address,
    source: session.machine.source,
    endpoint: withoutKeyMaterial(session.machine.endpoint),
    ...(session.version && { engine: session.version }),
    ...(stored && { options: stored.options }),
  };
  return readOnlyDocuments.show(`machine ${session.machine.name}.json`, `${JSON.stringify(details, undefined, 2)}\n`);
}

/** Certificates held in memory are shown as present, never printed. */
function withoutKeyMaterial(endpoint: EngineEndpoint): unknown {
  if (endpoint.kind === 'ssh' && endpoint.privateKey !== undefined) {
    const shown: Record<string, unknown> = { ...endpoint, inSecretStorage: ['SSH key'] };
    delete shown.privateKey;
    return shown;
  }
  if (endpoint.kind !== 'tcp' || !endpoint.tls) {
    return endpoint;
  }
  const { caPem, certPem, keyPem, ...files } = endpoint.tls;
  const held = [caPem && 'CA certificate', certPem && 'client certificate', keyPem && 'client key'].filter(Boolean);
  return { ...endpoint, tls: { ...files, ...(held.length > 0 && { inSecretStorage: held }) } };
}
