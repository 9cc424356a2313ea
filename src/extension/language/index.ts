// The Dockerfile editor features: diagnostics as you type, hover, completion, outline and folding.
// The grammar and language configuration are contributed statically in package.json.
import * as vscode from 'vscode';
import { DOCKERFILE_LANGUAGE, dockerfileDiagnostics } from './diagnostics';
import { DocumentModels } from './documentModels';
import { DockerfileCompletionProvider, DockerfileFoldingProvider, DockerfileHoverProvider, DockerfileSymbolProvider } from './providers';

export function registerDockerfileLanguage(context: vscode.ExtensionContext): void {
  const selector: vscode.DocumentSelector = { language: DOCKERFILE_LANGUAGE };
  const models = new DocumentModels();
  context.subscriptions.push(
    models,
    dockerfileDiagnostics(models),
    vscode.languages.registerHoverProvider(selector, new DockerfileHoverProvider(models)),
    vscode.languages.registerCompletionItemProvider(selector, new DockerfileCompletionProvider(models), ...DockerfileCompletionProvider.triggerCharacters),
    vscode.languages.registerDocumentSymbolProvider(selector, new DockerfileSymbolProvider(models), { label: 'Stages' }),
    vscode.languages.registerFoldingRangeProvider(selector, new DockerfileFoldingProvider(models)),
  );
}
