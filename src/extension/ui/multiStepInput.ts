import * as vscode from 'vscode';

/**
 * A wizard of quick inputs with a step counter and a Back button (after the vscode-extension-samples
 * quickinput-sample). Each step reads its initial value from the caller's state and writes what the
 * user entered back into it, so going Back shows the value entered before. A step returns the next
 * step, or nothing when the flow is complete.
 */
export type InputStep = (input: MultiStepInput) => Promise<InputStep | void>;

/** Thrown inside a step when the user pressed Back or Escape; `run` turns it into navigation. */
class FlowAction {
  static readonly back = new FlowAction();
  static readonly cancel = new FlowAction();
}

interface StepOptions {
  readonly title: string;
  /** How many steps the flow has as far as is known now (it may grow as answers decide). */
  readonly totalSteps: number;
  readonly placeholder?: string;
  readonly ignoreFocusOut?: boolean;
}

export interface InputBoxStep extends StepOptions {
  readonly value: string;
  readonly prompt: string;
  readonly password?: boolean;
  /** A message for a value that cannot be accepted; checked on every keystroke and on Enter. */
  readonly validate?: (value: string) => string | undefined;
}

export interface QuickPickStep<T extends vscode.QuickPickItem> extends StepOptions {
  readonly items: readonly T[];
  /** The item to highlight: the one picked before, when coming Back. */
  readonly active?: T;
}

export interface MultiPickStep<T extends vscode.QuickPickItem> extends StepOptions {
  readonly items: readonly T[];
  readonly selected: readonly T[];
}

export class MultiStepInput {
  private current: vscode.QuickInput | undefined;
  private readonly steps: InputStep[] = [];

  /** Runs the flow from `start`; true when it completed, false when the user cancelled it. */
  static async run(start: InputStep): Promise<boolean> {
    return new MultiStepInput().stepThrough(start);
  }

  /** The number shown as "step n of m" for the step now running. */
  get step(): number {
    return this.steps.length;
  }

  showInputBox(options: InputBoxStep): Promise<string> {
    const box = vscode.window.createInputBox();
    box.value = options.value;
    box.prompt = options.prompt;
    box.password = options.password ?? false;
    box.placeholder = options.placeholder;
    const check = (value: string): string | undefined => escapeIcons(options.validate?.(value));
    box.validationMessage = options.value === '' ? undefined : check(options.value);
    return this.show(box, options, (resolve, disposables) => {
      disposables.push(
        box.onDidChangeValue((value) => (box.validationMessage = check(value))),
        box.onDidAccept(() => {
          const problem = check(box.value);
          box.validationMessage = problem;
          if (problem === undefined) resolve(box.value);
        }),
      );
    });
  }

  showQuickPick<T extends vscode.QuickPickItem>(options: QuickPickStep<T>): Promise<T> {
    const pick = vscode.window.createQuickPick<T>();
    pick.items = options.items;
    pick.placeholder = options.placeholder;
    if (options.active) pick.activeItems = [options.active];
    return this.show(pick, options, (resolve, disposables) => {
      disposables.push(pick.onDidAccept(() => pick.selectedItems[0] && resolve(pick.selectedItems[0])));
    });
  }

  showMultiPick<T extends vscode.QuickPickItem>(options: MultiPickStep<T>): Promise<T[]> {
    const pick = vscode.window.createQuickPick<T>();
    pick.canSelectMany = true;
    pick.items = options.items;
    pick.selectedItems = options.selected;
    pick.placeholder = options.placeholder;
    return this.show(pick, options, (resolve, disposables) => {
      disposables.push(pick.onDidAccept(() => resolve([...pick.selectedItems])));
    });
  }

  /** Leaves the running step the way the Back button does (for a "change the settings" item). */
  back(): never {
    throw FlowAction.back;
  }

  /** Long work between steps (a connection test): the last input stays up, busy and disabled. */
  async busy<T>(work: () => Promise<T>): Promise<T> {
    const input = this.current;
    if (input) {
      input.busy = true;
      input.enabled = false;
    }
    try {
      return await work();
    } finally {
      if (input) {
        input.busy = false;
        input.enabled = true;
      }
    }
  }

  private async stepThrough(start: InputStep): Promise<boolean> {
    let step: InputStep | void = start;
    while (step) {
      this.steps.push(step);
      try {
        step = await step(this);
      } catch (error) {
        if (error === FlowAction.cancel) {
          this.current?.dispose();
          return false;
        }
        if (error !== FlowAction.back) {
          this.current?.dispose();
          throw error;
        }
        this.steps.pop(); // this step
        step = this.steps.pop(); // the one before, run again with the values it kept
      }
    }
    this.current?.dispose();
    return true;
  }

  private show<R>(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, options: StepOptions, wire: (resolve: (value: R) => void, disposables: vscode.Disposable[]) => void): Promise<R> {
    input.title = options.title;
    input.step = this.step;
    input.totalSteps = Math.max(options.totalSteps, this.step);
    input.ignoreFocusOut = options.ignoreFocusOut ?? false;
    input.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    const disposables: vscode.Disposable[] = [];
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const settle = (finish: () => void): void => {
        settled = true;
        finish();
      };
      wire((value) => settle(() => resolve(value)), disposables);
      disposables.push(
        input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle(() => reject(FlowAction.back))),
        input.onDidHide(() => settled || settle(() => reject(FlowAction.cancel))),
      );
      this.current?.dispose();
      this.current = input;
      input.show();
    }).finally(() => disposables.forEach((d) => d.dispose()));
  }
}

/** `$(` would start an icon in a validation message; what the user typed must show as typed. */
function escapeIcons(message: string | undefined): string | undefined {
  return message?.replace(/\$\(/g, '\\$(');
}
