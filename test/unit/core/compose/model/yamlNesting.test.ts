// The pre-parse nesting bound: refuses what could overflow the parser's recursion, accepts real files.
import * as assert from 'node:assert/strict';
import { exceedsNesting } from '../../../../../src/core/compose/model/yamlNesting';

describe('compose YAML nesting bound', () => {
  it('a realistic compose file stays far below 20', () => {
    const text = 'services:\n  web:\n    image: busybox\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n    ports:\n      - target: 80\n        published: 8080\n    command: ["sh", "-c", "echo {[{"]\n';
    assert.equal(exceedsNesting(text, 20), false);
  });

  it('brackets inside quotes and comments do not count', () => {
    const text = `a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}'\nc: 1 # ${'['.repeat(500)}\n`;
    assert.equal(exceedsNesting(text, 10), false);
  });

  it('deep flow brackets, deep indentation and long dash chains each exceed it', () => {
    assert.equal(exceedsNesting(`a: ${'['.repeat(300)}`, 256), true);
    assert.equal(exceedsNesting(Array.from({ length: 300 }, (_, index) => `${' '.repeat(index)}k:`).join('\n'), 256), true);
    assert.equal(exceedsNesting(`${'- '.repeat(300)}x`, 256), true);
  });

  it('indentation that returns to the left pops its levels', () => {
    const block = Array.from({ length: 50 }, (_, index) => `${' '.repeat(index)}k${index}:`).join('\n');
    assert.equal(exceedsNesting(Array(20).fill(block).join('\n'), 60), false);
  });
});
