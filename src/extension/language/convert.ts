// Core's plain ranges and problems as VS Code objects.
import * as vscode from 'vscode';
import { Problem, Severity } from '../../core/dockerfile/problems';
import { TextRange } from '../../core/dockerfile/textRange';

export const DIAGNOSTIC_SOURCE = 'Docker Hosts';

export function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(problem: Problem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(problem.range), problem.message, SEVERITIES[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.url ? { value: problem.code, target: vscode.Uri.parse(problem.url) } : problem.code;
  diagnostic.tags = problem.tags?.map((tag) => (tag === 'deprecated' ? vscode.DiagnosticTag.Deprecated : vscode.DiagnosticTag.Unnecessary));
  return diagnostic;
}
