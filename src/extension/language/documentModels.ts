// One parse per document version, shared by diagnostics, hover, completion, outline and folding.
import * as vscode from 'vscode';
import { DockerfileModel, parseDockerfile } from '../../core/dockerfile/model';

export class DocumentModels implements vscode.Disposable {
  private readonly models = new Map<string, { version: number; model: DockerfileModel }>();
  private readonly subscription = vscode.workspace.onDidCloseTextDocument((document) => this.models.delete(document.uri.toString()));

  get(document: vscode.TextDocument): DockerfileModel {
    const key = document.uri.toString();
    const cached = this.models.get(key);
    if (cached && cached.version === document.version) {
      return cached.model;
    }
    const model = parseDockerfile(document.getText());
    this.models.set(key, { version: document.version, model });
    return model;
  }

  dispose(): void {
    this.subscription.dispose();
    this.models.clear();
  }
}
