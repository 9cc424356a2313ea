import * as vscode from 'vscode';
import { BuildFailure } from '../../core/build/buildTypes';

/** Build failures in the Problems panel, on the Dockerfile line of the step that failed. */
export class BuildDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('docker-hosts-build');

  report(dockerfile: vscode.Uri, failure: BuildFailure): void {
    const line = Math.max(0, (failure.line ?? 1) - 1);
    const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), failure.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'docker build';
    if (failure.step !== undefined) {
      diagnostic.code = `step ${failure.step}`;
    }
    this.collection.set(dockerfile, [diagnostic]);
  }

  clear(dockerfile: vscode.Uri): void {
    this.collection.delete(dockerfile);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
