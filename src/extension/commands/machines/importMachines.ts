import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MachineCatalog } from '../../../core/machines/machineCatalog';
import { StoredMachine } from '../../../core/machines/machineStore';
import { listDockerContexts } from '../../../core/machines/importers/dockerContexts';
import { listDockerMachines } from '../../../core/machines/importers/dockerMachines';
import { ImportCandidate, ImportScan } from '../../../core/machines/importers/importCandidate';
import { parseMachineFile } from '../../../core/machines/importers/machineFile';
import { readSmallRegularFile } from '../../../core/util/boundedFile';
import { writePrivateFile } from '../../../core/util/privateFile';

/** Arguments that skip the pick list: where to look and which to take (all when omitted). */
export interface ImportArguments {
  readonly directory?: string;
  readonly names?: readonly string[];
}

export function importDockerContexts(catalog: MachineCatalog, args?: ImportArguments): Promise<string[]> {
  const configDir = args?.directory ?? process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker');
  return listDockerContexts(configDir).then((scan) => importFound(catalog, scan, 'Docker contexts', configDir, args));
}

export function importDockerMachines(catalog: MachineCatalog, args?: ImportArguments): Promise<string[]> {
  const storage = args?.directory ?? process.env.MACHINE_STORAGE_PATH ?? path.join(os.homedir(), '.docker', 'machine');
  return listDockerMachines(storage).then((scan) => importFound(catalog, scan, 'Docker Machine machines', storage, args));
}

async function importFound(catalog: MachineCatalog, scan: ImportScan, what: string, where: string, args?: ImportArguments): Promise<string[]> {
  const refused = [...scan.problems, ...scan.found.flatMap((candidate) => refusal(catalog, candidate))];
  const usable = scan.found.filter((candidate) => catalog.importProblems(candidate).length === 0);
  if (refused.length > 0) {
    void vscode.window.showWarningMessage(`Not importable from ${where}: ${refused.join(' · ')}`);
  }
  if (usable.length === 0) {
    if (refused.length === 0) {
      void vscode.window.showInformationMessage(`No ${what} found in ${where}.`);
    }
    return [];
  }
  const chosen = args ? usable.filter((candidate) => !args.names || args.names.includes(candidate.name)) : await chooseTrusted(catalog, usable, `Import ${what}`);
  const added: StoredMachine[] = [];
  for (const candidate of chosen) {
    added.push(await catalog.import(candidate));
  }
  if (added.length > 0) {
    void vscode.window.showInformationMessage(`Imported ${added.map((m) => m.name).join(', ')}.`);
  }
  return added.map((machine) => machine.id);
}

function refusal(catalog: MachineCatalog, candidate: ImportCandidate): string[] {
  const problems = catalog.importProblems(candidate);
  return problems.length > 0 ? [`${candidate.name} (${problems.join('; ')})`] : [];
}

/**
 * Before anything is added, says what each machine asks the user to trust (TLS off or not
 * verified, a host that runs commands over SSH); every entry starts ticked, any can be unticked.
 */
async function chooseTrusted(catalog: MachineCatalog, candidates: readonly ImportCandidate[], title: string): Promise<ImportCandidate[]> {
  const items = candidates.map((candidate) => {
    const notes = catalog.trustNotes(candidate);
    return {
      label: candidate.name,
      description: candidate.description,
      ...(notes.length > 0 && { detail: `$(warning) ${notes.join(' · ').replace(/\$\(/g, '\\$(')}` }),
      picked: true,
      candidate,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title,
    canPickMany: true,
    placeHolder: 'Untick any machine you do not want to trust; warnings say what each one can do',
  });
  return (picked ?? []).map((item) => item.candidate);
}

/** Writes the machine to a file to import on another computer; no secret goes into it. */
export async function exportMachineToFile(catalog: MachineCatalog, machine: StoredMachine, target?: string): Promise<string | undefined> {
  const exported = await catalog.export(machine.id);
  const keyNote = exported.containsClientKey ? ' (the file will contain its client key)' : '';
  const file =
    target ??
    (await vscode.window.showSaveDialog({ title: `Export ${machine.name}${keyNote}`, defaultUri: vscode.Uri.file(path.join(os.homedir(), `${path.basename(machine.name)}.docker-machine.json`)), filters: { 'Machine file': ['json'] } }))?.fsPath;
  if (!file) {
    return undefined;
  }
  await writePrivateFile(file, exported.text);
  if (!target) {
    if (exported.containsClientKey) {
      void vscode.window.showWarningMessage(`Exported ${machine.name} to ${file}. It contains the machine's client key: whoever has the file can use its engine, so keep it private.`);
    } else {
      void vscode.window.showInformationMessage(`Exported ${machine.name} to ${file}.`);
    }
  }
  return file;
}

/** Options for scripts and tests: ask which to trust even though the file is given. */
export interface ImportFileOptions {
  readonly confirm?: boolean;
}

export async function importMachineFile(catalog: MachineCatalog, source?: string, options: ImportFileOptions = {}): Promise<string | undefined> {
  const file = source ?? (await vscode.window.showOpenDialog({ title: 'Import machine', filters: { 'Machine file': ['json'] }, canSelectMany: false }))?.[0]?.fsPath;
  if (!file) {
    return undefined;
  }
  const candidate = parseMachineFile((await readSmallRegularFile(file, 1024 * 1024)).toString('utf8'));
  const problems = catalog.importProblems(candidate);
  if (problems.length > 0) {
    throw new Error(`${candidate.name} cannot be imported: ${problems.join('; ')}`);
  }
  const confirm = options.confirm ?? !source;
  if (confirm && (await chooseTrusted(catalog, [candidate], `Import machine from ${path.basename(file)}`)).length === 0) {
    return undefined;
  }
  const machine = await catalog.import(candidate);
  if (!source) {
    void vscode.window.showInformationMessage(`Imported ${machine.name}.`);
  }
  return machine.id;
}
