// Checks documents of one language as they are typed: at once when one opens, and after a pause in typing.
import * as vscode from 'vscode';
import { checkDockerfile } from '../../core/dockerfile/checkDockerfile';
import { toDiagnostic } from './convert';
import { DocumentModels } from './documentModels';

export const DOCKERFILE_LANGUAGE = 'dockerfile';
const TYPING_PAUSE_MS = 300;

/** One DiagnosticCollection kept current for every open document of `language`. */
export class LanguageDiagnostics implements vscode.Disposable {
  private readonly collection: vscode.DiagnosticCollection;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly language: string, private readonly check: (document: vscode.TextDocument) => vscode.Diagnostic[]) {
    this.collection = vscode.languages.createDiagnosticCollection(language);
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.checkNow(document)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => this.checkSoon(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    ];
    vscode.workspace.textDocuments.forEach((document) => this.checkNow(document));
  }

  private checkSoon(document: vscode.TextDocument): void {
    if (document.languageId !== this.language) {
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => this.checkNow(document), TYPING_PAUSE_MS));
  }

  private checkNow(document: vscode.TextDocument): void {
    this.pending.delete(document.uri.toString());
    if (document.isClosed) {
      return;
    }
    if (document.languageId !== this.language) {
      // A document whose language changed away keeps no stale problems.
      this.collection.delete(document.uri);
      return;
    }
    this.collection.set(document.uri, this.check(document));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    this.pending.forEach((timer) => clearTimeout(timer));
    this.pending.clear();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.collection.dispose();
  }
}

export function dockerfileDiagnostics(models: DocumentModels): LanguageDiagnostics {
  return new LanguageDiagnostics(DOCKERFILE_LANGUAGE, (document) => checkDockerfile(models.get(document)).map(toDiagnostic));
}
