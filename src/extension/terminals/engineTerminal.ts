import * as vscode from 'vscode';

/** What a terminal's work sees: a way to write, the size, input, and a signal for when it closes. */
export interface TerminalSession {
  write(text: string): void;
  readonly signal: AbortSignal;
  readonly dimensions: vscode.TerminalDimensions | undefined;
  onInput(handler: (data: string) => void): void;
  onResize(handler: (dimensions: vscode.TerminalDimensions) => void): void;
}

const MAX_EARLY_INPUTS = 1000;

/**
 * A terminal backed by an Engine stream (logs, a shell, stats). Closing the terminal aborts the
 * work; the work ending closes the terminal with its exit code (or leaves a message on failure).
 */
export class EngineTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private readonly controller = new AbortController();
  private inputHandler: ((data: string) => void) | undefined;
  /** What was typed before the work listened (a shell still attaching): handed over when it does. */
  private earlyInput: string[] = [];
  private resizeHandler: ((dimensions: vscode.TerminalDimensions) => void) | undefined;

  constructor(private readonly work: (session: TerminalSession) => Promise<number | void>) {}

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    const session: TerminalSession = {
      write: (text) => this.writer.fire(text.replace(/\r?\n/g, '\r\n')),
      signal: this.controller.signal,
      dimensions,
      onInput: (handler) => {
        this.inputHandler = handler;
        const early = this.earlyInput.splice(0);
        early.forEach((data) => handler(data));
      },
      onResize: (handler) => (this.resizeHandler = handler),
    };
    this.work(session).then(
      (code) => {
        if (!this.controller.signal.aborted) {
          this.closer.fire(code);
        }
      },
      (error: unknown) => {
        if (!this.controller.signal.aborted) {
          // Stay open so the message can be read; the next key closes it.
          this.writer.fire(`\r\n\x1b[31m${(error as Error).message ?? String(error)}\x1b[0m\r\n[press any key to close]`);
          this.inputHandler = () => this.closer.fire(1);
        }
      },
    );
  }

  handleInput(data: string): void {
    if (this.inputHandler) {
      this.inputHandler(data);
    } else if (this.earlyInput.length < MAX_EARLY_INPUTS) {
      this.earlyInput.push(data);
    }
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.resizeHandler?.(dimensions);
  }

  close(): void {
    this.controller.abort();
  }
}

export function openEngineTerminal(name: string, work: (session: TerminalSession) => Promise<number | void>, icon = 'terminal'): vscode.Terminal {
  const terminal = vscode.window.createTerminal({ name, pty: new EngineTerminal(work), iconPath: new vscode.ThemeIcon(icon) });
  terminal.show();
  return terminal;
}
