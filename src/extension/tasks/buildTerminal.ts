import * as path from 'node:path';
import * as vscode from 'vscode';
import { EngineFlavor, missingCapability } from '../../core/engine/engineFlavor';
import { BuildFailure, buildImage, BuildOptions } from '../../core/build/buildImage';
import type { BuilderChoice } from '../../core/build/buildTypes';
import { MachineSession } from '../../core/machines/session';
import { formatSize } from '../../core/util/format';
import { BuildDiagnostics } from './buildDiagnostics';
import { RegistryCredentialStore } from '../registry/registryCredentials';

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
    private readonly registryCredentials: RegistryCredentialStore,
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

  /** Registry credentials BuildKit asks for by host, in the form the session answers with. */
  private async credentialsFor(host: string): Promise<{ username: string; secret: string } | undefined> {
    const found = await this.registryCredentials.forHost(host);
    if (!found) {
      return undefined;
    }
    return found.identitytoken ? { username: '', secret: found.identitytoken } : { username: found.username ?? '', secret: found.password ?? '' };
  }

  private async run(): Promise<void> {
    const dockerfileUri = vscode.Uri.file(this.options.dockerfile);
    let lastUploadReport = 0;
    try {
      const session = await this.session();
      this.write(`${DIM}Building ${path.basename(this.options.dockerfile)} on ${session.machine.name} (${session.address}), context ${this.options.contextDir}${RESET}\n`);
      // The task's builder, else the user's choice for this machine (user settings only: machine scope).
      const byMachine = vscode.workspace.getConfiguration('dockerHosts.build').get<Record<string, BuilderChoice>>('builderByMachine', {});
      const builder = this.options.builder ?? byMachine[session.machine.name];
      const result = await buildImage(session.engine, { ...this.options, ...(builder && { builder }) }, {
        builder: (builder) => this.write(`${DIM}Builder: ${builder === 'buildkit' ? 'BuildKit' : `classic${classicNote(session)}`}${RESET}\n`),
        output: (text) => this.write(colouredBuildOutput(text)),
        upload: (sent, total) => {
          // Large contexts: a line every 10 MB, so the user sees the upload move.
          if (total > 10_000_000 && sent - lastUploadReport >= 10_000_000) {
            lastUploadReport = sent;
            this.write(`${DIM}sending context: ${formatSize(sent)} of ${formatSize(total)}${RESET}\n`);
          }
        },
      }, this.controller.signal, (host) => this.credentialsFor(host));
      this.diagnostics.clear(dockerfileUri);
      const built = result.output ? `Wrote the result ${result.output.type === 'tar' ? 'as a tar to' : 'into'} ${result.output.dest}` : `Built ${result.imageId ?? ''}`;
      this.write(`\n${GREEN}${built}${result.tags.length > 0 ? `, tagged ${result.tags.join(', ')}` : ''}${RESET}\n`);
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

/** A step's heading ("Step 2/4 : …" classic, "\n#5 [stage 2/4] RUN …" BuildKit) in cyan, a BuildKit step's error in red. */
function colouredBuildOutput(text: string): string {
  if (/^(Step \d+\/\d+ :|\n#\d+ )/.test(text)) {
    return `${BOLD_CYAN}${text}${RESET}`;
  }
  return /^#\d+ ERROR: /.test(text) ? `${RED}${text}${RESET}` : text;
}

/** Why an engine builds classic by itself (Podman has no BuildKit), said beside the builder's name. */
function classicNote(session: { readonly version?: { readonly flavor: EngineFlavor } | undefined }): string {
  const flavor = session.version?.flavor;
  return flavor && missingCapability(flavor, 'buildkit') ? ` (${flavor.label} has no BuildKit)` : '';
}
