import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot, typeScriptFiles } from '../projectFiles';

// The extension decides on failure kinds from core (failureKindOf, session.failure), never on
// the English sentence: a reworded message must not change what the tree shows or offers.

const extensionDir = (): string => path.join(projectRoot(), 'src', 'extension');

/** A regex tested against, or a search in, something named like an error or its message. */
const READS_ERROR_TEXT = /\.test\([^)]*\b(message|error|reason)\b|\b(message|error|reason)\w*(\s*\?\?\s*'')?\)?\.(includes|startsWith|endsWith|match)\(/i;

describe('the extension reads no error text', () => {
  it('no file in src/extension tests or searches an error message', () => {
    const offending = typeScriptFiles(extensionDir()).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line: line.trim(), where: `${path.basename(file)}:${index + 1}` }))
        .filter(({ line }) => READS_ERROR_TEXT.test(line))
        .map(({ line, where }) => `${where}: ${line}`),
    );
    assert.deepEqual(offending, []);
  });

  it('the check does see the patterns it forbids', () => {
    for (const line of [
      "/TLS certificate of .* has expired/.test(this.session.error ?? '')",
      "if (!/unauthorized/i.test((error as Error).message)) {",
      "/in use/.test(message) ? 'a' : 'b'",
      "error.message.includes('denied')",
    ]) {
      assert.ok(READS_ERROR_TEXT.test(line), line);
    }
  });
});
