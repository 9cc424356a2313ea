import * as vscode from 'vscode';

export const READ_ONLY_SCHEME = 'docker-hosts-view';

/**
 * Text the extension shows (an inspect's JSON, a process table, an image's history) as read-only
 * documents of a content provider: unlike an untitled document, closing one asks nothing, and
 * nothing typed there looks like a change to the engine. The text is kept while its document is open.
 */
class ReadOnlyDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private shown = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens `content` in a preview editor titled `name` (its extension picks the language: `.json`, `.txt`). */
  async show(name: string, content: string): Promise<vscode.TextEditor> {
    this.shown += 1;
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${name.replace(/[/\\?#%]/g, '_')}`, query: String(this.shown) });
    this.contents.set(uri.toString(), content);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: true });
  }

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((document) => this.contents.delete(document.uri.toString())),
    );
  }
}

/** One per extension host: registered at activation (extension.ts), used by the commands that show text. */
export const readOnlyDocuments = new ReadOnlyDocuments();
