import * as path from 'node:path';
import * as vscode from 'vscode';
import { BuildFailure, buildImage, BuildOptions } from '../../core/build/buildImage';
import { MachineSession } from '../../core/engine/machineSession';
import { formatSize } from '../../core/util/format';
import { BuildDiagnostics } from './buildDiagnostics';

const BOLD_CYAN = '\x1b[1;36m';
const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * The build task's terminal: streams the engine's build output with colours, ends with exit
 * code 0 or 1, and aborts the HTTP request (so the engine stops the build) when terminated.
 */
export class BuildTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private readonly controller = new AbortController();

  constructor(
    private readonly session: () => Promise<MachineSession>,
    private readonly options: BuildOptions,
    private readonly diagnostics: BuildDiagnostics,
  ) {}

  open(): void {
    void this.run();
  }

  close(): void {
    this.controller.abort();
  }

  private write(text: string): void {
    this.writer.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  private async run(): Promise<void> {
    const dockerfileUri = vscode.Uri.file(this.options.dockerfile);
    let lastUploadReport = 0;
    try {
      const session = await this.session();
      this.write(`${DIM}Building ${path.basename(this.options.dockerfile)} on ${session.machine.name} (${session.address}), context ${this.options.contextDir}${RESET}\n`);
      const result = await buildImage(session.engine, this.options, {
        output: (text) => this.write(/^Step \d+\/\d+ :/.test(text) ? `${BOLD_CYAN}${text}${RESET}` : text),
        upload: (sent, total) => {
          // Large contexts: a line every 10 MB, so the user sees the upload move.
          if (total > 10_000_000 && sent - lastUploadReport >= 10_000_000) {
            lastUploadReport = sent;
            this.write(`${DIM}sending context: ${formatSize(sent)} of ${formatSize(total)}${RESET}\n`);
          }
        },
      }, this.controller.signal);
      this.diagnostics.clear(dockerfileUri);
      this.write(`\n${GREEN}Built ${result.imageId}${result.tags.length > 0 ? `, tagged ${result.tags.join(', ')}` : ''}${RESET}\n`);
      this.closer.fire(0);
    } catch (error) {
      if (this.controller.signal.aborted) {
        this.closer.fire(130);
        return;
      }
      if (error instanceof BuildFailure) {
        this.diagnostics.report(dockerfileUri, error);
      }
      this.write(`\n${RED}${(error as Error).message}${RESET}\n`);
      this.closer.fire(1);
    }
  }
}
