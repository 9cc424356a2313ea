import * as vscode from 'vscode';
import { parseResourceFilter } from '../../../core/engine/resourceFilter';
import { MachinesTreeProvider } from '../../tree/machinesTreeProvider';

/** The context key that shows Clear Filter in the view's title bar while a filter is active. */
const FILTERED_CONTEXT = 'dockerHosts.machinesFiltered';

/** Filter…: asks for the filter (the current one prefilled); `text` skips the question (scripts, tests). Returns the filter now active. */
export async function filterMachinesView(tree: MachinesTreeProvider, text?: string): Promise<string | undefined> {
  const typed = text ?? (await vscode.window.showInputBox({
    title: 'Filter the Machines view',
    prompt: 'Containers and images whose name, image or state contain these words; or name:…, image:…, state:… (e.g. state:running image:busybox web). Empty shows all.',
    placeHolder: 'state:running image:busybox web',
    value: tree.activeFilter?.text ?? '',
  }));
  if (typed !== undefined) {
    tree.setFilter(parseResourceFilter(typed));
  }
  return tree.activeFilter?.text;
}

export function clearMachinesFilter(tree: MachinesTreeProvider): void {
  tree.setFilter(undefined);
}

/** Keeps the view's description and the title bar's Clear Filter in step with the filter. */
export function showFilterInView(view: vscode.TreeView<unknown>, tree: MachinesTreeProvider): vscode.Disposable {
  return tree.onDidChangeFilter((filter) => {
    view.description = filter ? `Filter: ${filter.text}` : undefined;
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, filter !== undefined);
  });
}
