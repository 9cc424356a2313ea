// Runs inside real VS Code's extension host: the Dockerfile language as a user meets it. Files are
// written to disk and opened by name, so that the file associations are what picks the language.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'docker-hosts.docker-hosts';
let dir: string;

async function open(name: string, lines: string[]): Promise<vscode.TextDocument> {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n'));
  return vscode.workspace.openTextDocument(vscode.Uri.file(file));
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Diagnostics are computed after a typing pause: poll until they satisfy `ready`. */
async function diagnosticsWhen(uri: vscode.Uri, ready: (diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Docker Hosts');
    if (ready(diagnostics)) {
      return diagnostics;
    }
    if (Date.now() > deadline) {
      assert.fail(`${what}; have: ${diagnostics.map((d) => `${d.range.start.line}:${codeOf(d)}`).join(', ') || 'none'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const PROBLEMS = [
  'ARG BASE=alpine', // 0
  'LABEL too=early', // 1 MissingFrom
  'FROM ${BASE} as build', // 2 FromAsCasing
  'WORKDIR app', // 3 WorkdirRelativePath
  'ENV GITHUB_TOKEN=abc', // 4 SecretsUsedInArgOrEnv
  'RUN apk add \\', // 5
  '', // 6 NoEmptyContinuation
  '    curl', // 7
  'MAINTAINER someone', // 8 MaintainerDeprecated
  'CMD ["first"]', // 9 MultipleInstructionsDisallowed
  "CMD ['sh', '-c', 'echo hi']", // 10 JSONArgsRecommended (single quotes)
  'FROM ${BSE} AS build', // 11 UndefinedArgInFrom, DuplicateStageName
  'COPY --from=buidl /out /app', // 12 UnknownStage
  'RUNN echo typo', // 13 UnknownInstruction
];

describe('Dockerfile language in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir();
    dir = mkdtempSync(path.join(root, 'dockerfiles-'));
  });

  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, *.containerfile as dockerfile and .dockerignore as dockerignore', async () => {
    for (const name of ['Dockerfile', 'Containerfile', 'app.Dockerfile', 'Dockerfile.dev', 'web.containerfile']) {
      const document = await open(name, ['FROM alpine']);
      assert.equal(document.languageId, 'dockerfile', name);
    }
    assert.equal((await open('.dockerignore', ['node_modules'])).languageId, 'dockerignore');
  });

  it('reports the problems of a Dockerfile under BuildKit rule names, once typing pauses', async () => {
    const document = await open('Dockerfile.problems', PROBLEMS);
    const expected = [
      '1:MissingFrom', '2:FromAsCasing', '3:WorkdirRelativePath', '4:SecretsUsedInArgOrEnv', '6:NoEmptyContinuation', '8:MaintainerDeprecated',
      '9:MultipleInstructionsDisallowed', '10:JSONArgsRecommended', '11:UndefinedArgInFrom', '11:DuplicateStageName', '12:UnknownStage', '13:UnknownInstruction',
    ];
    const diagnostics = await diagnosticsWhen(document.uri, (found) => found.length >= expected.length, 'all expected problems');
    const found = diagnostics.map((d) => `${d.range.start.line}:${codeOf(d)}`);
    assert.deepEqual([...found].sort(), [...expected].sort());
    const casing = diagnostics.find((d) => codeOf(d) === 'FromAsCasing');
    assert.equal((casing?.code as { target: vscode.Uri }).target.toString(), 'https://docs.docker.com/go/dockerfile/rule/from-as-casing/');
    assert.equal(diagnostics.find((d) => codeOf(d) === 'UnknownInstruction')?.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(diagnostics.find((d) => codeOf(d) === 'MaintainerDeprecated')?.tags, [vscode.DiagnosticTag.Deprecated]);
  });

  it('checks again as the document is edited', async () => {
    const document = await open('Dockerfile.edit', ['FROM alpine as build', 'CMD ["true"]']);
    await diagnosticsWhen(document.uri, (found) => found.some((d) => codeOf(d) === 'FromAsCasing'), 'FromAsCasing before the edit');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 12, 0, 14), 'AS');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await diagnosticsWhen(document.uri, (found) => !found.some((d) => codeOf(d) === 'FromAsCasing'), 'FromAsCasing gone after the edit');
    assert.deepEqual(after, []);
    await document.save();
  });

  it('honours # check=skip=all for checks but still reports build errors', async () => {
    const document = await open('Dockerfile.skip', ['# check=skip=all', ...PROBLEMS]);
    const diagnostics = await diagnosticsWhen(document.uri, (found) => found.length > 0, 'the build errors');
    await new Promise((resolve) => setTimeout(resolve, 500)); // nothing else should arrive
    assert.deepEqual([...new Set(vscode.languages.getDiagnostics(document.uri).map(codeOf))].sort(), ['MissingFrom', 'UnknownInstruction']);
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
  });

  it('offers hover, keyword and stage completion, stage outline and stage folding', async () => {
    const document = await open('Dockerfile.features', ['FROM golang:1.22 AS build', 'RUN go build -o /app', '', 'FROM alpine', 'COPY --from=']);
    const [hover] = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, 1));
    assert.match((hover?.contents[0] as vscode.MarkdownString).value, /\*\*RUN\*\* — Runs a command/);

    const stages = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(4, 12), '=');
    assert.ok(stages.items.some((item) => item.label === 'build'), 'the stage name after --from=');
    const keywords = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(2, 0));
    assert.ok(['FROM', 'RUN', 'HEALTHCHECK'].every((keyword) => keywords.items.some((item) => item.label === keyword)));

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [['build', 'FROM golang:1.22'], ['stage 1', 'FROM alpine']]);

    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    assert.ok(folds.some((fold) => fold.start === 0 && fold.end === 1), `stage fold 0-1 among ${JSON.stringify(folds)}`);
  });

  // VS Code 1.100 has no API that returns TextMate scopes (the internal command that did,
  // _workbench.captureSyntaxTokens, is gone). So this asserts what can be seen from here: which
  // grammar is contributed, and one effect of our tokens in the editor.
  it('uses this extension’s grammar for dockerfile, over the one built into VS Code', async () => {
    const ours = vscode.extensions.getExtension(EXTENSION_ID);
    type Grammar = { language?: string; scopeName: string; path: string };
    const contributed = (ours?.packageJSON as { contributes: { grammars: Grammar[] } }).contributes.grammars.find((g) => g.language === 'dockerfile');
    assert.equal(contributed?.scopeName, 'source.dockerfile');
    const grammarFile = path.join(ours?.extensionPath ?? '', contributed?.path ?? '');
    assert.ok(existsSync(grammarFile), grammarFile);
    assert.equal((JSON.parse(readFileSync(grammarFile, 'utf8')) as { scopeName: string }).scopeName, 'source.dockerfile');
    // The built-in grammar has the same scope name; VS Code registers built-in extensions first, so
    // the later registration (ours) is the one that the scope name and the language resolve to.
    const builtIn = vscode.extensions.all.filter((e) => e.id !== EXTENSION_ID && ((e.packageJSON as { contributes?: { grammars?: Grammar[] } }).contributes?.grammars ?? []).some((g) => g.scopeName === 'source.dockerfile'));
    assert.ok(builtIn.every((e) => (e.packageJSON as { isBuiltin?: boolean }).isBuiltin !== false), builtIn.map((e) => e.id).join());

    // What the editor does shows which tokens it has. A `[` typed in a comment is not auto-closed
    // (language configuration `notIn: ["comment"]`). The built-in grammar makes `# syntax=…` a
    // comment; ours makes it a parser directive, so there the bracket closes. Tokens are read
    // synchronously for this, as the background tokenizer answers "plain" until it has caught up.
    const settings = vscode.workspace.getConfiguration('editor');
    await settings.update('experimental.asyncTokenization', false, vscode.ConfigurationTarget.Global);
    try {
      const document = await open('Dockerfile.directive', ['# syntax=docker/dockerfile:1', 'FROM alpine', '# a plain comment']);
      assert.equal(document.languageId, 'dockerfile');
      const editor = await vscode.window.showTextDocument(document);
      assert.equal(await typeAtEndOf(editor, 1, '[', (text) => text.endsWith('[]')), 'FROM alpine[]', 'a bracket after an image closes');
      assert.equal(await typeAtEndOf(editor, 2, '[', () => true), '# a plain comment[', 'a bracket in a comment stays open');
      assert.equal(await typeAtEndOf(editor, 0, '[', (text) => text.endsWith('[]')), '# syntax=docker/dockerfile:1[]', 'the directive is not a comment');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await settings.update('experimental.asyncTokenization', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});

/**
 * Types `text` at the end of a line and returns the line. Until tokenization has caught up the
 * editor may see plain tokens: retry (undoing each try) until `settled` or 10 s have passed.
 */
async function typeAtEndOf(editor: vscode.TextEditor, line: number, text: string, settled: (line: string) => boolean): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const end = editor.document.lineAt(line).range.end;
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('type', { text });
    const typed = editor.document.lineAt(line).text;
    if (settled(typed) || Date.now() > deadline) {
      return typed;
    }
    await vscode.commands.executeCommand('undo');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
