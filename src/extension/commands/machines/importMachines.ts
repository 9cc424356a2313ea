import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MachineCatalog } from '../../../core/machines/machineCatalog';
import { StoredMachine } from '../../../core/machines/machineStore';
import { listDockerContexts } from '../../../core/machines/importers/dockerContexts';
import { listDockerMachines } from '../../../core/machines/importers/dockerMachines';
import { ImportCandidate } from '../../../core/machines/importers/importCandidate';
import { parseMachineFile } from '../../../core/machines/importers/machineFile';

/** Arguments that skip the pick list: where to look and which to take (all when omitted). */
export interface ImportArguments {
  readonly directory?: string;
  readonly names?: readonly string[];
}

export function importDockerContexts(catalog: MachineCatalog, args?: ImportArguments): Promise<string[]> {
  const configDir = args?.directory ?? process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker');
  return importFound(catalog, listDockerContexts(configDir), 'Docker contexts', configDir, args);
}

export function importDockerMachines(catalog: MachineCatalog, args?: ImportArguments): Promise<string[]> {
  const storage = args?.directory ?? process.env.MACHINE_STORAGE_PATH ?? path.join(os.homedir(), '.docker', 'machine');
  return importFound(catalog, listDockerMachines(storage), 'Docker Machine machines', storage, args);
}

async function importFound(catalog: MachineCatalog, found: ImportCandidate[], what: string, where: string, args?: ImportArguments): Promise<string[]> {
  if (found.length === 0) {
    void vscode.window.showInformationMessage(`No ${what} found in ${where}.`);
    return [];
  }
  const chosen = args
    ? found.filter((candidate) => !args.names || args.names.includes(candidate.name))
    : ((await vscode.window.showQuickPick(
        found.map((candidate) => ({ label: candidate.name, description: candidate.description, candidate, picked: true })),
        { title: `Import ${what}`, canPickMany: true },
      )) ?? []).map((item) => item.candidate);
  const added: StoredMachine[] = [];
  for (const candidate of chosen) {
    added.push(await catalog.import(candidate));
  }
  if (added.length > 0) {
    void vscode.window.showInformationMessage(`Imported ${added.map((m) => m.name).join(', ')}.`);
  }
  return added.map((machine) => machine.id);
}

/** Writes the machine to a file to import on another computer; no secret goes into it. */
export async function exportMachineToFile(catalog: MachineCatalog, machine: StoredMachine, target?: string): Promise<string | undefined> {
  const file =
    target ??
    (await vscode.window.showSaveDialog({ title: `Export ${machine.name}`, defaultUri: vscode.Uri.file(path.join(os.homedir(), `${machine.name}.docker-machine.json`)), filters: { 'Machine file': ['json'] } }))?.fsPath;
  if (!file) {
    return undefined;
  }
  await fs.writeFile(file, catalog.export(machine.id), { mode: 0o600 });
  if (!target) {
    void vscode.window.showInformationMessage(`Exported ${machine.name} to ${file}. It contains the machine's certificates and key: keep it private.`);
  }
  return file;
}

export async function importMachineFile(catalog: MachineCatalog, source?: string): Promise<string | undefined> {
  const file = source ?? (await vscode.window.showOpenDialog({ title: 'Import machine', filters: { 'Machine file': ['json'] }, canSelectMany: false }))?.[0]?.fsPath;
  if (!file) {
    return undefined;
  }
  const machine = await catalog.import(parseMachineFile(await fs.readFile(file, 'utf8')));
  if (!source) {
    void vscode.window.showInformationMessage(`Imported ${machine.name}.`);
  }
  return machine.id;
}
