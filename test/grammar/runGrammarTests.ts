// The grammar tier: every file under test/grammar/corpus/ is a syntax test (vscode-tmgrammar-test's
// format: `# SYNTAX TEST "<scope>"` header, `# ^^^ scope` assertion lines), tokenized by the real
// vscode-textmate and oniguruma with the grammars that package.json contributes, plus VS Code's
// shell grammar for the embedded shell. One test per file, plus a check that the grammar JSON is
// what syntaxes/build-grammars.mjs generates. Prints "N passed, N failed" and records the counts.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRegistry, IGrammarConfig } from 'vscode-tmgrammar-test/dist/common/index';
import { parseGrammarTestCase, runGrammarTestCase, TestFailure } from 'vscode-tmgrammar-test/dist/unit/index';
import { recordTier, runTier } from '../support/summary';

const PROJECT_DIR = path.resolve(__dirname, '../../..');
const CORPUS_DIR = path.join(PROJECT_DIR, 'test', 'grammar', 'corpus');
const SHELL_GRAMMAR = path.join(PROJECT_DIR, 'node_modules', 'tm-grammars', 'grammars', 'shellscript.json');

interface Outcome {
  readonly name: string;
  readonly problems: string[];
}

function contributedGrammars(): IGrammarConfig[] {
  const manifest = JSON.parse(readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')) as { contributes: { grammars: IGrammarConfig[] } };
  return manifest.contributes.grammars.map((grammar) => ({ ...grammar, path: path.join(PROJECT_DIR, grammar.path) }));
}

function describeFailure(source: readonly string[], failure: TestFailure): string {
  const line = source[failure.srcLine] ?? '';
  const text = JSON.stringify(line.slice(failure.start, failure.end));
  const parts = [`line ${failure.line + 1}, ${text} (columns ${failure.start}-${failure.end})`];
  if (failure.missing.length > 0) {
    parts.push(`missing: ${failure.missing.join(' ')}`);
  }
  if (failure.unexpected.length > 0) {
    parts.push(`unexpected: ${failure.unexpected.join(' ')}`);
  }
  parts.push(`actual: ${failure.actual.join(' ') || '(no token)'}`);
  return parts.join('\n        ');
}

async function runCorpus(): Promise<Outcome[]> {
  const registry = createRegistry([...contributedGrammars(), { path: SHELL_GRAMMAR, scopeName: 'source.shell' }]);
  const outcomes: Outcome[] = [];
  for (const file of readdirSync(CORPUS_DIR).sort()) {
    const text = readFileSync(path.join(CORPUS_DIR, file), 'utf8');
    const unreadable = assertionsTheParserCannotRead(text);
    if (unreadable.length > 0) {
      outcomes.push({ name: file, problems: unreadable });
      continue;
    }
    const testCase = parseGrammarTestCase(text);
    const assertionCount = testCase.assertions.reduce((n, line) => n + line.scopeAssertions.length, 0);
    const name = `${file}: ${testCase.metadata.description || testCase.metadata.scope} (${assertionCount} assertions)`;
    try {
      const failures = await runGrammarTestCase(registry, testCase);
      const problems = failures.map((failure) => describeFailure(testCase.source, failure));
      // A test without assertions proves nothing.
      outcomes.push({ name, problems: assertionCount === 0 ? ['the file has no assertions'] : problems });
    } catch (error) {
      outcomes.push({ name, problems: [String((error as Error).stack ?? error)] });
    }
  }
  return outcomes;
}

/**
 * vscode-tmgrammar-test reads an assertion with one `- excluded scopes` group; given two, its regex
 * backtracks for minutes. Such lines are reported instead of parsed.
 */
function assertionsTheParserCannotRead(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => /^#\s*(\^|<~*-+)/.test(line) && (line.match(/\s-\s/g) ?? []).length > 1)
    .map(({ index }) => `line ${index + 1}: put all excluded scopes in one "- a b" group`);
}

function generatedGrammarIsCurrent(): Outcome {
  const check = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'syntaxes', 'build-grammars.mjs'), '--check'], { encoding: 'utf8' });
  return { name: 'syntaxes/*.tmLanguage.json are what syntaxes/build-grammars.mjs generates', problems: check.status === 0 ? [] : [check.stderr.trim()] };
}

async function main(): Promise<number> {
  const outcomes = [generatedGrammarIsCurrent(), ...(await runCorpus())];
  for (const { name, problems } of outcomes) {
    console.log(problems.length === 0 ? `  ✓ ${name}` : `  ✗ ${name}\n      ${problems.join('\n      ')}`);
  }
  const failed = outcomes.filter((outcome) => outcome.problems.length > 0).length;
  const passed = outcomes.length - failed;
  recordTier({ tier: 'grammar', passed, failed, skipped: 0 });
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

runTier('grammar', main);
