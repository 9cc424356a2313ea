// Completion, hover, links and formatting in compose files, from @microsoft/compose-language-service
// run as a language server in its own process (dist/composeLanguageServer.js, spawned over IPC).
// Its diagnostics are turned off: ours (composeDiagnostics.ts) check the compose-spec schema at the key.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, StaticFeature, TransportKind } from 'vscode-languageclient/node';

/** VS Code's own YAML extension maps compose.yaml, compose.*.yaml and *docker*compose*.y(a)ml to this id. */
export const COMPOSE_LANGUAGE = 'dockercompose';

/**
 * Tells the server which features another service provides, so it leaves them out: schema and
 * syntax checks (ours), and the "Run Service" code lens (it runs another extension's commands).
 */
class OwnComposeFeatures implements StaticFeature {
  fillClientCapabilities(capabilities: { experimental?: Record<string, unknown> }): void {
    capabilities.experimental = {
      ...capabilities.experimental,
      alternateYamlLanguageService: {
        syntaxValidation: true,
        schemaValidation: true,
        basicCompletions: false,
        advancedCompletions: false,
        serviceStartupCodeLens: true,
        hover: false,
        imageLinks: false,
        formatting: false,
      },
    };
  }

  initialize(): void {
    // Nothing to set up: the capabilities above are all this feature does.
  }

  getState(): { kind: 'static' } {
    return { kind: 'static' };
  }

  dispose(): void {
    // Holds nothing.
  }
}

/**
 * Starts the compose language server; a failure to start is logged, and the editor works without it.
 * The server's telemetry notifications reach only this client, which drops them: nothing is sent anywhere.
 */
export function startComposeLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable {
  const module = context.asAbsolutePath('dist/composeLanguageServer.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: COMPOSE_LANGUAGE }],
    outputChannel: log,
  };
  const client = new LanguageClient('dockerHosts.compose', 'Docker Hosts: Compose language server', serverOptions, clientOptions);
  client.registerFeature(new OwnComposeFeatures());
  client.start().catch((error: unknown) => log.error('The compose language server did not start; completion and hover in compose files are off', error));
  return { dispose: () => void client.stop().catch(() => undefined) };
}
