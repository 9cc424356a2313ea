// Hostile files: each finishes (no hang, no stack overflow) with a result or one clear message,
// through both the loader's per-file step and the editor check. No timing is asserted.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkComposeText } from '../../../../../src/core/compose/model/checkText';
import { composeFileFromText } from '../../../../../src/core/compose/model/composeFile';
import { ComposeFileError } from '../../../../../src/core/compose/model/composeModel';
import { parseEnvFile } from '../../../../../src/core/compose/model/envFile';
import { loadComposeProject } from '../../../../../src/core/compose/model/loadProject';

const NO_ENVIRONMENT = { lookup: () => undefined, onMissing: () => undefined };

function billionLaughs(): string {
  let text = 'x-0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let level = 1; level < 10; level++) {
    text += `x-${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(',')}]\n`;
  }
  return `${text}services: {}\n`;
}

describe('compose model: hostile input', function () {
  // Large inputs on a shared machine; the point is that they finish, not how fast.
  this.timeout(60_000);

  it('a 1 MB line is read as the value it is', () => {
    const text = `services:\n  a:\n    image: busybox\n    command: "${'x'.repeat(1 << 20)}"\n`;
    assert.deepEqual(checkComposeText(text, 'c.yaml'), []);
    const file = composeFileFromText(text, 'c.yaml', NO_ENVIRONMENT);
    assert.equal(((file.value['services'] as Record<string, Record<string, string>>)['a']?.['command'] ?? '').length, 1 << 20);
  });

  it('billion laughs: alias expansion is refused with a message saying so', () => {
    const problems = checkComposeText(billionLaughs(), 'c.yaml');
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /alias/i);
    assert.throws(() => composeFileFromText(billionLaughs(), 'c.yaml', NO_ENVIRONMENT), (error: unknown) => error instanceof ComposeFileError && /alias/i.test(error.message));
  });

  it('100,000 nested flow sequences: refused as too deep, no stack overflow', () => {
    const text = `x-a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\nservices: {}\n`;
    assert.match(checkComposeText(text, 'c.yaml')[0]?.message ?? '', /nests too deeply/);
    assert.throws(() => composeFileFromText(text, 'c.yaml', NO_ENVIRONMENT), /nests too deeply/);
  });

  it('3,000 nested block mappings: refused as too deep', () => {
    const text = `x-a:\n${Array.from({ length: 3000 }, (_, index) => `${' '.repeat(index + 1)}k:`).join('\n')} 1\nservices: {}\n`;
    assert.match(checkComposeText(text, 'c.yaml')[0]?.message ?? '', /nests too deeply/);
    assert.throws(() => composeFileFromText(text, 'c.yaml', NO_ENVIRONMENT), /nests too deeply/);
  });

  it('100 levels of mappings (which yaml parses) are refused before our own recursion', () => {
    const text = `x-a: ${'{a: '.repeat(100)}1${'}'.repeat(100)}\nservices: {}\n`;
    assert.throws(() => composeFileFromText(text, 'c.yaml', NO_ENVIRONMENT), /nests too deeply \(more than 64 levels\)/);
  });

  it('20,000 services each with an unknown key: at most 100 problems, the first named', () => {
    const text = `services:\n${Array.from({ length: 20_000 }, (_, index) => `  s${index}:\n    image: busybox\n    bogus${index}: 1`).join('\n')}\n`;
    const problems = checkComposeText(text, 'c.yaml');
    assert.equal(problems.length, 100);
    assert.equal(problems[0]?.startLine, 3);
    assert.throws(() => composeFileFromText(text, 'c.yaml', NO_ENVIRONMENT), /c\.yaml:4: services\.s0 has a key .*bogus0/);
  });

  it('a map with 50,000 keys and one duplicate: the duplicate is found', () => {
    const keys = Array.from({ length: 50_000 }, (_, index) => `  K${index}: v`);
    keys.push('  K7: again');
    const text = `services:\n  a:\n    image: busybox\nx-big:\n${keys.join('\n')}\n`;
    const problems = checkComposeText(text, 'c.yaml');
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /K7/);
  });

  it('a .env double quote never closed over 200,000 lines: one error, each line scanned once', () => {
    const text = `A="${'\\x\n'.repeat(200_000)}`;
    assert.throws(() => parseEnvFile(text, '/p/.env', () => undefined), /\.env:1: A: the double quote is not closed/);
  });

  it('a compose file larger than the cap is refused by name, not read whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compose-hostile-'));
    try {
      const file = path.join(dir, 'compose.yaml');
      writeFileSync(file, `services: {}\nx-pad: "${'x'.repeat(5 * 1024 * 1024)}"\n`);
      await assert.rejects(loadComposeProject({ files: [file], environment: {} }), (error: unknown) => error instanceof ComposeFileError && error.message.includes(file) && /larger than/.test(error.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
