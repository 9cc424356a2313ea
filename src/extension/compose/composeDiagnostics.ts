import * as vscode from 'vscode';
import { checkComposeText, ComposeTextProblem } from '../../core/compose/model/checkText';
import { LanguageDiagnostics } from '../language/diagnostics';
import { COMPOSE_LANGUAGE } from './composeLanguageClient';

export const COMPOSE_DIAGNOSTIC_SOURCE = 'compose';

function toDiagnostic(problem: ComposeTextProblem): vscode.Diagnostic {
  const range = new vscode.Range(problem.startLine, problem.startColumn, problem.endLine, problem.endColumn);
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
  diagnostic.source = COMPOSE_DIAGNOSTIC_SOURCE;
  return diagnostic;
}

/** YAML and compose-spec schema problems of open compose files, at the offending key, as they are typed. */
export function composeDiagnostics(): vscode.Disposable {
  return new LanguageDiagnostics(COMPOSE_LANGUAGE, (document) => checkComposeText(document.getText(), document.uri.fsPath).map(toDiagnostic));
}
