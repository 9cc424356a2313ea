// Hover, completion, outline and folding for Dockerfiles: thin adapters over src/core/dockerfile.
import * as vscode from 'vscode';
import { completionsAt, CompletionKind } from '../../core/dockerfile/completion';
import { foldingSpans } from '../../core/dockerfile/folding';
import { hoverAt } from '../../core/dockerfile/hover';
import { stageSymbols } from '../../core/dockerfile/symbols';
import { toRange } from './convert';
import { DocumentModels } from './documentModels';

const COMPLETION_KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  instruction: vscode.CompletionItemKind.Keyword,
  stage: vscode.CompletionItemKind.Reference,
  flag: vscode.CompletionItemKind.Property,
};

export class DockerfileHoverProvider implements vscode.HoverProvider {
  constructor(private readonly models: DocumentModels) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hover = hoverAt(this.models.get(document), position);
    return hover && new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.range));
  }
}

export class DockerfileCompletionProvider implements vscode.CompletionItemProvider {
  static readonly triggerCharacters = ['=', '-'];

  constructor(private readonly models: DocumentModels) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    return completionsAt(this.models.get(document), position).map((entry) => {
      const item = new vscode.CompletionItem(entry.label, COMPLETION_KINDS[entry.kind]);
      item.detail = entry.detail;
      item.documentation = new vscode.MarkdownString(entry.documentation);
      item.insertText = entry.insertText;
      item.range = new vscode.Range(position.line, entry.replaceFrom, position.line, position.character);
      return item;
    });
  }
}

export class DockerfileSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly models: DocumentModels) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    return stageSymbols(this.models.get(document)).map(
      (stage) => new vscode.DocumentSymbol(stage.name, stage.detail, vscode.SymbolKind.Module, toRange(stage.range), toRange(stage.selectionRange)),
    );
  }
}

export class DockerfileFoldingProvider implements vscode.FoldingRangeProvider {
  constructor(private readonly models: DocumentModels) {}

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    return foldingSpans(this.models.get(document)).map((span) => {
      const kind = span.kind === 'comment' ? vscode.FoldingRangeKind.Comment : span.kind === 'region' ? vscode.FoldingRangeKind.Region : undefined;
      return new vscode.FoldingRange(span.startLine, span.endLine, kind);
    });
  }
}
